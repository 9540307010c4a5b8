// SP-initiated sign-in with a real SAML service provider (@node-saml/node-saml on loopback,
// configured from the application's Metadata URL): the AuthnRequest goes by HTTP-Redirect
// and by HTTP-POST, the person signs in on the hosted page, and the SP validates the signed
// Response (signature with the certificate from metadata, audience, issuer, Destination and
// Recipient, InResponseTo = its own request) and shows who signed in, the attributes and the
// unchanged RelayState. Then a second application in the same browser signs in without a
// prompt (SSO session).
import type { Page, Request } from "@playwright/test";
import { test, expect, type TestTenant } from "./support/fixtures";
import type { ProtectedApp } from "./support/applications";
import {
  enterIdentifier,
  enterPassword,
  expectSignInPage,
  expectSpSignedIn,
  spAttribute,
} from "./support/hosted-sign-in";
import { shot } from "./support/screenshots";
import { NAMEID } from "./support/test-sp";

/** & < > and spaces, 30 bytes: escaped in the IdP's auto-post page and in the SP's, never altered. */
const RELAY = "/inbox?folder=a&b=1 <x> y&z=\"'";

/** SAML messages the browser sends to the IdP's SSO URL (method and whether it carries SAMLRequest). */
function watchSso(page: Page, app: ProtectedApp) {
  const seen: Array<{ method: string; request: Request }> = [];
  page.on("request", (r) => {
    if (r.url().split("?")[0] === app.ssoUrl) seen.push({ method: r.method(), request: r });
  });
  return seen;
}

/** "Loopback Mail": NameID = the email address, with username, full name and groups as attributes. */
async function mailApp(tenant: TestTenant) {
  const mail = await tenant.sp({ name: "Loopback Mail", identifierFormat: NAMEID.emailAddress });
  const app = await tenant.app(mail, {
    nameIdFormat: NAMEID.emailAddress,
    nameIdAttribute: "email",
    attributes: [
      ["username", "username"],
      ["realName", "displayName"],
      ["groups", "groups"],
    ],
  });
  // The SP read its IdP from the application's Metadata URL.
  expect(mail.idp?.ssoUrl).toBe(app.ssoUrl);
  expect(mail.idp?.entityId).toBe(app.entityId);
  expect(mail.idp?.certificates.length).toBeGreaterThanOrEqual(1);
  return { mail, app };
}

test("by HTTP-Redirect: the sign-in page names the application and the SP accepts the signed Response", async ({
  page,
  tenant,
}) => {
  const { mail, app } = await mailApp(tenant);
  const staff = await tenant.group("E2E Staff");
  const user = await tenant.user({ name: "avery", realName: `Avery <Active> & "O'Neil"`, groups: [staff] });
  const sso = watchSso(page, app);
  await page.goto(mail.loginUrl({ binding: "redirect", relay: RELAY }));
  await expectSignInPage(page, app.name);
  expect(sso[0]?.method, "the AuthnRequest came by HTTP-Redirect").toBe("GET");
  expect(new URL(sso[0]!.request.url()).searchParams.get("SAMLRequest")).toBeTruthy();
  await shot(page, "hosted-sign-in");

  await enterIdentifier(page, user.username);
  await enterPassword(page, user);
  await expectSpSignedIn(page, mail, user.email);
  await expect(page.getByTestId("name-id-format")).toHaveText(NAMEID.emailAddress);
  await expect(page.getByTestId("relay-state")).toHaveText(RELAY);
  await expect(page.getByTestId("issuer")).toHaveText(app.entityId);
  await expect(page.getByTestId("audience")).toHaveText(mail.entityId);
  await expect(spAttribute(page, "username")).toHaveText(user.username);
  await expect(spAttribute(page, "displayName")).toHaveText(user.realName);
  await expect(spAttribute(page, "groups")).toHaveText(staff.name);
  await shot(page, "sp-signed-in");

  // What the SP checked, beyond what its page shows.
  const s = mail.lastSignIn!;
  expect(s.inResponseTo, "InResponseTo names the SP's AuthnRequest").toMatch(/^_/);
  expect(s.matchedRequest).toBe(true);
  expect(s.destination).toBe(mail.acsUrl);
  expect(s.recipient).toBe(mail.acsUrl);
  expect(s.sessionIndex).toMatch(/^_[0-9a-f]{40}$/);
  expect(s.relayState).toBe(RELAY);
  expect(mail.errors).toEqual([]);
});

test("by HTTP-POST: the same sign-in, with the AuthnRequest posted to the Single Sign-On URL", async ({
  page,
  tenant,
}) => {
  const { mail, app } = await mailApp(tenant);
  const user = await tenant.user({ name: "alex", email: "Alex.Alias" });
  const sso = watchSso(page, app);
  await page.goto(mail.loginUrl({ binding: "post", relay: RELAY }));
  await expectSignInPage(page, app.name);
  expect(sso[0]?.method, "the AuthnRequest came by HTTP-POST").toBe("POST");
  expect(sso[0]!.request.postData()).toMatch(/(^|&)SAMLRequest=/);

  await enterIdentifier(page, user.email);
  await enterPassword(page, user);
  // The NameID is the stored email address, as the directory spells it.
  await expectSpSignedIn(page, mail, user.email);
  await expect(page.getByTestId("relay-state")).toHaveText(RELAY);
  await expect(spAttribute(page, "username")).toHaveText(user.username);
  const s = mail.lastSignIn!;
  expect(s.inResponseTo).toMatch(/^_/);
  expect(s.matchedRequest, "InResponseTo names the SP's own AuthnRequest").toBe(true);
  expect(mail.errors).toEqual([]);
});

test("a second application in the same browser signs in without a prompt (SSO session)", async ({ page, tenant }) => {
  const { mail, app } = await mailApp(tenant);
  const wiki = await tenant.sp({ name: "Loopback Wiki" });
  const wikiApp = await tenant.app(wiki);
  const user = await tenant.user({ name: "sam.session" });
  await page.goto(mail.loginUrl());
  await expectSignInPage(page, app.name);
  await enterIdentifier(page, user.username);
  await enterPassword(page, user);
  await expectSpSignedIn(page, mail, user.email);

  // From here on the IdP shows no page: the browser goes SP -> IdP -> SP.
  const idpPages: string[] = [];
  page.on("framenavigated", (f) => {
    if (f === page.mainFrame() && /\/sso\/(login|error)/.test(f.url())) idpPages.push(f.url());
  });
  const ssoAnswer = page.waitForResponse((r) => r.url().startsWith(`${wikiApp.ssoUrl}?`));
  await page.goto(wiki.loginUrl({ relay: "wiki-home" }));
  await expectSpSignedIn(page, wiki, user.username);
  await expect(page.getByTestId("relay-state")).toHaveText("wiki-home");
  // That answer (the auto-post form, answered by the server without Next's pipeline) carries
  // the headers every answer has, and a policy that lets the form go to the SP only.
  const answer = await ssoAnswer;
  expect(answer.status()).toBe(200);
  const headers = answer.headers();
  expect(headers).toMatchObject({
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
  });
  expect(headers["content-security-policy"]).toContain(`form-action ${new URL(wiki.acsUrl).origin};`);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  await expect(page.getByTestId("name-id-format")).toHaveText(NAMEID.unspecified);
  expect(idpPages, "no sign-in prompt for the second application").toEqual([]);
  // Two applications, two session indexes of one SSO session.
  expect(wiki.lastSignIn!.sessionIndex).toMatch(/^_/);
  expect(wiki.lastSignIn!.sessionIndex).not.toBe(mail.lastSignIn!.sessionIndex);
  expect(wiki.lastSignIn!.inResponseTo).toMatch(/^_/);

  // A new browser has no session: it is asked again.
  const other = await page.context().browser()!.newContext();
  const fresh = await other.newPage();
  await fresh.goto(wiki.loginUrl());
  await expectSignInPage(fresh, wikiApp.name);
  await other.close();
});
