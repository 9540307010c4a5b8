// The client address comes from the socket; proxy headers count only from a configured
// trusted proxy (PORTCULLIS_TRUSTED_PROXIES; the e2e server trusts 127.0.0.2).
//  - a browser that sends X-Forwarded-For / Forwarded / X-Real-IP naming an address in the
//    application's Authorized network ("Allow access without 2FA") still has to give its
//    passcode, and the Authentication Log records its real address, 127.0.0.1;
//  - the same sign-in through a reverse proxy on 127.0.0.2 that reports the client as
//    203.0.113.7 is on the authorized network: no passcode (authorized_network), and the log
//    records 203.0.113.7 — also when the browser itself sent a spoofed X-Forwarded-For, since
//    the right-most address that is not a trusted proxy is the client.
// Each test has its own user, SP, application and policy (fixtures).
import type { Page } from "@playwright/test";
import { test, expect, type TestTenant } from "./support/fixtures";
import { authLogEntries, authLogRows, type ProtectedApp } from "./support/applications";
import { field } from "./support/console";
import {
  enterIdentifier,
  enterPasscode,
  expectSignInPage,
  expectSpSignedIn,
  expectVerifyPage,
  type EndUser,
} from "./support/hosted-sign-in";
import { startReverseProxy } from "./support/reverse-proxy";
import type { TestSp } from "./support/test-sp";

const OFFICE_CLIENT = "203.0.113.7";
const SPOOFED = {
  "X-Forwarded-For": OFFICE_CLIENT,
  Forwarded: `for=${OFFICE_CLIENT}`,
  "X-Real-IP": OFFICE_CLIENT,
};

/** An SP whose policy lets 203.0.113.0/24 sign in without 2FA (2FA from other networks), and its user. */
async function officeApp(tenant: TestTenant) {
  const sp = await tenant.sp({ name: tenant.name("Client Address Office App") });
  const app = await tenant.app(sp);
  await tenant.policy(
    { authorizedNetworks: { allowList: ["203.0.113.0/24"], allowWithout2fa: true, outside: "require_2fa" } },
    { app },
    "E2E Office network 203.0.113.0/24",
  );
  const user = await tenant.user({ name: "cora", realName: "Cora ClientAddress" });
  return { sp, app, user };
}

/** SP-initiated sign-in started at `origin` (the server itself, or the reverse proxy in front of it). */
async function passwordStep(page: Page, sp: TestSp, app: ProtectedApp, user: EndUser, origin?: string) {
  const url = new URL(await sp.authorizeUrl());
  if (origin) url.host = new URL(origin).host;
  await page.goto(url.toString());
  await expectSignInPage(page, app.name);
  await enterIdentifier(page, user.username);
  await field(page, "Password").fill(user.password);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
}

async function newestLogRow(admin: Page, app: ProtectedApp) {
  const rows = await authLogRows(admin, app);
  const entries = await authLogEntries(rows);
  const ips = (await rows.first().getByRole("cell").allInnerTexts()).map((t) => t.trim());
  return { ...entries[0]!, ip: ips[6] };
}

test("a spoofed X-Forwarded-For from an untrusted peer does not reach 'Allow access without 2FA' and is not logged", async ({
  browser,
  tenant,
  consoleAs,
}) => {
  const { sp, app, user } = await officeApp(tenant);
  const context = await browser.newContext({ extraHTTPHeaders: SPOOFED });
  try {
    const page = await context.newPage();
    await passwordStep(page, sp, app, user);
    await expectVerifyPage(page);
    await enterPasscode(page, user.totp!.next());
    await expectSpSignedIn(page, sp, user.username);
  } finally {
    await context.close();
  }

  const row = await newestLogRow(await consoleAs("Owner"), app);
  expect([row.user, row.result, row.reason]).toEqual([user.username, "Success", "Valid passcode"]);
  expect(row.ip).toBe("127.0.0.1");
});

test("the same client address from a configured trusted proxy is honoured: no passcode, and the log records it", async ({
  browser,
  tenant,
  consoleAs,
}, info) => {
  const { sp, app, user } = await officeApp(tenant);
  const proxy = await startReverseProxy({
    target: String(info.project.use.baseURL),
    sourceAddress: "127.0.0.2",
    clientAddress: OFFICE_CLIENT,
  });
  tenant.afterwards(() => proxy.stop());
  // The browser also sends its own X-Forwarded-For: the proxy appends the address it saw,
  // and only that right-most, untrusted entry counts.
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "198.51.100.23" } });
  try {
    const page = await context.newPage();
    const before = proxy.requests;
    await passwordStep(page, sp, app, user, proxy.origin);
    await expectSpSignedIn(page, sp, user.username);
    expect(proxy.requests).toBeGreaterThan(before);
  } finally {
    await context.close();
  }

  const row = await newestLogRow(await consoleAs("Owner"), app);
  expect([row.user, row.result, row.reason]).toEqual([user.username, "Success", "Authorized network"]);
  expect(row.ip).toBe(OFFICE_CLIENT);
});
