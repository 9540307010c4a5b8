// Authentication sources end to end, in Chromium, with a real upstream identity provider: a
// second Portcullis instance on loopback (127.0.0.2, started by this test; Portcullis is a SAML
// IdP), configured in Settings > Authentication Sources as an administrator would: typed
// Entity ID, SSO URL and certificate for one source, Metadata URL import for the other.
// Then, as in seed 000 (Azure as the sign-in source in front of Duo):
//   - an SP-initiated sign-in at a node-saml SP whose application overrides the source goes
//     upstream, comes back (a cross-site POST, re-posted once from Portcullis's origin), asks
//     for the Portcullis passcode, and the SP gets its Response;
//   - a user who signs in upstream but is not in Portcullis sees seed 000's wording;
//   - routing by email domain at the username step, with just-in-time creation into a group,
//     then Portcullis's own enrollment.
import { inflateRawSync } from "node:zlib";
import type { Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { field } from "./support/console";
import {
  enterIdentifier,
  enterPasscode,
  expectSignInPage,
  expectSpSignedIn,
  expectVerifyPage,
} from "./support/hosted-sign-in";
import { shot } from "./support/screenshots";
import { expectAccessible } from "./support/axe";
import { NAMEID } from "./support/test-sp";
import { UpstreamPortcullis, type UpstreamApp } from "./support/upstream-portcullis";

const UPSTREAM_PASSWORD = "Upstream-user-Passw0rd-2026";
const AADSTS50105 =
  "AADSTS50105: Your administrator has configured the application Portcullis ('7a868b56-764f-4071-96f6-f9808c0ead2e') to block users unless they are specifically granted ('assigned') access to the application.";

/** Adds a SAML identity provider with typed values; returns its page's SP Entity ID and ACS URL. */
async function addSource(admin: Page, name: string, up: UpstreamPortcullis, app: UpstreamApp) {
  await admin.goto("/admin/settings/sources");
  await admin.getByRole("link", { name: "Add SAML identity provider" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Add SAML identity provider" })).toBeVisible();
  await field(admin, "Name").fill(name);
  await field(admin, "Entity ID").fill(app.entityId);
  await field(admin, "Single Sign-On URL").fill(app.ssoUrl);
  await field(admin, "Signing certificates (PEM)").fill(up.certificatePem);
  await admin.getByRole("button", { name: "Add identity provider" }).click();
  await expect(admin.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(admin.getByText("Identity provider added.")).toBeVisible();
  const entityId = await field(admin, "Entity ID").first().inputValue();
  const acsUrl = await field(admin, "Assertion Consumer Service (ACS) URL").inputValue();
  expect(acsUrl).toMatch(/\/saml2\/sp\/[a-z0-9-]+\/acs$/);
  return { entityId, acsUrl, url: admin.url() };
}

/** Signs in at the upstream Portcullis (its own hosted page). */
async function upstreamSignIn(page: Page, up: UpstreamPortcullis, identifier: string) {
  await expect(page).toHaveURL(new RegExp(`^${up.baseUrl.replace(/\./g, "\\.")}/sso/login`));
  await enterIdentifier(page, identifier);
  await field(page, "Password").fill(UPSTREAM_PASSWORD);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
}

test("an upstream identity provider proves the first factor, then Portcullis's own MFA, enrollment and errors", async ({
  page,
  tenant,
  consoleAs,
  freshPage,
}) => {
  test.setTimeout(300_000);
  const tag = tenant.id("src").replace(/[^a-z0-9]/g, "");
  const domain = `${tag}.sources.test`;
  const user = await tenant.user({ name: "avery" }); // enrolled with an authenticator app
  const up = await UpstreamPortcullis.create(
    [
      { username: "avery", email: user.email, realName: "Avery Upstream", password: UPSTREAM_PASSWORD },
      { username: "ghost", email: `ghost@${domain}`, realName: "Ghost", password: UPSTREAM_PASSWORD },
      { username: "newbie", email: `newbie@${domain}`, realName: "Nora Newbie", password: UPSTREAM_PASSWORD },
    ],
    ["Portcullis A", "Portcullis B"],
  );
  tenant.afterwards(() => up.stop());
  const [appA, appB] = up.apps as [UpstreamApp, UpstreamApp];

  // The administrator adds both identity providers, typing the first one's values.
  const admin = await consoleAs("Owner");
  const nameA = `Upstream A ${tag}`;
  const nameB = `Upstream B ${tag}`;
  const a = await addSource(admin, nameA, up, appA);
  await shot(admin, "auth-source-sp-metadata");
  await expectAccessible(admin, "an authentication source");
  const b = await addSource(admin, nameB, up, appB);
  // Our SP metadata for the source: Download XML serves what the identity provider imports.
  const xml = await (await admin.request.get(`${b.entityId}?download=1`)).text();
  expect(xml).toContain(`entityID="${b.entityId}"`);
  expect(xml).toContain(`Location="${b.acsUrl}"`);

  // The upstream trusts Portcullis as the service provider of each source, then starts.
  up.configure(appA, "Portcullis A", a.entityId, a.acsUrl);
  up.configure(appB, "Portcullis B", b.entityId, b.acsUrl);
  await up.start();

  // Source B from its Metadata URL (guarded fetch), routed by email domain, creating users into a group.
  const contractors = await tenant.group("Contractors");
  await admin.goto(b.url);
  await field(admin, "or Metadata URL").fill(appB.metadataUrl);
  await admin.getByLabel("Create users who sign in here but are not in Portcullis yet").check();
  await admin.getByRole("group", { name: "Groups for created users" }).getByLabel(contractors.name).check();
  await field(admin, "Email domains").fill(domain);
  await admin.getByRole("button", { name: "Save", exact: true }).click();
  await expect(admin.getByText("Authentication source saved.")).toBeVisible();
  await expect(field(admin, "Single Sign-On URL")).toHaveValue(appB.ssoUrl);

  // The application uses source A, whatever the default.
  const sp = await tenant.sp({ name: "Upstream Mail", identifierFormat: NAMEID.emailAddress });
  const app = await tenant.app(sp, { nameIdFormat: NAMEID.emailAddress, nameIdAttribute: "email" });
  await admin.goto(`/admin/applications/${app.id}`);
  const sourceCard = admin.locator("section", { hasText: "Where users of this application prove" });
  await sourceCard.getByLabel("Sign in with").selectOption({ label: nameA });
  await sourceCard.getByRole("button", { name: "Save authentication source" }).click();
  await expect(sourceCard.getByText("Authentication source saved.")).toBeVisible();
  await admin.goto("/admin/settings/sources");
  await expect(admin.getByRole("row", { name: new RegExp(nameB) })).toContainText(domain);
  await shot(admin, "auth-sources-list");

  // 1. SP-initiated: upstream password, back, Portcullis passcode, the SP gets its Response.
  await page.goto(sp.loginUrl());
  await expectSignInPage(page, app.name);
  await field(page, "Username or email").fill(user.email);
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await upstreamSignIn(page, up, "avery");
  await expectVerifyPage(page);
  await enterPasscode(page, user.totp!.next());
  await expectSpSignedIn(page, sp, user.email);
  // The source keeps the real name in sync.
  expect((await tenant.findUsers([user.username]))[user.username]?.realName).toBe("Avery Upstream");

  // 2. Signed in upstream but not in Portcullis: seed 000's wording.
  const stranger = await freshPage();
  await stranger.goto(sp.loginUrl());
  await field(stranger, "Username or email").fill(`ghost@${domain}`);
  await stranger.getByRole("button", { name: "Next", exact: true }).click();
  await upstreamSignIn(stranger, up, "ghost");
  await expect(stranger.getByTestId("sso-error")).toHaveText("You entered an incorrect email address.");
  await shot(stranger, "auth-source-not-enrolled");
  await expectAccessible(stranger, "the not-enrolled page");

  // An error Response from the identity provider (Entra ID's AADSTS50105 for a user not assigned
  // to the application; Portcullis as an IdP shows its own page instead, so the test answers
  // for Entra in its wire format): the message and a reference, logged as upstream_denied.
  const denied = await freshPage();
  await denied.route(`${appA.ssoUrl}**`, async (route) => {
    const request = new URL(route.request().url()).searchParams.get("SAMLRequest")!;
    const xml = inflateRawSync(Buffer.from(request, "base64")).toString("utf8");
    const inResponseTo = /ID="([^"]+)"/.exec(xml)![1]!;
    const response =
      `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_entra${Date.now()}" Version="2.0" ` +
      `IssueInstant="${new Date().toISOString()}" Destination="${a.acsUrl}" InResponseTo="${inResponseTo}">` +
      `<saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">${appA.entityId}</saml:Issuer>` +
      `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Responder">` +
      `<samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:RequestDenied"/></samlp:StatusCode>` +
      `<samlp:StatusMessage>${AADSTS50105}</samlp:StatusMessage></samlp:Status></samlp:Response>`;
    await route.fulfill({
      contentType: "text/html",
      body:
        `<form method="post" action="${a.acsUrl}"><input type="hidden" name="SAMLResponse" value="${Buffer.from(response).toString("base64")}">` +
        `<button>Continue</button></form>`,
    });
  });
  await denied.goto(sp.loginUrl());
  await field(denied, "Username or email").fill(user.email);
  await denied.getByRole("button", { name: "Next", exact: true }).click();
  await denied.getByRole("button", { name: "Continue" }).click();
  await expect(denied.getByRole("heading", { level: 1 })).toHaveText(
    "Your organization's sign-in service refused the sign-in",
  );
  await expect(denied.getByTestId("sso-error")).toContainText(/Reference: [0-9A-F]{12}$/);
  await expect(denied.getByTestId("upstream-message")).toHaveText(AADSTS50105);
  await shot(denied, "auth-source-upstream-denied");

  // 3. Routing by domain at the username step (the portal), just-in-time creation, then enrollment.
  tenant.forgetUsersAfterwards(`newbie@${domain}`);
  const newbie = await freshPage();
  await newbie.goto("/sso/login");
  await field(newbie, "Username or email").fill(`newbie@${domain}`);
  await newbie.getByRole("button", { name: "Next", exact: true }).click();
  await upstreamSignIn(newbie, up, "newbie");
  await expect(newbie).toHaveURL(/\/sso\/enroll/);
  const created = (await tenant.findUsers([`newbie@${domain}`]))[`newbie@${domain}`];
  expect(created?.realName).toBe("Nora Newbie");
  expect(created?.email).toBe(`newbie@${domain}`);
  expect(created?.groups).toEqual([contractors.name]);

  // The sources go away with the test (the application override falls back to the default).
  for (const name of [nameA, nameB]) {
    await admin.goto("/admin/settings/sources");
    await admin.getByRole("link", { name }).click();
    await admin.getByRole("button", { name: "Remove authentication source" }).click();
    await admin.getByRole("button", { name: "Remove", exact: true }).click();
    await expect(admin.getByText("Authentication source removed.")).toBeVisible();
  }
});
