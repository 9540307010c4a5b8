// Administrator passcode lockout (issue 10, finding 7): after 5 incorrect passcodes the account
// is locked — even the right password and passcode do not get in — until another Owner unlocks
// it on the Administrators page; the lock and the unlock are in the Administrator Log.
// The administrator signs in through a reverse proxy on 127.0.0.2 (a trusted proxy of the e2e
// server) that reports a client address of its own, so these failures count against that
// address and not against 127.0.0.1, which the other specs sign in from.
import { test, expect, type Browser } from "@playwright/test";
import { OWNER, authFile, type Account } from "./support/accounts";
import {
  addAdministrator,
  adminLogRows,
  adminRow,
  alerts,
  completePasscode,
  field,
  heading,
  pendingButtons,
  submitPassword,
} from "./support/console";
import { startReverseProxy, type ReverseProxy } from "./support/reverse-proxy";
import { wrongPasscode } from "./support/totp";

test.describe.configure({ mode: "serial" });

const LOCKED =
  /^This account is locked after 5 incorrect passcodes\. Another Owner can unlock it on the Administrators page; otherwise try again after .+ UTC\.$/;
const WRONG_PASSCODE = "Incorrect passcode. Enter the 6-digit code from your authenticator app.";

const ADMIN: Account = {
  key: "lockout",
  name: "Lou Lockout",
  email: `lockout-${Date.now().toString(36)}@e2e.example.com`,
  password: "Lockout-Passphrase-2026",
  role: "Read-only",
};

let proxy: ReverseProxy;

test.beforeAll(async ({}, info) => {
  proxy = await startReverseProxy({
    target: String(info.project.use.baseURL),
    sourceAddress: "127.0.0.2",
    clientAddress: "198.51.100.77",
  });
});
test.afterAll(async () => {
  await proxy?.stop();
});

async function viaProxy(browser: Browser) {
  const context = await browser.newContext({ baseURL: proxy.origin });
  return { context, page: await context.newPage() };
}

test("the Owner adds an administrator, who enrolls at first sign-in", async ({ browser }) => {
  const owner = await browser.newContext({ storageState: authFile(OWNER.key) });
  await addAdministrator(await owner.newPage(), ADMIN);
  await owner.close();

  const { context, page } = await viaProxy(browser);
  await page.goto("/admin/login");
  await submitPassword(page, ADMIN.email, ADMIN.password);
  await completePasscode(page, ADMIN.email);
  await expect(heading(page, "Dashboard")).toBeVisible();
  await context.close();
});

test("five incorrect passcodes lock the account; the right password then says so", async ({ browser }) => {
  const { context, page } = await viaProxy(browser);
  await page.goto("/admin/login");
  await submitPassword(page, ADMIN.email, ADMIN.password);
  const passcode = field(page, "Passcode");
  const signIn = page.getByRole("button", { name: "Sign in", exact: true });
  for (let i = 1; i <= 4; i++) {
    await passcode.fill(wrongPasscode(ADMIN.email));
    await signIn.click();
    await expect(alerts(page)).toHaveText(WRONG_PASSCODE);
    // The attempt is finished (the form has been reset) before the next code is typed.
    await expect(signIn).toBeEnabled();
    await expect(pendingButtons(page)).toHaveCount(0);
    await expect(passcode).toBeEnabled();
  }
  await passcode.fill(wrongPasscode(ADMIN.email));
  await signIn.click();
  await expect(alerts(page)).toHaveText(LOCKED);
  await expect(passcode).toBeDisabled();
  await expect(signIn).toBeDisabled();

  await page.getByRole("link", { name: "Start over" }).click();
  await submitPassword(page, ADMIN.email, ADMIN.password);
  await expect(alerts(page)).toHaveText(LOCKED);
  await expect(field(page, "Passcode")).toHaveCount(0);
  await context.close();
});

test("another Owner sees the lock, unlocks the account, and both are in the Administrator Log", async ({ browser }) => {
  const owner = await browser.newContext({ storageState: authFile(OWNER.key) });
  const page = await owner.newPage();
  await page.goto("/admin/administrators");
  const row = adminRow(page, ADMIN.email);
  await expect(row.getByTestId("admin-locked")).toContainText("Locked");
  await row.getByRole("button", { name: `Unlock ${ADMIN.email}` }).click();
  await expect(row.getByTestId("admin-locked")).toHaveCount(0);
  await expect(row.getByRole("button", { name: `Unlock ${ADMIN.email}` })).toHaveCount(0);

  const locked = await adminLogRows(page, "Administrator locked", ADMIN.email);
  await expect(locked).toHaveCount(1);
  await expect(locked.first().getByRole("cell").nth(1)).toHaveText("system");
  await expect(locked.first()).toContainText("passcode_failures");
  const unlocked = await adminLogRows(page, "Administrator unlocked", ADMIN.email);
  await expect(unlocked).toHaveCount(1);
  await expect(unlocked.first().getByRole("cell").nth(1)).toHaveText(OWNER.email);
  // The failures were counted against the address the proxy reported, not 127.0.0.1.
  const failed = await adminLogRows(page, "Failed sign-in", ADMIN.email);
  await expect(failed.first().getByRole("cell").nth(6)).toHaveText("198.51.100.77");
  await owner.close();
});

test("once unlocked, the administrator signs in", async ({ browser }) => {
  const { context, page } = await viaProxy(browser);
  await page.goto("/admin/login");
  await submitPassword(page, ADMIN.email, ADMIN.password);
  await completePasscode(page, ADMIN.email);
  await expect(heading(page, "Dashboard")).toBeVisible();
  await context.close();
});
