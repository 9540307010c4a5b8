// Administrator passcode lockout (issue 10, finding 7): after 5 incorrect passcodes the account
// is locked — even the right password and passcode do not get in — until another Owner unlocks
// it on the Administrators page; the lock and the unlock are in the Administrator Log.
// The administrator signs in through a reverse proxy on 127.0.0.2 (a trusted proxy of the e2e
// server) that reports a client address of its own, so these failures count against that
// address and not against 127.0.0.1, which the other specs sign in from. The administrator
// is this test's own (fixtures); the steps depend on each other, so they are one test.
import { test, expect } from "./support/fixtures";
import { OWNER } from "./support/accounts";
import {
  adminLogRows,
  adminRow,
  alerts,
  completePasscode,
  field,
  heading,
  pendingButtons,
  submitPassword,
} from "./support/console";
import { startReverseProxy } from "./support/reverse-proxy";

const LOCKED =
  /^This account is locked after 5 incorrect passcodes\. Another Owner can unlock it on the Administrators page; otherwise try again after .+ UTC\.$/;
const WRONG_PASSCODE = "Incorrect passcode. Enter the 6-digit code from your authenticator app.";

test("five incorrect passcodes lock an administrator until another Owner unlocks the account; both are in the Administrator Log", async ({
  browser,
  tenant,
  consoleAs,
}, info) => {
  const proxy = await startReverseProxy({
    target: String(info.project.use.baseURL),
    sourceAddress: "127.0.0.2",
    clientAddress: "198.51.100.77",
  });
  tenant.afterwards(() => proxy.stop());
  const viaProxy = async () => {
    const context = await browser.newContext({ baseURL: proxy.origin });
    tenant.afterwards(() => context.close());
    return context.newPage();
  };
  const admin = await tenant.admin("Read-only", "lockout");

  // The administrator enrolls at first sign-in.
  let page = await viaProxy();
  await page.goto("/admin/login");
  await submitPassword(page, admin.email, admin.password);
  const app = await completePasscode(page);
  await expect(heading(page, "Dashboard")).toBeVisible();

  // Five incorrect passcodes lock the account; the right password then says so.
  page = await viaProxy();
  await page.goto("/admin/login");
  await submitPassword(page, admin.email, admin.password);
  const passcode = field(page, "Passcode");
  const signIn = page.getByRole("button", { name: "Sign in", exact: true });
  for (let i = 1; i <= 4; i++) {
    await passcode.fill(app.wrong());
    await signIn.click();
    await expect(alerts(page)).toHaveText(WRONG_PASSCODE);
    // The attempt is finished (the form has been reset) before the next code is typed.
    await expect(signIn).toBeEnabled();
    await expect(pendingButtons(page)).toHaveCount(0);
    await expect(passcode).toBeEnabled();
  }
  await passcode.fill(app.wrong());
  await signIn.click();
  await expect(alerts(page)).toHaveText(LOCKED);
  await expect(passcode).toBeDisabled();
  await expect(signIn).toBeDisabled();

  await page.getByRole("link", { name: "Start over" }).click();
  await submitPassword(page, admin.email, admin.password);
  await expect(alerts(page)).toHaveText(LOCKED);
  await expect(field(page, "Passcode")).toHaveCount(0);

  // Another Owner sees the lock, unlocks the account, and both are in the Administrator Log.
  const owner = await consoleAs("Owner");
  await owner.goto("/admin/administrators");
  const row = adminRow(owner, admin.email);
  await expect(row.getByTestId("admin-locked")).toContainText("Locked");
  await row.getByRole("button", { name: `Unlock ${admin.email}` }).click();
  await expect(row.getByTestId("admin-locked")).toHaveCount(0);
  await expect(row.getByRole("button", { name: `Unlock ${admin.email}` })).toHaveCount(0);

  const locked = await adminLogRows(owner, "Administrator locked", admin.email);
  await expect(locked).toHaveCount(1);
  await expect(locked.first().getByRole("cell").nth(1)).toHaveText("system");
  await expect(locked.first()).toContainText("passcode_failures");
  const unlocked = await adminLogRows(owner, "Administrator unlocked", admin.email);
  await expect(unlocked).toHaveCount(1);
  await expect(unlocked.first().getByRole("cell").nth(1)).toHaveText(OWNER.email);
  // The failures were counted against the address the proxy reported, not 127.0.0.1.
  const failed = await adminLogRows(owner, "Failed sign-in", admin.email);
  // (The address is in the entry's detail drawer: the table fits 1366 px without it.)
  await failed
    .first()
    .getByRole("link", { name: /: details$/ })
    .click();
  const entry = owner.getByTestId("adminlog-entry");
  await expect(entry.locator("dt", { hasText: /^IP address$/ }).locator("xpath=following-sibling::dd[1]")).toHaveText(
    "198.51.100.77",
  );

  // Once unlocked, the administrator signs in.
  page = await viaProxy();
  await page.goto("/admin/login");
  await submitPassword(page, admin.email, admin.password);
  await completePasscode(page, app);
  await expect(heading(page, "Dashboard")).toBeVisible();
});
