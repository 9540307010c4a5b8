// Round trip of the application page's forms (issue 12): every field of Service Provider,
// SAML Response and Settings set to a non-default value, saved, shown again after a reload;
// one refused save keeps every field (rows, selects, checkboxes, radios) with a summary at
// the top that links to each bad field; a second save without changes logs nothing. Also:
// a new application gets a unique default name, a second application with the same SP Entity
// ID is flagged, a stale metadata-import error goes away after a successful save, and the
// "Generic SSO documentation" link opens the product's own documentation.
// Everything here is the test's own (fixtures, unique names).
import type { Page } from "@playwright/test";
import { test, expect, type TestTenant } from "./support/fixtures";
import { OWNER, authFile } from "./support/accounts";
import { applicationForm, openApplication, protectApplication } from "./support/applications";
import { heading } from "./support/console";
import { expectRefusedKeepingValues, expectStoredAfterReload, formOf, formValues, submit } from "./support/forms";
import { SP_CERT_PEM } from "./support/test-sp";

test.use({ storageState: authFile(OWNER.key) });

/** Protect a Generic SAML Service Provider in the console; removed when the test ends. */
async function protect(page: Page, tenant: TestTenant) {
  const app = await protectApplication(page, "Generic SAML Service Provider");
  tenant.forgetApplicationsAfterwards(app.id);
  return app;
}

test("every field of the application form round-trips; a refused save keeps them all", async ({ page, tenant }) => {
  const RUN = tenant.id("round");
  const { id: groupId, name: GROUP } = await tenant.group("App Round");
  const ENTITY = `https://${RUN}.example/sp`;
  const app = await protect(page, tenant);
  const f = applicationForm(page);
  const form = () => formOf(f.save);
  const NAME = tenant.name("Round App");
  const long = `https://${RUN}.example/saml2/sp/acs/post/a-rather-long-path-that-real-service-providers-use`;

  await f.entityId.fill(ENTITY);
  await f.acsUrl(1).fill(long);
  await f.addAcs.click();
  await f.acsUrl(2).fill(`https://${RUN}.example/acs2`);
  await f.acsDefault(2).check();
  await f.sloUrl.fill(`https://${RUN}.example/slo`);
  await f.spLoginUrl.fill(`https://${RUN}.example/login`);
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

  await f.acsUrl(2).fill(`https://${RUN}.example/acs2`);
  await f.name.fill(NAME);
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
      "[URL of ACS URL 2]": `https://${RUN}.example/acs2`,
      acsDefault: ["on"],
      sloUrl: `https://${RUN}.example/slo`,
      spLoginUrl: `https://${RUN}.example/login`,
      defaultRelayState: "/home",
      nameIdFormat: "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
      nameIdAttribute: "email",
      signatureAlgorithm: "SHA512",
      signResponse: [],
      signAssertion: ["on"],
      "[User property of attribute 1]": "email",
      "[SAML name of attribute 1]": "mail",
      requireSignedRequests: ["on"],
      name: NAME,
      notes: "Round-trip notes",
      userAccess: ["GROUPS"],
      permittedGroupIds: [groupId],
    },
    { action: "Application changed", target: NAME, url: `/admin/applications/${app.id}` },
  );
  await expect(f.acsDefault(2)).toBeChecked();
  expect((await f.spCertificate.inputValue()).trim()).toBe(SP_CERT_PEM.replace(/\r\n/g, "\n").trim());
});

test("Protect gives each new application its own name; a second one for the same SP Entity ID is flagged", async ({
  page,
  tenant,
}) => {
  const RUN = tenant.id("copy");
  const ENTITY = `https://${RUN}.example/sp`;
  const existing = await tenant.app({ entityId: ENTITY, acsUrl: `https://${RUN}.example/acs` }, { name: "Round App" });
  const first = await protect(page, tenant);
  const second = await protect(page, tenant);
  expect(second.name).not.toBe(first.name);
  // (Other tests protect and rename applications of this type meanwhile: which of the two gets
  // the bare name depends on them; that the two differ does not.)
  for (const app of [first, second]) expect(app.name).toMatch(/^Generic SAML Service Provider( \d+)?$/);

  const f = applicationForm(page);
  await f.entityId.fill(ENTITY);
  await f.acsUrl(1).fill(`https://${RUN}.example/acs-copy`);
  await submit(page, f.save);
  await expect(page.getByTestId("same-sp-warning")).toContainText(existing.name);
  await expect(page.getByTestId("same-sp-warning")).toContainText(ENTITY);
});

test("a metadata import error goes away after a successful save", async ({ page, tenant }) => {
  const RUN = tenant.id("import");
  await protect(page, tenant);
  const f = applicationForm(page);
  const importButton = page.getByRole("button", { name: "Import", exact: true });
  await page.getByLabel("or Metadata URL").fill("ftp://not-metadata.example/metadata.xml");
  await submit(page, importButton);
  const importForm = formOf(importButton);
  await expect(importForm.getByTestId("error-summary")).toBeVisible();
  await f.entityId.fill(`https://${RUN}.example/sp`);
  await f.acsUrl(1).fill(`https://${RUN}.example/acs`);
  await submit(page, f.save);
  await expect(page.getByRole("main").getByRole("status").filter({ hasText: "Application saved." })).toBeVisible();
  await expect(importForm.getByTestId("error-summary")).toHaveCount(0);
  expect(await formValues(importForm)).toEqual({ metadataUrl: "" });
});

test("the Generic SSO documentation link opens a page of the product", async ({ page, tenant }) => {
  const app = await tenant.app({
    entityId: `https://${tenant.id("docs")}.example/sp`,
    acsUrl: "https://docs.example/acs",
  });
  await openApplication(page, app.id);
  await page.getByRole("link", { name: "Generic SSO documentation" }).click();
  await expect(page).toHaveURL(/\/admin\/documentation\/generic-sso$/);
  await expect(heading(page, "Generic SSO documentation")).toBeVisible();
  await expect(page.getByRole("main")).toContainText("Assertion Consumer Service (ACS) URL");
});
