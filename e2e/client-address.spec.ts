// The client address comes from the socket; proxy headers count only from a configured
// trusted proxy (PORTCULLIS_TRUSTED_PROXIES; the e2e server trusts 127.0.0.2).
//  - a browser that sends X-Forwarded-For / Forwarded / X-Real-IP naming an address in the
//    application's Authorized network ("Allow access without 2FA") still has to give its
//    passcode, and the Authentication Log records its real address, 127.0.0.1;
//  - the same sign-in through a reverse proxy on 127.0.0.2 that reports the client as
//    203.0.113.7 is on the authorized network: no passcode (authorized_network), and the log
//    records 203.0.113.7 — also when the browser itself sent a spoofed X-Forwarded-For, since
//    the right-most address that is not a trusted proxy is the client.
import { test, expect, type Browser, type Page } from "@playwright/test";
import { OWNER, authFile } from "./support/accounts";
import { authLogEntries, authLogRows, card, protectLoopbackSp, type ProtectedApp } from "./support/applications";
import { field, heading } from "./support/console";
import {
  createUsers,
  END_USER_PASSWORD,
  GROUPS,
  removeApplications,
  resetDirectory,
  testTotpSecret,
} from "./support/directory";
import {
  endUserPasscode,
  enterIdentifier,
  enterPasscode,
  expectSignInPage,
  expectSpSignedIn,
  expectVerifyPage,
} from "./support/hosted-sign-in";
import { startReverseProxy, type ReverseProxy } from "./support/reverse-proxy";
import { TestSp } from "./support/test-sp";

test.describe.configure({ mode: "serial" });

const APP = "Client Address Office App";
const POLICY = "E2E Office network 203.0.113.0/24";
const USER = {
  username: "cora.clientaddr",
  email: "cora.clientaddr@e2e.example.com",
  realName: "Cora ClientAddress",
  password: END_USER_PASSWORD,
  groups: [GROUPS.staff],
};
const OFFICE_CLIENT = "203.0.113.7";
const SPOOFED = {
  "X-Forwarded-For": OFFICE_CLIENT,
  Forwarded: `for=${OFFICE_CLIENT}`,
  "X-Real-IP": OFFICE_CLIENT,
};

let sp: TestSp;
let app: ProtectedApp;
let proxy: ReverseProxy;

test.beforeAll(async ({}, info) => {
  await createUsers([{ ...USER, totpSecret: testTotpSecret(USER.username) }]);
  sp = await TestSp.start({ name: APP });
  proxy = await startReverseProxy({
    target: String(info.project.use.baseURL),
    sourceAddress: "127.0.0.2",
    clientAddress: OFFICE_CLIENT,
  });
});

test.afterAll(async () => {
  await sp?.stop();
  await proxy?.stop();
  if (app) await removeApplications([app.id]);
  await resetDirectory();
});

test.describe("the Owner", () => {
  test.use({ storageState: authFile(OWNER.key) });

  test("protects an SP whose policy lets 203.0.113.0/24 sign in without 2FA", async ({ page }) => {
    app = await protectLoopbackSp(page, sp, { name: APP });
    await page.goto("/admin/policies/new");
    await field(page, "Policy name").fill(POLICY);
    const nets = page
      .locator("section")
      .filter({ has: page.getByRole("heading", { level: 2, name: "Authorized networks", exact: true }) });
    await nets.getByLabel("Set Authorized networks in this policy").check();
    await field(nets, "Authorized networks").fill("203.0.113.0/24");
    await expect(nets.getByLabel("Allow access without 2FA from these networks")).toBeChecked();
    await nets.getByRole("group", { name: "From other networks", exact: true }).getByLabel("Require 2FA").check();
    await page.getByRole("button", { name: "Create Policy" }).click();
    await expect(page).toHaveURL(/\/admin\/policies\/[^/?]+\?saved=1$/);
    await expect(heading(page, POLICY)).toBeVisible();

    await page.goto(`/admin/applications/${app.id}`);
    const panel = card(page, "Policy");
    await panel.getByRole("button", { name: "Apply a policy" }).click();
    await field(panel, "Policy for the whole application").selectOption({ label: POLICY });
    await panel.getByRole("button", { name: "Apply Policy" }).click();
    await expect(page).toHaveURL(/\?policy=applied#policy$/);
  });
});

/** SP-initiated sign-in started at `origin` (the server itself, or the reverse proxy in front of it). */
async function passwordStep(page: Page, origin?: string) {
  const url = new URL(await sp.authorizeUrl());
  if (origin) {
    const o = new URL(origin);
    url.host = o.host;
  }
  await page.goto(url.toString());
  await expectSignInPage(page, APP);
  await enterIdentifier(page, USER.username);
  await field(page, "Password").fill(USER.password);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
}

async function newestLogRow(browser: Browser) {
  const admin = await browser.newContext({ storageState: authFile(OWNER.key) });
  const page = await admin.newPage();
  const rows = await authLogRows(page, app);
  const entries = await authLogEntries(rows);
  const ips = (await rows.first().getByRole("cell").allInnerTexts()).map((t) => t.trim());
  await admin.close();
  return { ...entries[0]!, ip: ips[6] };
}

test("a spoofed X-Forwarded-For from an untrusted peer does not reach 'Allow access without 2FA' and is not logged", async ({
  browser,
}) => {
  const context = await browser.newContext({ extraHTTPHeaders: SPOOFED });
  const page = await context.newPage();
  await passwordStep(page);
  await expectVerifyPage(page);
  await enterPasscode(page, await endUserPasscode(USER.username));
  await expectSpSignedIn(page, sp, USER.username);
  await context.close();

  const row = await newestLogRow(browser);
  expect([row.user, row.result, row.reason]).toEqual([USER.username, "Success", "Valid passcode"]);
  expect(row.ip).toBe("127.0.0.1");
});

test("the same client address from a configured trusted proxy is honoured: no passcode, and the log records it", async ({
  browser,
}) => {
  // The browser also sends its own X-Forwarded-For: the proxy appends the address it saw,
  // and only that right-most, untrusted entry counts.
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "198.51.100.23" } });
  const page = await context.newPage();
  const before = proxy.requests;
  await passwordStep(page, proxy.origin);
  await expectSpSignedIn(page, sp, USER.username);
  expect(proxy.requests).toBeGreaterThan(before);
  await context.close();

  const row = await newestLogRow(browser);
  expect([row.user, row.result, row.reason]).toEqual([USER.username, "Success", "Authorized network"]);
  expect(row.ip).toBe(OFFICE_CLIENT);
});
