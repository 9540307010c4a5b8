// The application page refuses bad Service Provider values beside the row or field and
// stores nothing; removing an application asks first, then it is gone from the list and its
// Metadata URL answers 404. A Read-only administrator sees the page but cannot change it.
// Each test has its own application (the Entity ID and ACS URL of an SP that is not running).
import { test, expect, type TestTenant } from "./support/fixtures";
import { ROLE_ACCOUNTS, authFile } from "./support/accounts";
import { applicationForm, openApplication, saveApplication } from "./support/applications";
import { alerts, expectFieldError, heading, submitAction } from "./support/console";

const URL_MESSAGE = "The ACS URL must be an absolute http:// or https:// URL.";
const SP = { entityId: "https://validation.e2e.example/sp", acs: "https://validation.e2e.example/acs" };

/** An application with a valid Service Provider, named "Validation Target …". */
const validationTarget = (tenant: TestTenant) =>
  tenant.app({ entityId: SP.entityId, acsUrl: SP.acs }, { name: "Validation Target" });

test.describe("an Application Manager", () => {
  test.use({ storageState: authFile(ROLE_ACCOUNTS["Application Manager"].key) });

  test("an ACS URL javascript:alert(1) is refused beside its row, and nothing is stored", async ({ page, tenant }) => {
    const app = await validationTarget(tenant);
    await openApplication(page, app.id);
    const f = applicationForm(page);
    await f.acsUrl(1).fill("javascript:alert(1)");
    await f.name.fill("Renamed while invalid");
    await submitAction(page, f.save);
    await expect(f.acsUrl(1)).toHaveAttribute("aria-invalid", "true");
    await expectFieldError(f.acsUrl(1), URL_MESSAGE);
    await expect(alerts(page).filter({ hasText: "Please correct the highlighted fields." })).toBeVisible();
    // What was typed stays on the page.
    await expect(f.acsUrl(1)).toHaveValue("javascript:alert(1)");
    await expect(f.name).toHaveValue("Renamed while invalid");

    // Other schemes and relative URLs fare the same; so does a bad Single Logout URL.
    for (const bad of ["data:text/html,<b>x</b>", "/relative/acs", "ftp://files.example/acs"]) {
      await f.acsUrl(1).fill(bad);
      await submitAction(page, f.save);
      await expectFieldError(f.acsUrl(1), URL_MESSAGE);
    }
    await f.acsUrl(1).fill(SP.acs);
    await f.sloUrl.fill("javascript:alert(2)");
    await submitAction(page, f.save);
    await expectFieldError(f.sloUrl, "The Single Logout URL must be an absolute http:// or https:// URL.");

    await page.reload();
    const stored = applicationForm(page);
    await expect(stored.acsUrl(1)).toHaveValue(SP.acs);
    await expect(stored.sloUrl).toHaveValue("");
    await expect(stored.name).toHaveValue(app.name);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(app.name);
  });

  test("the same ACS URL twice is refused; a second, different one is stored", async ({ page, tenant }) => {
    const app = await validationTarget(tenant);
    await openApplication(page, app.id);
    const f = applicationForm(page);
    await f.addAcs.click();
    await expect(f.acsRows).toHaveCount(2);
    await expect(f.acsIndex(2)).toHaveValue("2");
    await f.acsUrl(2).fill(SP.acs);
    await submitAction(page, f.save);
    await expectFieldError(f.acsUrl(2), "This ACS URL is already listed.");
    await page.reload();
    await expect(applicationForm(page).acsRows).toHaveCount(1);

    // A different second URL, made the default, is stored.
    const g = applicationForm(page);
    await g.addAcs.click();
    await g.acsUrl(2).fill(`${SP.acs}/second`);
    await g.acsDefault(2).check();
    await saveApplication(page);
    const stored = applicationForm(page);
    await expect(stored.acsRows).toHaveCount(2);
    await expect(stored.acsUrl(2)).toHaveValue(`${SP.acs}/second`);
    await expect(stored.acsDefault(2)).toBeChecked();
    await expect(stored.acsDefault(1)).not.toBeChecked();
  });
});

test.describe("a Read-only administrator", () => {
  test.use({ storageState: authFile(ROLE_ACCOUNTS["Read-only"].key) });

  test("sees the application page with the form disabled, and nothing to protect, import, save or remove", async ({
    page,
    tenant,
  }) => {
    const app = await validationTarget(tenant);
    await page.goto("/admin/applications");
    await expect(heading(page, "Applications")).toBeVisible();
    await expect(page.getByRole("link", { name: "Protect an Application" })).toHaveCount(0);
    await page.getByRole("link", { name: app.name, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(app.name);
    const f = applicationForm(page);
    await expect(f.entityId).toHaveValue(SP.entityId);
    for (const control of [f.entityId, f.acsUrl(1), f.sloUrl, f.nameIdFormat, f.name, f.allUsers])
      await expect(control).toBeDisabled();
    await expect(f.addAcs).toBeDisabled();
    await expect(f.save).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Remove Application" })).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "Import Service Provider metadata" })).toHaveCount(0);
    // The IdP side stays readable: URLs, fingerprints and downloads.
    await expect(page.getByLabel("SHA-256 Fingerprint", { exact: true })).toHaveValue(
      /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/,
    );
    await expect(page.getByRole("link", { name: "Download certificate" })).toBeVisible();
    // The catalog is not for this role.
    await page.goto("/admin/applications/protect");
    await expect(page.getByText("You don't have access to this page")).toBeVisible();
    await expect(page.getByRole("button", { name: /^Protect / })).toHaveCount(0);
  });
});

test.describe("an Application Manager", () => {
  test.use({ storageState: authFile(ROLE_ACCOUNTS["Application Manager"].key) });

  test("removing an application asks first; then it is gone and its Metadata URL answers 404", async ({
    page,
    tenant,
  }) => {
    const app = await validationTarget(tenant);
    await openApplication(page, app.id);
    expect((await fetch(app.metadataUrl)).status).toBe(200);
    await page.getByRole("button", { name: "Remove Application" }).click();
    const confirm = page.getByRole("group", { name: `Remove ${app.name}` });
    await expect(confirm).toContainText(`Remove ${app.name}? Users can no longer sign in to it.`);
    // Cancel keeps it.
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await expect(confirm).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(app.name);

    await page.getByRole("button", { name: "Remove Application" }).click();
    await page
      .getByRole("group", { name: `Remove ${app.name}` })
      .getByRole("button", { name: "Remove", exact: true })
      .click();
    await expect(page).toHaveURL(/\/admin\/applications\?removed=1$/);
    await expect(page.getByRole("main").getByRole("status")).toHaveText("The application was removed.");
    await expect(page.getByRole("link", { name: app.name, exact: true })).toHaveCount(0);
    const gone = await fetch(app.metadataUrl);
    expect(gone.status).toBe(404);
    expect((await page.goto(`/admin/applications/${app.id}`))?.status()).toBe(404);
  });
});
