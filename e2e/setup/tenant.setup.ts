// Setup project: the tenant starts empty. First-run setup creates the Owner through the
// UI (bad input first: nothing may be stored), the Owner signs in and enrolls TOTP, adds
// one administrator per role plus the spec accounts, and each role administrator signs in
// once. Sessions go to e2e/.auth/<key>.json, TOTP secrets to e2e/.auth/secrets.json.
import { test as setup, expect } from "@playwright/test";
import { OWNER, ROLE_ACCOUNTS, SPEC_ACCOUNTS, authFile } from "../support/accounts";
import {
  addAdministrator,
  completePasscode,
  expectFieldError,
  expectNoFieldError,
  field,
  heading,
  signIn,
  submitAction,
  submitPassword,
} from "../support/console";
import { setupCodeFromServerLog } from "../support/server-log";

setup.describe.configure({ mode: "serial" });

setup("an empty tenant sends every console visit to first-run setup", async ({ page }) => {
  for (const path of ["/admin", "/admin/login", "/admin/settings"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/admin\/setup$/);
  }
  await expect(heading(page, "Set up Portcullis")).toBeVisible();
});

setup("first-run setup shows each problem beside its field and creates nothing", async ({ page }) => {
  await page.goto("/admin/setup");
  const code = field(page, "Setup code");
  const name = field(page, "Your name");
  const email = field(page, "Email");
  const password = field(page, "Password");
  const confirm = field(page, "Confirm password");
  const create = page.getByRole("button", { name: "Create Owner" });

  // Every field empty.
  await submitAction(page, create);
  await expectFieldError(code, "Enter the setup code from the server's log.");
  await expectFieldError(name, "Enter a name.");
  await expectFieldError(email, "Enter an email address.");
  await expectFieldError(password, "Use at least 12 characters.");

  // A bad email and a short password; the typed name and email are kept.
  await name.fill(OWNER.name);
  await email.fill("owner-at-example");
  await password.fill("short");
  await confirm.fill("short");
  await submitAction(page, create);
  await expectFieldError(email, "Enter a valid email address, like name@example.com.");
  await expectFieldError(password, "Use at least 12 characters.");
  await expectNoFieldError(name);
  await expect(name).toHaveValue(OWNER.name);
  await expect(email).toHaveValue("owner-at-example");

  // A setup code that is not the one in the server's log, with everything else right.
  await code.fill("AAAA-BBBB-CCCC");
  await email.fill(OWNER.email);
  await password.fill(OWNER.password);
  await confirm.fill(OWNER.password);
  await submitAction(page, create);
  await expectFieldError(
    code,
    "That is not the setup code. Copy it from the server's log: it is printed when Portcullis starts without an administrator.",
  );
  await expectNoFieldError(email);

  // Passwords that do not match.
  await code.fill(setupCodeFromServerLog());
  await email.fill(OWNER.email);
  await password.fill(OWNER.password);
  await confirm.fill(`${OWNER.password}-typo`);
  await submitAction(page, create);
  await expectFieldError(confirm, "The passwords do not match.");
  await expectNoFieldError(email);
  await expectNoFieldError(password);

  // Nothing was stored: setup is still offered, and sign-in still redirects to it.
  await page.goto("/admin/setup");
  await expect(heading(page, "Set up Portcullis")).toBeVisible();
  await expect(create).toBeVisible();
  await page.goto("/admin/login");
  await expect(page).toHaveURL(/\/admin\/setup$/);
});

setup("first-run setup creates the Owner and leads to sign-in", async ({ page }) => {
  await page.goto("/admin/setup");
  // The operator copies the one-time code from the server's log.
  await field(page, "Setup code").fill(setupCodeFromServerLog());
  await field(page, "Your name").fill(OWNER.name);
  await field(page, "Email").fill(OWNER.email);
  await field(page, "Password").fill(OWNER.password);
  await field(page, "Confirm password").fill(OWNER.password);
  await page.getByRole("button", { name: "Create Owner" }).click();

  await expect(page).toHaveURL(/\/admin\/login\?setup=done$/);
  await expect(heading(page, "Administrator sign-in")).toBeVisible();
  await expect(page.getByRole("status")).toHaveText(
    "The Owner account was created. Sign in to enroll your authenticator app.",
  );

  // Setup is one-time.
  await page.goto("/admin/setup");
  await expect(page).toHaveURL(/\/admin\/login$/);
});

setup("the Owner signs in for the first time and enrolls an authenticator", async ({ page }) => {
  await page.goto("/admin/login");
  await submitPassword(page, OWNER.email, OWNER.password);
  await expect(page.getByText("Set up two-factor authentication")).toBeVisible();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  await expect(page.getByTestId("totp-secret")).toHaveText(/^[A-Z2-7]{16,}$/);
  await completePasscode(page, OWNER.email);
  await expect(page).toHaveURL(/\/admin$/);
  await expect(heading(page, "Dashboard")).toBeVisible();
  await expect(page.getByTestId("actor-name")).toHaveText(OWNER.name);
  await expect(page.getByTestId("actor-role")).toHaveText("Owner");
  await page.context().storageState({ path: authFile(OWNER.key) });
});

setup("the Owner adds one administrator per role and the spec accounts", async ({ browser }) => {
  const context = await browser.newContext({ storageState: authFile(OWNER.key) });
  const page = await context.newPage();
  await page.goto("/admin/administrators");
  await expect(heading(page, "Administrators")).toBeVisible();
  for (const a of [...Object.values(ROLE_ACCOUNTS), ...Object.values(SPEC_ACCOUNTS)]) await addAdministrator(page, a);
  await context.close();
});

for (const a of Object.values(ROLE_ACCOUNTS)) {
  setup(`the ${a.role} administrator signs in once and enrolls`, async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, a);
    await expect(page.getByTestId("actor-role")).toHaveText(a.role);
    await context.storageState({ path: authFile(a.key) });
    await context.close();
  });
}
