// Seed 003 (Single sign-on and Control Hub): the administrator protects Webex Control Hub
// and imports its SP metadata file, idb-meta-<org-ID>-SP.xml (made here from the fixture
// Control Hub exports, with the ACS and Single Logout endpoints and signing certificate of a
// loopback SP standing in for Webex). The page shows the imported values, NameID transient and
// email → uid. Then "Test SSO setup": the loopback SP, configured like Webex (NameID format
// transient, signed AuthnRequests), signs a user in by HTTP-Redirect and by HTTP-POST and sees
// a transient NameID and a uid attribute with the user's email. Re-importing a changed file
// updates the ACS URL.
import { randomUUID, X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { applicationForm, card, openApplication, protectApplication, type ProtectedApp } from "./support/applications";
import { escapeRegExp, field } from "./support/console";
import { shot } from "./support/screenshots";
import {
  enterIdentifier,
  enterPassword,
  expectRequestRefused,
  expectSignInPage,
  expectSpSignedIn,
  spAttribute,
  TRANSIENT_NAMEID,
} from "./support/hosted-sign-in";
import { NAMEID, SP_CERT_BASE64, SP_CERT_PEM, TestSp } from "./support/test-sp";

const FIXTURE_ORG = "c0cb726f-a187-4ef6-b89d-46749e1abd7a";
const FIXTURE = path.join(__dirname, "..", "test", "fixtures", "saml", `idb-meta-${FIXTURE_ORG}-SP.xml`);

/**
 * Control Hub's SP metadata for this organization, with the loopback SP's ACS (index 0, the
 * default POST one), Single Logout URL and signing certificate; the second POST ACS
 * (idbroker-b-us) and the Artifact one stay as Control Hub writes them.
 */
function webexMetadataFile(sp: TestSp, org: string): Buffer {
  let xml = readFileSync(FIXTURE, "utf8").split(FIXTURE_ORG).join(org);
  const signing = /(<KeyDescriptor use="signing">[\s\S]*?<ds:X509Certificate>)([\s\S]*?)(<\/ds:X509Certificate>)/;
  expect(xml).toMatch(signing);
  xml = xml.replace(
    signing,
    (_, open: string, _old: string, close: string) =>
      `${open}\n${SP_CERT_BASE64.replace(/(.{64})/g, "$1\n")}\n${close}`,
  );
  const acs0 =
    /(<AssertionConsumerService index="0" isDefault="true" Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location=")[^"]+(")/;
  expect(xml).toMatch(acs0);
  xml = xml.replace(acs0, `$1${sp.acsUrl}$2`);
  const slo =
    /(<SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location=")[^"]+(" ResponseLocation=")[^"]+(")/;
  expect(xml).toMatch(slo);
  xml = xml.replace(slo, `$1${sp.sloUrl}$2${sp.sloUrl}$3`);
  return Buffer.from(xml, "utf8");
}

async function importFile(page: Page, file: Buffer, fileName: string) {
  const form = card(page, "Import Service Provider metadata");
  await field(form, "Metadata file").setInputFiles({ name: fileName, mimeType: "application/xml", buffer: file });
  await form.getByRole("button", { name: "Import" }).click();
  await expect(page).toHaveURL(/\?imported=/);
}

test("seed 003: Webex Control Hub from its SP metadata file, Test SSO setup by both bindings, a re-import", async ({
  page,
  freshPage,
  tenant,
  consoleAs,
}) => {
  const ORG = randomUUID();
  const WEBEX_ENTITY_ID = `https://idbroker.webex.com/${ORG}`;
  const FILE_NAME = `idb-meta-${ORG}-SP.xml`;
  const webex = await tenant.sp({
    name: "Webex (loopback stand-in)",
    entityId: WEBEX_ENTITY_ID,
    identifierFormat: NAMEID.transient,
    signRequests: true,
  });
  const user = await tenant.user({ name: "wendy.webex" });
  const admin = await consoleAs("Application Manager");
  let app: ProtectedApp;

  await test.step("the administrator protects Webex Control Hub and imports its idb-meta-<org-ID>-SP.xml", async () => {
    app = await protectApplication(admin, "Webex Control Hub", "webex");
    tenant.forgetApplicationsAfterwards(app.id);
    await expect(admin.getByRole("main").getByRole("status").first()).toContainText("idb-meta-<org-ID>-SP.xml");
    // Before the import: transient NameID and email → uid are already set, the SP part is empty.
    let f = applicationForm(admin);
    await expect(f.nameIdFormat).toHaveValue(NAMEID.transient);
    await expect(f.attributeSource(1)).toHaveValue("email");
    await expect(f.attributeName(1)).toHaveValue("uid");
    await expect(f.entityId).toHaveValue("");

    await importFile(admin, webexMetadataFile(webex, ORG), FILE_NAME);
    // The Artifact-binding ACS is skipped: Portcullis answers by HTTP-POST only.
    await expect(admin.getByRole("main").getByRole("status").first()).toHaveText(
      new RegExp(
        `^Imported Entity ID ${escapeRegExp(WEBEX_ENTITY_ID)}, 2 ACS URLs, Single Logout URL, NameID format transient(, [A-Za-z]+)*, 1 signing certificate\\. Skipped 1 ACS URL that do(es)? not use HTTP-POST\\.$`,
      ),
    );
    f = applicationForm(admin);
    await expect(f.entityId).toHaveValue(WEBEX_ENTITY_ID);
    await expect(f.acsRows).toHaveCount(2);
    await expect(f.acsIndex(1)).toHaveValue("0");
    await expect(f.acsUrl(1)).toHaveValue(webex.acsUrl);
    await expect(f.acsDefault(1)).toBeChecked();
    await expect(f.acsIndex(2)).toHaveValue("2");
    await expect(f.acsUrl(2)).toHaveValue(`https://idbroker-b-us.webex.com/idb/Consumer/metaAlias/${ORG}/sp`);
    await expect(f.sloUrl).toHaveValue(webex.sloUrl);
    // Seed 003: NameID format transient, and a "uid" claim with the email address.
    await expect(f.nameIdFormat).toHaveValue(NAMEID.transient);
    await expect(f.attributeRows).toHaveCount(1);
    await expect(f.attributeSource(1)).toHaveValue("email");
    await expect(f.attributeName(1)).toHaveValue("uid");
    // AuthnRequestsSigned="true": signed requests are now required, with Webex's certificate.
    await expect(f.requireSignedRequests).toBeChecked();
    const pem = (await f.spCertificate.inputValue()).replace(/\s+/g, "");
    expect(pem).toBe(SP_CERT_PEM.replace(/\s+/g, ""));
    // The certificate as a summary, its PEM behind a toggle.
    const cert = f.response.getByTestId("sp-certificate");
    await expect(cert).toHaveCount(1);
    const info = new X509Certificate(SP_CERT_PEM);
    await expect(cert).toContainText(info.subject.split("\n")[0]!);
    await expect(cert).toContainText(info.fingerprint256);
    await expect(cert).toContainText(new Date(info.validTo).toISOString().slice(0, 10));
    await expect(cert.locator("pre")).toBeHidden();
    await cert.getByText("Show PEM of certificate 1").click();
    await expect(cert.locator("pre")).toContainText("-----BEGIN CERTIFICATE-----");
    await shot(admin, "application-sp-certificate");
    await expect(f.signatureAlgorithm).toHaveValue("SHA256");

    // The IdP metadata Webex imports back now asks for signed requests.
    await webex.useIdp(app.metadataUrl);
    expect(await (await fetch(app.metadataUrl)).text()).toContain('WantAuthnRequestsSigned="true"');
  });

  await test.step("Test SSO setup by HTTP-Redirect: transient NameID and uid = email at the SP", async () => {
    await page.goto(webex.loginUrl({ binding: "redirect" }));
    await expectSignInPage(page, app.name);
    await enterIdentifier(page, user.username);
    await enterPassword(page, user);
    // Transient: an opaque value for this session only; Webex identifies the user by uid.
    await expectSpSignedIn(page, webex, TRANSIENT_NAMEID);
    await expect(page.getByTestId("name-id-format")).toHaveText(NAMEID.transient);
    await expect(spAttribute(page, "uid")).toHaveText(user.email);
    await expect(page.getByTestId("audience")).toHaveText(WEBEX_ENTITY_ID);
    // The qualifiers ADFS's custom claim rule adds for Webex: the IdP's and Webex's entity IDs.
    const s = webex.lastSignIn!;
    expect(s.nameQualifier).toBe(app.entityId);
    expect(s.spNameQualifier).toBe(WEBEX_ENTITY_ID);
    expect(s.inResponseTo).toMatch(/^_/);
    expect(webex.errors).toEqual([]);
  });

  await test.step("Test SSO setup by HTTP-POST, with an RSA-SHA256 signed AuthnRequest", async () => {
    const page = await freshPage();
    await page.goto(webex.loginUrl({ binding: "post", relay: "https://web.webex.com/" }));
    await expectSignInPage(page, app.name);
    await enterIdentifier(page, user.email);
    await enterPassword(page, user);
    // Transient: an opaque value for this session only; Webex identifies the user by uid.
    await expectSpSignedIn(page, webex, TRANSIENT_NAMEID);
    await expect(page.getByTestId("name-id-format")).toHaveText(NAMEID.transient);
    await expect(spAttribute(page, "uid")).toHaveText(user.email);
    await expect(page.getByTestId("relay-state")).toHaveText("https://web.webex.com/");
  });

  await test.step("an unsigned AuthnRequest is refused now that Webex's metadata asks for signed ones", async () => {
    const page = await freshPage();
    const unsigned = await TestSp.start({
      name: "Unsigned Webex",
      entityId: WEBEX_ENTITY_ID,
      identifierFormat: NAMEID.transient,
    });
    try {
      // Same entity ID and ACS URL as Webex, but without its key.
      await unsigned.useIdp(app.metadataUrl);
      await page.goto(unsigned.loginUrl({ acs: webex.acsUrl }));
      await expectRequestRefused(page);
    } finally {
      await unsigned.stop();
    }
  });

  await test.step("the administrator re-imports a changed metadata file: the ACS URL is updated", async () => {
    webex.acsPath = "/acs/webex-v2";
    await openApplication(admin, app.id);
    await importFile(admin, webexMetadataFile(webex, ORG), FILE_NAME);
    const f = applicationForm(admin);
    await expect(f.acsUrl(1)).toHaveValue(`${webex.baseUrl}/acs/webex-v2`);
    await expect(f.acsRows).toHaveCount(2);
    await expect(f.entityId).toHaveValue(WEBEX_ENTITY_ID);
    await openApplication(admin, app.id);
    await expect(applicationForm(admin).acsUrl(1)).toHaveValue(`${webex.baseUrl}/acs/webex-v2`);
  });

  await test.step("after the re-import the Response goes to the new ACS URL", async () => {
    const page = await freshPage();
    const user = await tenant.user({ name: "wendy.after" });
    await page.goto(webex.loginUrl());
    await expectSignInPage(page, app.name);
    await enterIdentifier(page, user.username);
    await enterPassword(page, user);
    await expectSpSignedIn(page, webex, TRANSIENT_NAMEID);
    await expect(spAttribute(page, "uid")).toHaveText(user.email);
    await expect(page).toHaveURL(`${webex.baseUrl}/acs/webex-v2`);
    expect(webex.lastSignIn!.destination).toBe(`${webex.baseUrl}/acs/webex-v2`);
  });
});
