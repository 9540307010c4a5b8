// Round trip of the application page's forms (issue 12): every field of Service Provider,
// SAML Response and Settings set to a non-default value, saved, shown again after a reload;
// one refused save keeps every field (rows, selects, checkboxes, radios) with a summary at
// the top that links to each bad field; a second save without changes logs nothing. Also:
// a new application gets a unique default name, a second application with the same SP Entity
// ID is flagged, a stale metadata-import error goes away after a successful save, and the
// "Generic SSO documentation" link opens the product's own documentation.
// Everything here is this spec's own (unique names per run).
import { test, expect } from "@playwright/test";
import { OWNER, authFile } from "./support/accounts";
import { applicationForm, openApplication, protectApplication, type ProtectedApp } from "./support/applications";
import { heading } from "./support/console";
import { removeApplications, runScript } from "./support/directory";
import { expectRefusedKeepingValues, expectStoredAfterReload, formOf, formValues, submit } from "./support/forms";
import { SP_CERT_PEM } from "./support/test-sp";
import { RUN } from "./support/users";

test.use({ storageState: authFile(OWNER.key) });
test.describe.configure({ mode: "serial" });

const GROUP = `App Round ${RUN}`;
const ENTITY = `https://round-${RUN}.example/sp`;
const apps: ProtectedApp[] = [];
let groupId = "";

test.beforeAll(async () => {
  groupId = (await runScript({ groups: [GROUP] })).groups[GROUP]!;
});
test.afterAll(async () => {
  await removeApplications(apps.map((a) => a.id));
});

test("every field of the application form round-trips; a refused save keeps them all", async ({ page }) => {
  const app = await protectApplication(page, "Generic SAML Service Provider");
  apps.push(app);
  const f = applicationForm(page);
  const form = () => formOf(f.save);
  const long = `https://round-${RUN}.example/saml2/sp/acs/post/a-rather-long-path-that-real-service-providers-use`;

  await f.entityId.fill(ENTITY);
  await f.acsUrl(1).fill(long);
  await f.addAcs.click();
  await f.acsUrl(2).fill(`https://round-${RUN}.example/acs2`);
  await f.acsDefault(2).check();
  await f.sloUrl.fill(`https://round-${RUN}.example/slo`);
  await f.spLoginUrl.fill(`https://round-${RUN}.example/login`);
  await f.defaultRelayState.fill("/home");
  await f.nameIdFormat.selectOption("urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress");
  await f.nameIdAttribute.selectOption({ label: "<Email Address>" });
  await f.signatureAlgorithm.selectOption({ label: "SHA-512" });
  await f.signResponse.uncheck();
  await f.addAttribute.click();
  await f.attributeSource(1).selectOption({ label: "Email address" });
  await f.attributeName(1).fill("mail");
  await f.requireSignedRequests.check();
  await f.spCertificate.fill(SP_CERT_PEM);
  await f.notes.fill("Round-trip notes");
  await f.groupsOnly.check();
  await f.group(GROUP).check();
  // Three bad fields at once: an ACS URL, the name, and the relay state.
  await f.acsUrl(2).fill("javascript:alert(1)");
  await f.name.fill("");
  await f.defaultRelayState.fill("x".repeat(81));
  await expectRefusedKeepingValues(page, form(), f.save, ["acs.1.url", "name", "defaultRelayState"]);

  // The ACS URL field is wide enough to show a real URL whole.
  const box = await f.acsUrl(1).boundingBox();
  expect(box!.width, "the ACS URL field is wide").toBeGreaterThan(560);

  await f.acsUrl(2).fill(`https://round-${RUN}.example/acs2`);
  await f.name.fill(`Round App ${RUN}`);
  await f.defaultRelayState.fill("/home");
  await submit(page, f.save);
  await expect(page.getByRole("main").getByRole("status").filter({ hasText: "Application saved." })).toBeVisible();
  await expectStoredAfterReload(
    page,
    form,
    () => f.save,
    {
      spEntityId: ENTITY,
      "[URL of ACS URL 1]": long,
      "[URL of ACS URL 2]": `https://round-${RUN}.example/acs2`,
      acsDefault: ["on"],
      sloUrl: `https://round-${RUN}.example/slo`,
      spLoginUrl: `https://round-${RUN}.example/login`,
      defaultRelayState: "/home",
      nameIdFormat: "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
      nameIdAttribute: "email",
      signatureAlgorithm: "SHA512",
      signResponse: [],
      signAssertion: ["on"],
      "[User property of attribute 1]": "email",
      "[SAML name of attribute 1]": "mail",
      requireSignedRequests: ["on"],
      name: `Round App ${RUN}`,
      notes: "Round-trip notes",
      userAccess: ["GROUPS"],
      permittedGroupIds: [groupId],
    },
    { action: "Application changed", target: `Round App ${RUN}`, url: `/admin/applications/${app.id}` },
  );
  await expect(f.acsDefault(2)).toBeChecked();
  expect((await f.spCertificate.inputValue()).trim()).toBe(SP_CERT_PEM.replace(/\r\n/g, "\n").trim());
});

test("Protect gives each new application its own name; a second one for the same SP Entity ID is flagged", async ({
  page,
}) => {
  const first = await protectApplication(page, "Generic SAML Service Provider");
  apps.push(first);
  const second = await protectApplication(page, "Generic SAML Service Provider");
  apps.push(second);
  expect(second.name).not.toBe(first.name);
  expect(second.name).toMatch(/^Generic SAML Service Provider \d+$/);

  const f = applicationForm(page);
  await f.entityId.fill(ENTITY);
  await f.acsUrl(1).fill(`https://round-${RUN}.example/acs-copy`);
  await submit(page, f.save);
  await expect(page.getByTestId("same-sp-warning")).toContainText(`Round App ${RUN}`);
  await expect(page.getByTestId("same-sp-warning")).toContainText(ENTITY);
});

test("a metadata import error goes away after a successful save", async ({ page }) => {
  const app = await protectApplication(page, "Generic SAML Service Provider");
  apps.push(app);
  const f = applicationForm(page);
  const importButton = page.getByRole("button", { name: "Import", exact: true });
  await page.getByLabel("or Metadata URL").fill("ftp://not-metadata.example/metadata.xml");
  await submit(page, importButton);
  const importForm = formOf(importButton);
  await expect(importForm.getByTestId("error-summary")).toBeVisible();
  await f.entityId.fill(`https://import-${RUN}.example/sp`);
  await f.acsUrl(1).fill(`https://import-${RUN}.example/acs`);
  await submit(page, f.save);
  await expect(page.getByRole("main").getByRole("status").filter({ hasText: "Application saved." })).toBeVisible();
  await expect(importForm.getByTestId("error-summary")).toHaveCount(0);
  expect(await formValues(importForm)).toEqual({ metadataUrl: "" });
});

test("the Generic SSO documentation link opens a page of the product", async ({ page }) => {
  const app = apps[0]!;
  await openApplication(page, app.id);
  await page.getByRole("link", { name: "Generic SSO documentation" }).click();
  await expect(page).toHaveURL(/\/admin\/documentation\/generic-sso$/);
  await expect(heading(page, "Generic SSO documentation")).toBeVisible();
  await expect(page.getByRole("main")).toContainText("Assertion Consumer Service (ACS) URL");
});
