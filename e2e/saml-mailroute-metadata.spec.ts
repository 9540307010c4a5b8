// Seed 004 (Configuring Single Sign-on with Duo Security, MailRoute): the administrator
// protects a Generic SAML Service Provider, copies the Metadata URL, fills Entity ID, ACS URL
// and Single Logout URL, and saves; the catalog's MailRoute entry fills the same values. The
// Metadata URL — all MailRoute is given — serves SAML metadata with caching headers.
import { test, expect } from "./support/fixtures";
import { ROLE_ACCOUNTS, authFile } from "./support/accounts";
import { applicationForm, card, openApplication, protectApplication, saveApplication } from "./support/applications";
import { NAMEID, NS, parseIdpMetadata } from "./support/test-sp";

test.use({ storageState: authFile(ROLE_ACCOUNTS["Application Manager"].key) });

const MAILROUTE = {
  entityId: "https://admin.mailroute.net/saml2/metadata/",
  acs: "https://admin.mailroute.net/saml2/acs/",
  slo: "https://admin.mailroute.net/saml2/ls/",
};

test("seed 004: Generic SAML Service Provider with MailRoute's Entity ID, ACS URL and Single Logout URL", async ({
  page,
  context,
  tenant,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  // Steps 1-2. Applications → Protect an Application → Generic SAML Service Provider → Protect.
  const app = await protectApplication(page, "Generic SAML Service Provider");
  tenant.forgetApplicationsAfterwards(app.id);

  // Step 3. Copy the Metadata URL (for MailRoute's Control Panel).
  const copy = card(page, "Metadata").getByRole("button", { name: "Copy Metadata URL" });
  await copy.click();
  await expect(copy).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(app.metadataUrl);

  // Steps 4-7. Entity ID, ACS URL, Single Logout URL; Save.
  const f = applicationForm(page);
  await f.entityId.fill(MAILROUTE.entityId);
  await f.acsUrl(1).fill(MAILROUTE.acs);
  await f.sloUrl.fill(MAILROUTE.slo);
  await f.name.fill(tenant.name("MailRoute (seed 004)"));
  await saveApplication(page);

  await openApplication(page, app.id);
  const saved = applicationForm(page);
  await expect(saved.entityId).toHaveValue(MAILROUTE.entityId);
  await expect(saved.acsUrl(1)).toHaveValue(MAILROUTE.acs);
  await expect(saved.sloUrl).toHaveValue(MAILROUTE.slo);
});

test("the MailRoute catalog entry fills the same values, and its Metadata URL serves cacheable SAML metadata", async ({
  page,
  tenant,
}) => {
  const app = await protectApplication(page, "MailRoute", "mailroute");
  tenant.forgetApplicationsAfterwards(app.id);
  await expect(page.getByRole("main").getByRole("status").first()).toContainText("paste the Metadata URL");
  const f = applicationForm(page);
  await expect(f.entityId).toHaveValue(MAILROUTE.entityId);
  await expect(f.acsUrl(1)).toHaveValue(MAILROUTE.acs);
  await expect(f.acsDefault(1)).toBeChecked();
  await expect(f.sloUrl).toHaveValue(MAILROUTE.slo);
  await expect(f.nameIdFormat).toHaveValue(NAMEID.emailAddress);
  await saveApplication(page);

  // What MailRoute does with the Metadata URL: fetch it (no session, no cookies).
  const res = await fetch(app.metadataUrl);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/samlmetadata+xml; charset=utf-8");
  expect(res.headers.get("cache-control")).toBe("public, max-age=300, must-revalidate");
  const etag = res.headers.get("etag");
  expect(etag).toMatch(/^"[A-Za-z0-9_-]{10,}"$/);
  expect(res.headers.get("content-disposition"), "served inline; Download XML adds ?download=1").toBeNull();
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  expect(res.headers.get("x-frame-options")).toBe("DENY");
  const xml = await res.text();
  const idp = parseIdpMetadata(xml);
  expect(idp.entityId).toBe(app.entityId);
  expect(idp.ssoUrl).toBe(app.ssoUrl);
  expect(idp.sloUrl).toBe(app.sloUrl);
  expect(idp.certificates.length).toBeGreaterThanOrEqual(1);
  // SSO and SLO for both bindings, the one NameID format MailRoute's application answers with
  // (emailAddress), AuthnRequests not required signed.
  for (const binding of ["HTTP-Redirect", "HTTP-POST"]) {
    expect(xml).toContain(
      `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:${binding}" Location="${app.ssoUrl}"/>`,
    );
    expect(xml).toContain(
      `<md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:${binding}" Location="${app.sloUrl}"/>`,
    );
  }
  expect([...xml.matchAll(/<md:NameIDFormat>([^<]+)<\/md:NameIDFormat>/g)].map((m) => m[1])).toEqual([
    NAMEID.emailAddress,
  ]);
  expect(xml).toContain(`xmlns:md="${NS.metadata}"`);
  expect(xml).toContain('WantAuthnRequestsSigned="false"');

  // Revalidation: the same ETag answers 304 without a body; another one gets the document.
  const again = await fetch(app.metadataUrl, { headers: { "If-None-Match": etag! } });
  expect(again.status).toBe(304);
  expect(again.headers.get("etag")).toBe(etag);
  expect(await again.text()).toBe("");
  const stale = await fetch(app.metadataUrl, { headers: { "If-None-Match": '"not-the-current-one"' } });
  expect(stale.status).toBe(200);
  expect(await stale.text()).toBe(xml);
  // HEAD (answered by Next, not by the server's own door) gives the same headers without a body.
  const head = await fetch(app.metadataUrl, { method: "HEAD" });
  expect(head.status).toBe(200);
  expect(head.headers.get("etag")).toBe(etag);
  expect(await head.text()).toBe("");
  // An application key that does not exist: 404, not another application's metadata.
  const unknown = await fetch(app.metadataUrl.replace(/\/saml2\/idp\/[^/]+\//, "/saml2/idp/NOSUCHAPPKEY0000/"));
  expect(unknown.status).toBe(404);
  expect(await unknown.text()).toBe("Unknown application");
});
