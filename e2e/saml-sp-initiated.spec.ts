// SP-initiated sign-in with a real SAML service provider (@node-saml/node-saml on loopback,
// configured from the application's Metadata URL): the AuthnRequest goes by HTTP-Redirect
// and by HTTP-POST, the person signs in on the hosted page, and the SP validates the signed
// Response (signature with the certificate from metadata, audience, issuer, Destination and
// Recipient, InResponseTo = its own request) and shows who signed in, the attributes and the
// unchanged RelayState. Then a second application in the same browser signs in without a
// prompt (SSO session).
import { test, expect, type Page, type Request } from "@playwright/test";
import { ROLE_ACCOUNTS, authFile } from "./support/accounts";
import { protectLoopbackSp, type ProtectedApp } from "./support/applications";
import { ensureDirectory, removeApplications, USERS } from "./support/directory";
import {
  enterIdentifier,
  enterPassword,
  expectSignInPage,
  expectSpSignedIn,
  spAttribute,
} from "./support/hosted-sign-in";
import { shot } from "./support/screenshots";
import { NAMEID, TestSp } from "./support/test-sp";

test.describe.configure({ mode: "serial" });

/** & < > and spaces, 30 bytes: escaped in the IdP's auto-post page and in the SP's, never altered. */
const RELAY = "/inbox?folder=a&b=1 <x> y&z=\"'";

let mail: TestSp;
let wiki: TestSp;
let mailApp: ProtectedApp;
let wikiApp: ProtectedApp;

test.beforeAll(async () => {
  await ensureDirectory();
  mail = await TestSp.start({ name: "Loopback Mail", identifierFormat: NAMEID.emailAddress });
  wiki = await TestSp.start({ name: "Loopback Wiki" });
});

test.afterAll(async () => {
  await Promise.all([mail?.stop(), wiki?.stop()]);
  await removeApplications([mailApp?.id, wikiApp?.id].filter((id): id is string => !!id));
});

/** SAML messages the browser sends to the IdP's SSO URL (method and whether it carries SAMLRequest). */
function watchSso(page: Page, app: ProtectedApp) {
  const seen: Array<{ method: string; request: Request }> = [];
  page.on("request", (r) => {
    if (r.url().split("?")[0] === app.ssoUrl) seen.push({ method: r.method(), request: r });
  });
  return seen;
}

test.describe("the administrator", () => {
  test.use({ storageState: authFile(ROLE_ACCOUNTS["Application Manager"].key) });

  test("protects two loopback service providers through the console", async ({ page }) => {
    mailApp = await protectLoopbackSp(page, mail, {
      name: "Loopback Mail",
      nameIdFormat: NAMEID.emailAddress,
      nameIdAttribute: "<Email Address>",
      attributes: [
        ["Username", "username"],
        ["Full name", "displayName"],
        ["Groups", "groups"],
      ],
    });
    wikiApp = await protectLoopbackSp(page, wiki, { name: "Loopback Wiki" });
    // Each SP read its IdP from the Metadata URL shown on the application page.
    expect(mail.idp?.ssoUrl).toBe(mailApp.ssoUrl);
    expect(mail.idp?.entityId).toBe(mailApp.entityId);
    expect(mail.idp?.certificates.length).toBeGreaterThanOrEqual(1);
    expect(wiki.idp?.ssoUrl).toBe(wikiApp.ssoUrl);
  });
});

test("by HTTP-Redirect: the sign-in page names the application and the SP accepts the signed Response", async ({
  page,
}) => {
  const user = USERS.avery;
  const sso = watchSso(page, mailApp);
  await page.goto(mail.loginUrl({ binding: "redirect", relay: RELAY }));
  await expectSignInPage(page, "Loopback Mail");
  expect(sso[0]?.method, "the AuthnRequest came by HTTP-Redirect").toBe("GET");
  expect(new URL(sso[0]!.request.url()).searchParams.get("SAMLRequest")).toBeTruthy();
  await shot(page, "hosted-sign-in");

  await enterIdentifier(page, user.username);
  await enterPassword(page, user.password);
  await expectSpSignedIn(page, mail, user.email);
  await expect(page.getByTestId("name-id-format")).toHaveText(NAMEID.emailAddress);
  await expect(page.getByTestId("relay-state")).toHaveText(RELAY);
  await expect(page.getByTestId("issuer")).toHaveText(mailApp.entityId);
  await expect(page.getByTestId("audience")).toHaveText(mail.entityId);
  await expect(spAttribute(page, "username")).toHaveText(user.username);
  await expect(spAttribute(page, "displayName")).toHaveText(user.realName);
  await expect(spAttribute(page, "groups")).toHaveText("E2E Staff");
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

test("by HTTP-POST: the same sign-in, with the AuthnRequest posted to the Single Sign-On URL", async ({ page }) => {
  const user = USERS.alex;
  const sso = watchSso(page, mailApp);
  await page.goto(mail.loginUrl({ binding: "post", relay: RELAY }));
  await expectSignInPage(page, "Loopback Mail");
  expect(sso[0]?.method, "the AuthnRequest came by HTTP-POST").toBe("POST");
  expect(sso[0]!.request.postData()).toMatch(/(^|&)SAMLRequest=/);

  await enterIdentifier(page, user.email);
  await enterPassword(page, user.password);
  // The NameID is the stored email address, as the directory spells it.
  await expectSpSignedIn(page, mail, user.email);
  await expect(page.getByTestId("relay-state")).toHaveText(RELAY);
  await expect(spAttribute(page, "username")).toHaveText(user.username);
  const s = mail.lastSignIn!;
  expect(s.inResponseTo).toMatch(/^_/);
  expect(s.inResponseTo).not.toBe(mail.signIns[0]!.inResponseTo);
  expect(mail.errors).toEqual([]);
});

test("a second application in the same browser signs in without a prompt (SSO session)", async ({ page }) => {
  const user = USERS.sam;
  await page.goto(mail.loginUrl());
  await expectSignInPage(page, "Loopback Mail");
  await enterIdentifier(page, user.username);
  await enterPassword(page, user.password);
  await expectSpSignedIn(page, mail, user.email);

  // From here on the IdP shows no page: the browser goes SP -> IdP -> SP.
  const idpPages: string[] = [];
  page.on("framenavigated", (f) => {
    if (f === page.mainFrame() && /\/sso\/(login|error)/.test(f.url())) idpPages.push(f.url());
  });
  await page.goto(wiki.loginUrl({ relay: "wiki-home" }));
  await expectSpSignedIn(page, wiki, user.username);
  await expect(page.getByTestId("relay-state")).toHaveText("wiki-home");
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
  await expectSignInPage(fresh, "Loopback Wiki");
  await other.close();
});
