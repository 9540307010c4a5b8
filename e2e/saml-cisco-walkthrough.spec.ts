// Seed 000 (Integrate Cisco Secure Email Encryption Service with Duo), steps 2-10, done in
// the console as a new administrator would: Applications → Protect an Application → Generic
// SAML Service Provider → Protect; copy the Single Sign-On URL; Download certificate and
// Download XML (checked against the page's fingerprints); Service Provider → Entity ID and
// ACS URL; Settings → Name; Save. The catalog's own "Cisco Secure Email Encryption Service"
// entry fills the same values. (CRES itself is not reachable from here: the sign-in itself
// is proven with loopback service providers in the other saml-* specs.)
import { readFileSync } from "node:fs";
import { X509Certificate } from "node:crypto";
import { test, expect } from "./support/fixtures";
import { ROLE_ACCOUNTS, authFile } from "./support/accounts";
import {
  applicationForm,
  card,
  openApplication,
  protectApplication,
  readApplication,
  saveApplication,
} from "./support/applications";
import { heading } from "./support/console";
import { shot } from "./support/screenshots";
import { NAMEID, parseIdpMetadata } from "./support/test-sp";

test.use({ storageState: authFile(ROLE_ACCOUNTS["Application Manager"].key) });

const CRES = { entityId: "https://res.cisco.com/", acs: "https://res.cisco.com/websafe/ssourl" };

/** "MM-DD-YYYY", as the seed's screen shows the certificate's expiry. */
const mmddyyyy = (d: Date) =>
  `${String(d.getUTCMonth() + 1).padStart(2, "0")}-${String(d.getUTCDate()).padStart(2, "0")}-${d.getUTCFullYear()}`;

test("seed 000, steps 2-10: a Generic SAML Service Provider for CRES, field by field", async ({
  page,
  context,
  baseURL,
  tenant,
}) => {
  const NAME = tenant.name("CISCO CRES");
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);

  // Step 2. Navigate to Applications.
  await page.goto("/admin");
  await page
    .getByRole("navigation", { name: "Console" })
    .getByRole("link", { name: "Applications", exact: true })
    .click();
  await expect(heading(page, "Applications")).toBeVisible();

  // Step 3. Protect an Application, and find the entry by searching.
  await page.getByRole("main").getByRole("link", { name: "Protect an Application" }).first().click();
  await expect(heading(page, "Protect an Application")).toBeVisible();
  await page.getByRole("searchbox", { name: "Search for an application" }).fill("generic saml");
  await page.getByRole("search").getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\?q=generic(\+|%20)saml$/);
  const entries = page.getByTestId("catalog-entry");
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText("Generic SAML Service Provider");
  await expect(entries.first()).toContainText("Protection type: 2FA with SSO hosted by Portcullis");

  // Step 4. Generic SAML Service Provider → Protect.
  await entries.first().getByRole("button", { name: "Protect Generic SAML Service Provider" }).click();
  await expect(page).toHaveURL(/\/admin\/applications\/[^/?]+\?protected=1$/);
  await expect(page.getByRole("main").getByRole("status").first()).toContainText(
    "Generic SAML Service Provider is protected.",
  );
  const app = await readApplication(page);
  tenant.forgetApplicationsAfterwards(app.id);

  // The page has the seed screen's sections in its order (then where its users sign in, and
  // the effective Policy), and its header links.
  await expect(page.getByRole("main").getByRole("heading", { level: 2 })).toHaveText([
    "Metadata",
    "Certificate Fingerprints",
    "Downloads",
    "Import Service Provider metadata",
    "Service Provider",
    "SAML Response",
    "Settings",
    "Authentication source",
    "Policy",
  ]);
  await expect(page.getByRole("main").getByRole("link", { name: "Authentication Log", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Remove Application" })).toBeVisible();
  const metadata = card(page, "Metadata");
  for (const label of ["Entity ID", "Single Sign-On URL", "Single Log-Out URL", "Metadata URL"]) {
    await expect(metadata.getByLabel(label, { exact: true })).toHaveAttribute("readonly", "");
    await expect(metadata.getByRole("button", { name: `Copy ${label}` })).toBeVisible();
  }
  // Until the Service Provider section is filled in, nobody can sign in; the page says so once saved.
  expect(app.ssoUrl).toBe(`${baseURL}/saml2/idp/${app.key}/sso`);
  expect(app.sloUrl).toBe(`${baseURL}/saml2/idp/${app.key}/slo`);
  expect(app.metadataUrl).toBe(`${baseURL}/saml2/idp/${app.key}/metadata`);

  // Step 5. Copy the Single Sign-On URL.
  const copy = metadata.getByRole("button", { name: "Copy Single Sign-On URL" });
  await copy.click();
  await expect(copy).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(app.ssoUrl);

  // Step 6. Download certificate: a PEM whose fingerprints are the ones on the page.
  const fingerprints = card(page, "Certificate Fingerprints");
  const sha1 = await fingerprints.getByLabel("SHA-1 Fingerprint", { exact: true }).inputValue();
  const sha256 = await fingerprints.getByLabel("SHA-256 Fingerprint", { exact: true }).inputValue();
  expect(sha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  const downloads = card(page, "Downloads");
  const [certDownload] = await Promise.all([
    page.waitForEvent("download"),
    downloads.getByRole("link", { name: "Download certificate" }).click(),
  ]);
  expect(certDownload.suggestedFilename()).toBe("Generic_SAML_Service_Provider-certificate.pem");
  const pem = readFileSync(await certDownload.path(), "utf8");
  expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----\r?\n[A-Za-z0-9+/=\r\n]+-----END CERTIFICATE-----\s*$/);
  const certificate = new X509Certificate(pem);
  expect(certificate.fingerprint256).toBe(sha256);
  expect(certificate.fingerprint).toBe(sha1);
  await expect(downloads.getByTestId("certificate-expiry")).toHaveText(
    `Expires: ${mmddyyyy(new Date(certificate.validTo))}`,
  );

  // Step 7. Download XML: the IdP metadata, with that certificate and these URLs.
  const [xmlDownload] = await Promise.all([
    page.waitForEvent("download"),
    downloads.getByRole("link", { name: "Download XML" }).click(),
  ]);
  expect(xmlDownload.suggestedFilename()).toBe("Generic_SAML_Service_Provider-metadata.xml");
  const xml = readFileSync(await xmlDownload.path(), "utf8");
  expect(xml).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\s*<md:EntityDescriptor /);
  const idp = parseIdpMetadata(xml);
  expect(idp.entityId).toBe(app.entityId);
  expect(idp.ssoUrl).toBe(app.ssoUrl);
  expect(idp.sloUrl).toBe(app.sloUrl);
  expect(idp.certificates[0]).toBe(certificate.raw.toString("base64"));

  // Steps 8 and 9. Service Provider → Entity ID, and the ACS URL (index 1, the default).
  const f = applicationForm(page);
  await f.entityId.fill(CRES.entityId);
  await expect(f.acsRows).toHaveCount(1);
  await expect(f.acsIndex(1)).toHaveValue("1");
  await f.acsUrl(1).fill(CRES.acs);
  await expect(f.acsDefault(1)).toBeChecked();

  // Step 10. Settings → Name, then Save.
  await f.name.fill(NAME);
  await saveApplication(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(NAME);
  await shot(page, "application-page");

  // Stored: a fresh load shows the values, and the list names the service provider.
  await openApplication(page, app.id);
  const saved = applicationForm(page);
  await expect(saved.entityId).toHaveValue(CRES.entityId);
  await expect(saved.acsUrl(1)).toHaveValue(CRES.acs);
  await expect(saved.acsIndex(1)).toHaveValue("1");
  await expect(saved.acsDefault(1)).toBeChecked();
  await expect(saved.name).toHaveValue(NAME);
  await expect(page.getByText("Sign-in is not possible until")).toHaveCount(0);
  await page.goto("/admin/applications");
  const row = page.getByTestId("application-row").filter({ hasText: NAME });
  await expect(row).toContainText("Generic SAML Service Provider");
  await expect(row).toContainText(CRES.entityId);
});

test("the catalog's Cisco Secure Email Encryption Service entry fills the same Service Provider values", async ({
  page,
  tenant,
}) => {
  const app = await protectApplication(page, "Cisco Secure Email Encryption Service", "cisco");
  tenant.forgetApplicationsAfterwards(app.id);
  // What to do next in the CRES portal (seed 000, steps 15-18).
  await expect(page.getByRole("main").getByRole("status").first()).toContainText(
    "set SSO Service Provider Entity ID to https://res.cisco.com/",
  );
  const f = applicationForm(page);
  await expect(f.entityId).toHaveValue(CRES.entityId);
  await expect(f.acsRows).toHaveCount(1);
  await expect(f.acsIndex(1)).toHaveValue("1");
  await expect(f.acsUrl(1)).toHaveValue(CRES.acs);
  await expect(f.acsDefault(1)).toBeChecked();
  // CRES: "SSO Email Name ID Format: transient". A transient NameID is an opaque one-time value,
  // so the email address goes in the "email" attribute (CRES's SSO Alternate Email Attribute Name).
  await expect(f.nameIdFormat).toHaveValue(NAMEID.transient);
  await expect(f.nameIdAttribute).toHaveValue("email");
  await expect(f.attributeRows).toHaveCount(1);
  await expect(f.attributeSource(1)).toHaveValue("email");
  await expect(f.attributeName(1)).toHaveValue("email");
  await expect(page.getByRole("main").getByRole("status").first()).toContainText(
    "set SSO Alternate Email Attribute Name to email",
  );
  await expect(f.signatureAlgorithm).toHaveValue("SHA256");
  // (A number follows when another application of this type exists: every name is unique.)
  await expect(f.name).toHaveValue(/^Cisco Secure Email Encryption Service( \d+)?$/);
  // It saves as it is.
  await saveApplication(page);
  await expect(applicationForm(page).acsUrl(1)).toHaveValue(CRES.acs);
});
