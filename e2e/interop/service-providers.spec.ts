// Real service providers on the first try: mod_auth_mellon 0.18, Shibboleth SP 3.4 and
// SimpleSAMLphp 1.19's saml:SP, each protected as a Generic SAML Service Provider through the
// console by importing its own metadata and nothing else, then driven in Chromium:
// SP-initiated and IdP-initiated sign-in, SP-initiated logout, IdP-initiated logout (the
// portal's Sign out) across two SPs, and logout of one session while the same user has a
// second session at mellon.
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { OWNER, authFile } from "../support/accounts";
import { card, protectApplication, type ProtectedApp } from "../support/applications";
import { field } from "../support/console";
import { test, expect } from "../support/fixtures";
import { enterIdentifier, enterPassword } from "../support/hosted-sign-in";
import { startSps, type RunningSps, type SpEndpoints, type SpName } from "./sp-software";

// One Apache with the three SPs serves the whole file (starting it is the slow part), so its
// tests run in order on the applications and user made once in beforeAll, and removed after.
test.describe.configure({ mode: "serial" });

const RUN = randomBytes(4).toString("hex");
const PASSWORD = "Interop-Passw0rd-2026";
const USER = { username: `interop.${RUN}`, email: `interop.${RUN}@interop.example.com` };
const TRANSIENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient";
const OPAQUE_TRANSIENT = /^_[0-9a-f]{40}$/;

let sps: RunningSps;
const apps = {} as Record<SpName, ProtectedApp>;

async function adminPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ storageState: authFile(OWNER.key) });
  return context.newPage();
}

/** Imports the SP's own metadata file on the application page and checks the summary. */
async function importMetadata(page: Page, app: ProtectedApp, sp: SpEndpoints): Promise<string> {
  const xml = await (await fetch(sp.metadataUrl)).text();
  await page.goto(`/admin/applications/${app.id}`);
  const form = card(page, "Import Service Provider metadata");
  await field(form, "Metadata file").setInputFiles({
    name: `${sp.name}-metadata.xml`,
    mimeType: "application/xml",
    buffer: Buffer.from(xml),
  });
  await form.getByRole("button", { name: "Import" }).click();
  const summary = page
    .getByRole("main")
    .getByRole("status")
    .filter({ hasText: /^Imported Entity ID / });
  await expect(summary).toBeVisible();
  return summary.innerText();
}

/** At the hosted sign-in page: the user's username and password (Bypass status: no second factor). */
async function signInAtIdp(page: Page) {
  await expect(page).toHaveURL(/\/sso\/login(\?|$)/);
  await enterIdentifier(page, USER.username);
  await enterPassword(page, PASSWORD);
}

/** The SP's own page shows a session; returns the NameID it received. */
async function expectSignedInAt(page: Page, sp: SpEndpoints): Promise<string> {
  if (sp.name === "simplesamlphp") {
    await expect(page).toHaveURL(new RegExp(`^${sp.origin}/simplesaml/module\\.php/core/authenticate\\.php`));
    await expect(page.getByText(TRANSIENT)).toBeVisible();
    const body = await page.locator("body").innerText();
    const nameId = /_[0-9a-f]{40}/.exec(body)?.[0];
    expect(nameId, `SimpleSAMLphp shows the NameID\n${body.slice(0, 2000)}`).toBeTruthy();
    return nameId!;
  }
  await expect(page).toHaveURL(new RegExp(`^${sp.origin}/`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Signed in at ${sp.name}`);
  await expect(page.getByTestId("sp-name-id")).not.toBeEmpty();
  if (sp.name === "shibboleth") await expect(page.getByTestId("sp-session")).not.toBeEmpty();
  return (await page.getByTestId("sp-name-id").innerText()).trim();
}

/** Visiting the SP's protected page sends the browser to the IdP's sign-in page: no SP session, no SSO session. */
async function expectSignedOutAt(page: Page, sp: SpEndpoints) {
  await page.goto(sp.protectedUrl);
  await expect(page).toHaveURL(/\/sso\/login(\?|$)/);
}

let userId: string | undefined;

test.beforeAll(async ({ browser, tenantData }) => {
  test.setTimeout(180_000);
  const ids = await tenantData.call<Record<string, string>>("createUsers", {
    users: [{ ...USER, realName: "Interop User", password: PASSWORD, status: "BYPASS", aliases: [], groupIds: [] }],
  });
  userId = ids[USER.username];
  const page = await adminPage(browser);
  for (const name of ["mellon", "shibboleth", "simplesamlphp"] as const)
    apps[name] = await protectApplication(page, "Generic SAML Service Provider");
  sps = await startSps(path.join(os.tmpdir(), `portcullis-interop-${process.pid}`), {
    mellon: apps.mellon.entityId,
    shibboleth: apps.shibboleth.entityId,
    simplesamlphp: apps.simplesamlphp.entityId,
  });
  // The administrator imports each SP's metadata and changes nothing else.
  const summaries = {} as Record<SpName, string>;
  for (const name of ["mellon", "shibboleth", "simplesamlphp"] as const)
    summaries[name] = await importMetadata(page, apps[name], sps.sps[name]);
  // mellon and SimpleSAMLphp ask for transient NameIDs: the import takes that from their metadata.
  expect(summaries.mellon).toContain("NameID format transient");
  expect(summaries.simplesamlphp).toContain("NameID format transient");
  // Then each SP is given its application's metadata (as an administrator hands it over).
  for (const name of ["mellon", "shibboleth", "simplesamlphp"] as const)
    await sps.trustIdp(name, await (await fetch(apps[name].metadataUrl)).text());
  await page.context().close();
});

test.afterAll(async ({ tenantData }) => {
  try {
    await sps?.stop();
  } finally {
    const appIds = Object.values(apps).map((a) => a.id);
    if (appIds.length) await tenantData.call("removeApplications", { ids: appIds });
    if (userId) await tenantData.call("removeUsers", { ids: [userId] });
  }
});

test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus && sps)
    await testInfo.attach("sp-logs", { body: sps.logs(), contentType: "text/plain" });
});

test("SP-initiated sign-in at mellon, Shibboleth and SimpleSAMLphp", async ({ page }) => {
  const { mellon, shibboleth, simplesamlphp } = sps.sps;
  await page.goto(mellon.protectedUrl);
  await signInAtIdp(page);
  const mellonNameId = await expectSignedInAt(page, mellon);
  expect(mellonNameId).toMatch(OPAQUE_TRANSIENT);

  // The SSO session signs the user in to the next SPs without a prompt.
  await page.goto(shibboleth.protectedUrl);
  expect(await expectSignedInAt(page, shibboleth)).toBe(USER.username);
  await page.goto(simplesamlphp.protectedUrl);
  const sspNameId = await expectSignedInAt(page, simplesamlphp);
  expect(sspNameId).not.toBe(mellonNameId);
});

test("IdP-initiated sign-in from the application portal", async ({ page }) => {
  await page.goto("/sso/portal");
  await signInAtIdp(page);
  await expect(page).toHaveURL(/\/sso\/portal/);
  for (const name of ["mellon", "shibboleth", "simplesamlphp"] as const) {
    await page.goto("/sso/portal");
    await page.locator(`a[href*="/saml2/idp/${apps[name].key}/"]`).first().click();
    await expectSignedInAt(page, sps.sps[name]);
  }
});

test("SP-initiated logout at mellon ends the SSO session and the Shibboleth session", async ({ page }) => {
  const { mellon, shibboleth } = sps.sps;
  await page.goto(mellon.protectedUrl);
  await signInAtIdp(page);
  await expectSignedInAt(page, mellon);
  await page.goto(shibboleth.protectedUrl);
  await expectSignedInAt(page, shibboleth);

  await page.goto(mellon.logoutUrl(`${mellon.origin}/index.html`));
  await expect(page).toHaveURL(`${mellon.origin}/index.html`);
  await expectSignedOutAt(page, shibboleth);
  await expectSignedOutAt(page, mellon);
});

test("SP-initiated logout at SimpleSAMLphp", async ({ page }) => {
  const { simplesamlphp } = sps.sps;
  await page.goto(simplesamlphp.protectedUrl);
  await signInAtIdp(page);
  await expectSignedInAt(page, simplesamlphp);
  await page.goto(simplesamlphp.logoutUrl(`${simplesamlphp.origin}/index.html`));
  // SimpleSAMLphp ends on its own page once it accepted our LogoutResponse.
  await expect(page).toHaveURL(new RegExp(`^${simplesamlphp.origin}/simplesaml/logout\\.php`));
  await expect(page.getByText("You have been logged out.")).toBeVisible();
  await expectSignedOutAt(page, simplesamlphp);
});

/** The portal's Sign out, then the logout page tells the SPs one after another. */
async function portalSignOut(page: Page): Promise<string[]> {
  await page.goto("/sso/portal");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sso\/signed-out\?run=/, { timeout: 30_000 });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("You have been signed out");
  const failed = page.getByTestId("logout-failed").getByRole("listitem");
  return failed.allInnerTexts();
}

test("IdP-initiated logout across two SPs: the portal's Sign out ends the mellon and Shibboleth sessions", async ({
  page,
}) => {
  const { mellon, shibboleth } = sps.sps;
  await page.goto(mellon.protectedUrl);
  await signInAtIdp(page);
  await expectSignedInAt(page, mellon);
  await page.goto(shibboleth.protectedUrl);
  await expectSignedInAt(page, shibboleth);

  expect(await portalSignOut(page)).toEqual([]);
  await expect(page.getByText("Every application confirmed the sign-out.")).toBeVisible();
  // Each SP ended its own session: its protected page sends the browser back to the IdP.
  await expectSignedOutAt(page, mellon);
  await expectSignedOutAt(page, shibboleth);
});

test("logout of one session while the same user has a second session at mellon", async ({ browser }) => {
  const { mellon, shibboleth } = sps.sps;
  const first = await (await browser.newContext()).newPage();
  const second = await (await browser.newContext()).newPage();
  for (const page of [first, second]) {
    await page.goto(mellon.protectedUrl);
    await signInAtIdp(page);
  }
  const firstNameId = await expectSignedInAt(first, mellon);
  const secondNameId = await expectSignedInAt(second, mellon);
  // Transient: each SP session has its own NameID, so mellon can tell the sessions apart.
  expect(firstNameId).not.toBe(secondNameId);
  await first.goto(shibboleth.protectedUrl);
  await expectSignedInAt(first, shibboleth);

  // The first browser signs out at the IdP: mellon ends that session only and answers; the
  // chain goes on to Shibboleth.
  expect(await portalSignOut(first)).toEqual([]);
  await expectSignedOutAt(first, mellon);
  await expectSignedOutAt(first, shibboleth);
  await second.goto(mellon.protectedUrl);
  expect(await expectSignedInAt(second, mellon)).toBe(secondNameId);
  await first.context().close();
  await second.context().close();
});
