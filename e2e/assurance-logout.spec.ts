// Who may log a session out. Two loopback SPs with Single Logout URLs that do not sign their
// messages (the application does not require signed requests). The victim is signed in to
// both; an attacker who knows only the NameID sends an unsigned LogoutRequest from outside
// the victim's browser: it is refused ("Logout refused" in the Authentication Log), the
// answer carries nothing signed, and the victim's session still works. The victim's own
// browser logs out normally, and that is logged as a Success once both SPs answered.
import { SAML } from "@node-saml/node-saml";
import { test, expect, type Page } from "@playwright/test";
import { OWNER, authFile } from "./support/accounts";
import { authLogEntries, authLogRows, protectLoopbackSp, type ProtectedApp } from "./support/applications";
import { assuranceUser, passwordAndPasscode } from "./support/assurance";
import { createUsers, removeApplications } from "./support/directory";
import { expectSignInPage, expectSpSignedIn } from "./support/hosted-sign-in";
import { TestSp } from "./support/test-sp";
import { RUN } from "./support/users";

test.describe.configure({ mode: "serial" });

const OPEN = `Logout Open ${RUN}`;
const OTHER = `Logout Other ${RUN}`;
const VICTIM = assuranceUser("victim", "Vic Victim");

let open: TestSp;
let other: TestSp;
let openApp: ProtectedApp;
let otherApp: ProtectedApp;

test.beforeAll(async () => {
  await createUsers([VICTIM]);
  open = await TestSp.start({ name: OPEN });
  other = await TestSp.start({ name: OTHER });
});

test.afterAll(async () => {
  await Promise.all([open?.stop(), other?.stop()]);
  await removeApplications([openApp?.id, otherApp?.id].filter((id): id is string => !!id));
});

test.describe("the Owner", () => {
  test.use({ storageState: authFile(OWNER.key) });
  test("protects two SPs with Single Logout URLs", async ({ page }) => {
    openApp = await protectLoopbackSp(page, open, { name: OPEN, sloUrl: true });
    otherApp = await protectLoopbackSp(page, other, { name: OTHER, sloUrl: true });
  });
});

/** An unsigned HTTP-Redirect LogoutRequest naming `nameId` at the Open SP's IdP endpoint, as anyone can make it. */
function forgedLogoutUrl(nameId: string): Promise<string> {
  const saml = new SAML({
    entryPoint: open.idp!.ssoUrl,
    logoutUrl: open.idp!.sloUrl,
    idpCert: open.idp!.certificates,
    issuer: open.entityId,
    callbackUrl: open.acsUrl,
  });
  return saml.getLogoutUrlAsync(
    {
      issuer: open.entityId,
      nameID: nameId,
      nameIDFormat: "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified",
    } as never,
    "",
    {},
  );
}

/** The victim signs in to Open (password and passcode), then to Other with the SSO session. */
async function signedInToBoth(page: Page) {
  await page.goto(open.loginUrl());
  await expectSignInPage(page, OPEN);
  await passwordAndPasscode(page, VICTIM);
  await expectSpSignedIn(page, open, VICTIM.username);
  await page.goto(other.loginUrl());
  await expectSpSignedIn(page, other, VICTIM.username);
}

test("an unsigned LogoutRequest from outside the victim's browser is refused; the victim stays signed in", async ({
  page,
  playwright,
  browser,
}) => {
  await signedInToBoth(page);

  // The attacker: no cookie of the victim, only the NameID.
  const attacker = await playwright.request.newContext();
  const res = await attacker.get(await forgedLogoutUrl(VICTIM.username), { maxRedirects: 0 });
  const location = res.headers()["location"] ?? "";
  expect(res.status()).toBe(303);
  expect(location).not.toContain("SAMLRequest");
  expect(location).not.toContain("SAMLResponse");
  expect(location.startsWith(other.sloUrl)).toBe(false);
  expect(new URL(location, "http://x").pathname).toBe("/sso/error");
  await attacker.dispose();
  expect(other.logoutRequests, "the other SP was asked nothing").toHaveLength(0);

  // The victim's session still works: both SPs sign in without a prompt.
  await page.goto(open.loginUrl());
  await expectSpSignedIn(page, open, VICTIM.username);

  const admin = await browser.newContext({ storageState: authFile(OWNER.key) });
  const adminPage = await admin.newPage();
  const rows = await authLogEntries(await authLogRows(adminPage, openApp));
  // Newest first: the victim's sign-in by SSO session after the attempt, then the refusal.
  expect(rows[0]).toMatchObject({ user: VICTIM.username, result: "Success", reason: "Single sign-on session" });
  expect(rows[1]).toMatchObject({ user: VICTIM.username, result: "Denied", reason: "Logout refused" });
  expect(rows.some((r) => r.reason === "Signed out (single logout)")).toBe(false);
  await admin.close();
});

test("the victim's own browser logs out of both SPs; the log says Success after both answered", async ({
  page,
  browser,
}) => {
  await signedInToBoth(page);

  await page.goto(open.logoutUrl("bye"));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Signed out");
  expect(other.logoutRequests).toHaveLength(1);
  await page.goto(open.loginUrl());
  await expectSignInPage(page, OPEN);

  const admin = await browser.newContext({ storageState: authFile(OWNER.key) });
  const rows = await authLogEntries(await authLogRows(await admin.newPage(), openApp));
  expect(rows[0]).toMatchObject({ user: VICTIM.username, result: "Success", reason: "Signed out (single logout)" });
  await admin.close();
});
