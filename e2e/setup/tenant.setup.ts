// Setup project, in order: the tenant starts empty. First-run setup creates the Owner through
// the UI (bad input first: nothing may be stored), the Owner signs in and enrolls TOTP (its
// session goes to e2e/.auth/owner.json) and adds one administrator per role. Then the
// "sessions" project (sessions.setup.ts) signs each of them in. The specs use these sessions;
// administrators that a spec signs in or changes are its own (the `tenant` fixture).
import { test as setup, expect } from "@playwright/test";
import { OWNER, ROLE_ACCOUNTS, authFile } from "../support/accounts";
import {
  addAdministrator,
  adminLogRows,
  completePasscode,
  expectFieldError,
  expectNoFieldError,
  field,
  heading,
  snapshotCell,
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
  await completePasscode(page);
  await expect(page).toHaveURL(/\/admin$/);
  await expect(heading(page, "Dashboard")).toBeVisible();
  await expect(page.getByTestId("actor-name")).toHaveText(OWNER.name);
  await expect(page.getByTestId("actor-role")).toHaveText("Owner");
  await page.context().storageState({ path: authFile(OWNER.key) });
});

setup("the Owner adds one administrator per role", async ({ browser }) => {
  const context = await browser.newContext({ storageState: authFile(OWNER.key) });
  const page = await context.newPage();
  await page.goto("/admin/administrators");
  await expect(heading(page, "Administrators")).toBeVisible();
  for (const a of Object.values(ROLE_ACCOUNTS)) await addAdministrator(page, a);
  await context.close();
});

setup("the Owner's creation and first sign-in are in the Administrator Log", async ({ browser }) => {
  const owner = await browser.newContext({ storageState: authFile(OWNER.key) });
  const page = await owner.newPage();
  const created = await adminLogRows(page, "Administrator added", OWNER.email);
  await expect(created).toHaveCount(1);
  expect(await snapshotCell(created.first(), "After")).toEqual({
    Email: OWNER.email,
    Name: OWNER.name,
    Role: "Owner",
    Via: "first-run setup",
  });
  await expect(created.first().getByRole("cell").nth(1)).toHaveText(OWNER.email);

  const enrolled = await adminLogRows(page, "Signed in and enrolled authenticator", OWNER.email);
  await expect(enrolled).toHaveCount(1);
  await owner.close();
});
