// Who may log a session out. Two loopback SPs with Single Logout URLs that do not sign their
// messages (the application does not require signed requests). The victim is signed in to
// both; an attacker who knows only the NameID sends an unsigned LogoutRequest from outside
// the victim's browser: it is refused ("Logout refused" in the Authentication Log), the
// answer carries nothing signed, and the victim's session still works. The victim's own
// browser logs out normally, and that is logged as a Success once both SPs answered.
// Each test has its own user, SPs and applications (fixtures).
import { SAML } from "@node-saml/node-saml";
import type { Page } from "@playwright/test";
import { test, expect, type TestTenant } from "./support/fixtures";
import { authLogEntries, authLogRows } from "./support/applications";
import { expectSignInPage, expectSpSignedIn, signInAs, type EndUser } from "./support/hosted-sign-in";
import type { TestSp } from "./support/test-sp";

/** The victim and two SPs with Single Logout URLs, protected for them. */
async function twoSpsAndVictim(tenant: TestTenant) {
  const open = await tenant.sp({ name: tenant.name("Logout Open") });
  const other = await tenant.sp({ name: tenant.name("Logout Other") });
  const openApp = await tenant.app(open, { sloUrl: true });
  const otherApp = await tenant.app(other, { sloUrl: true });
  const victim = await tenant.user({ name: "victim", realName: "Vic Victim" });
  return { open, other, openApp, otherApp, victim };
}

/** An unsigned HTTP-Redirect LogoutRequest naming `nameId` at the Open SP's IdP endpoint, as anyone can make it. */
function forgedLogoutUrl(open: TestSp, nameId: string): Promise<string> {
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
async function signedInToBoth(page: Page, s: { open: TestSp; other: TestSp; openName: string; victim: EndUser }) {
  await page.goto(s.open.loginUrl());
  await signInAs(page, s.openName, s.victim);
  await expectSpSignedIn(page, s.open, s.victim.username);
  await page.goto(s.other.loginUrl());
  await expectSpSignedIn(page, s.other, s.victim.username);
}

test("an unsigned LogoutRequest from outside the victim's browser is refused; the victim stays signed in", async ({
  page,
  playwright,
  tenant,
  consoleAs,
}) => {
  const { open, other, openApp, victim } = await twoSpsAndVictim(tenant);
  await signedInToBoth(page, { open, other, openName: openApp.name, victim });

  // The attacker: no cookie of the victim, only the NameID.
  const attacker = await playwright.request.newContext();
  try {
    const res = await attacker.get(await forgedLogoutUrl(open, victim.username), { maxRedirects: 0 });
    const location = res.headers()["location"] ?? "";
    expect(res.status()).toBe(303);
    expect(location).not.toContain("SAMLRequest");
    expect(location).not.toContain("SAMLResponse");
    expect(location.startsWith(other.sloUrl)).toBe(false);
    expect(new URL(location, "http://x").pathname).toBe("/sso/error");
  } finally {
    await attacker.dispose();
  }
  expect(other.logoutRequests, "the other SP was asked nothing").toHaveLength(0);

  // The victim's session still works: Open signs in without a prompt.
  await page.goto(open.loginUrl());
  await expectSpSignedIn(page, open, victim.username);

  const rows = await authLogEntries(await authLogRows(await consoleAs("Owner"), openApp));
  // Newest first: the victim's sign-in by SSO session after the attempt, then the refusal.
  expect(rows[0]).toMatchObject({ user: victim.username, result: "Success", reason: "Single sign-on session" });
  expect(rows[1]).toMatchObject({ user: victim.username, result: "Denied", reason: "Logout refused" });
  expect(rows.some((r) => r.reason === "Signed out (single logout)")).toBe(false);
});

test("the victim's own browser logs out of both SPs; the log says Success after both answered", async ({
  page,
  tenant,
  consoleAs,
}) => {
  const { open, other, openApp, victim } = await twoSpsAndVictim(tenant);
  await signedInToBoth(page, { open, other, openName: openApp.name, victim });

  await page.goto(open.logoutUrl("bye"));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Signed out");
  expect(other.logoutRequests).toHaveLength(1);
  await page.goto(open.loginUrl());
  await expectSignInPage(page, openApp.name);

  const rows = await authLogEntries(await authLogRows(await consoleAs("Owner"), openApp));
  expect(rows[0]).toMatchObject({ user: victim.username, result: "Success", reason: "Signed out (single logout)" });
});
