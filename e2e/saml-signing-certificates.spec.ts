// Settings → Certificates: rotating the IdP's signing certificate without downtime. Create the
// next certificate (every application's metadata now lists two); an SP that reads the
// metadata then trusts both; promote it (the application page's SHA-256 fingerprint changes,
// responses are signed with the new key, and that SP still accepts them — one that read the
// metadata before the next certificate existed does not); retire the previous one (metadata
// lists one; the other SP, once it refreshes, accepts again). Rotation changes the key every
// application signs with, so this test runs with no other test beside it (EXCLUSIVE): the
// other tests' SPs read the certificates from metadata when they start.
import { X509Certificate } from "node:crypto";
import type { Page } from "@playwright/test";
import { test, expect, EXCLUSIVE } from "./support/fixtures";
import { ROLE_ACCOUNTS, authFile } from "./support/accounts";
import { card, openApplication, type ProtectedApp } from "./support/applications";
import { heading } from "./support/console";
import { enterIdentifier, enterPassword, expectSignInPage, expectSpSignedIn } from "./support/hosted-sign-in";
import { shot } from "./support/screenshots";
import { parseIdpMetadata } from "./support/test-sp";

test.use({ storageState: authFile(ROLE_ACCOUNTS.Administrator.key) });

const keys = (page: Page) => page.getByTestId("signing-key");
const keyIn = (page: Page, state: string) => keys(page).and(page.locator(`[data-state="${state}"]`));
const sha256Shown = async (page: Page, state: string) =>
  (await keyIn(page, state).locator("dd").nth(1).innerText()).trim();
const sha256Of = (base64Der: string) => new X509Certificate(Buffer.from(base64Der, "base64")).fingerprint256;
const metadataCertificates = async (app: ProtectedApp) =>
  parseIdpMetadata(await (await fetch(app.metadataUrl)).text()).certificates;

async function openCertificates(page: Page) {
  await page.goto("/admin/settings");
  await page.getByRole("navigation", { name: "Settings sections" }).getByRole("link", { name: "Certificates" }).click();
  await expect(page).toHaveURL(/\/admin\/settings\/certificates$/);
  await expect(heading(page, "Settings")).toBeVisible();
}

async function applicationSha256(page: Page, app: ProtectedApp) {
  await openApplication(page, app.id);
  return card(page, "Certificate Fingerprints").getByLabel("SHA-256 Fingerprint", { exact: true }).inputValue();
}

test(
  "rotating the signing certificate: create the next one, promote it, retire the previous one",
  EXCLUSIVE,
  async ({ page, browser, tenant }) => {
    const sp = await tenant.sp({ name: "Loopback Ledger" });
    /** Reads the metadata once, before the next certificate exists, and not again until told. */
    const stale = await tenant.sp({ name: "Loopback Archive" });
    const app = await tenant.app(sp);
    const staleApp = await tenant.app(stale);
    const avery = await tenant.user({ name: "avery" });
    let originalSha256 = "";

    await test.step("two applications; each SP reads the metadata, which lists the active certificate", async () => {
      originalSha256 = await applicationSha256(page, app);
      expect((await metadataCertificates(app)).map(sha256Of)).toEqual([originalSha256]);
      expect(stale.idp!.certificates.map(sha256Of)).toEqual([originalSha256]);

      await openCertificates(page);
      await expect(keys(page)).toHaveCount(1);
      await expect(keyIn(page, "ACTIVE")).toContainText("Active — signs responses");
      await expect(keyIn(page, "ACTIVE")).toContainText(originalSha256);

      // Each certificate can be downloaded; the file is the certificate shown.
      const download = page.waitForEvent("download");
      await keyIn(page, "ACTIVE").getByRole("link", { name: "Download certificate" }).click();
      const pem = await (await download).createReadStream().then(async (stream) => {
        const chunks: Buffer[] = [];
        for await (const c of stream) chunks.push(c as Buffer);
        return Buffer.concat(chunks).toString("utf8");
      });
      expect(new X509Certificate(pem).fingerprint256).toBe(originalSha256);
    });

    await test.step("Create next certificate: the metadata lists both, the active one still signs", async () => {
      await openCertificates(page);
      await page.getByRole("button", { name: "Create next certificate" }).click();
      await expect(
        page.getByRole("main").getByRole("status").filter({ hasText: "Created the next certificate." }),
      ).toBeVisible();
      await expect(keys(page)).toHaveCount(2);
      await expect(keyIn(page, "NEXT")).toContainText("Next — published, not signing");
      const nextSha256 = await sha256Shown(page, "NEXT");
      expect(nextSha256).not.toBe(originalSha256);

      expect((await metadataCertificates(app)).map(sha256Of)).toEqual([originalSha256, nextSha256]);
      // This SP refreshes its metadata now and trusts both; the other one does not refresh.
      await sp.useIdp(app.metadataUrl);
      expect(sp.idp!.certificates).toHaveLength(2);
      expect(await applicationSha256(page, app)).toBe(originalSha256);
    });

    await test.step("Promote next certificate: the fingerprint changes; the SP that read both accepts the new signature, the other refuses it", async () => {
      await openCertificates(page);
      const nextSha256 = await sha256Shown(page, "NEXT");
      await page.getByRole("button", { name: "Promote next certificate" }).click();
      await expect(
        page.getByRole("main").getByRole("status").filter({ hasText: "The next certificate now signs responses." }),
      ).toBeVisible();
      await expect(keyIn(page, "ACTIVE")).toContainText(nextSha256);
      await expect(keyIn(page, "PREVIOUS")).toContainText(originalSha256);
      await expect(keyIn(page, "PREVIOUS")).toContainText("Previous — published until retired");
      await shot(page, "certificates");

      expect(await applicationSha256(page, app)).toBe(nextSha256);
      expect((await metadataCertificates(app)).map(sha256Of)).toEqual([nextSha256, originalSha256]);

      const user = await browser.newContext();
      const userPage = await user.newPage();
      await userPage.goto(sp.loginUrl());
      await expectSignInPage(userPage, app.name);
      await enterIdentifier(userPage, avery.username);
      await enterPassword(userPage, avery);
      await expectSpSignedIn(userPage, sp, avery.username);

      // The SP that kept the old metadata gets a Response signed with a key it does not know.
      await userPage.goto(stale.loginUrl());
      await expect(userPage).toHaveURL(new RegExp(`^${stale.baseUrl.replace(/[.]/g, "\\.")}/acs`));
      await expect(userPage.getByRole("heading", { level: 1 })).toHaveText("Sign-in failed");
      await expect(userPage.getByTestId("sp-error")).toContainText(/signature/i);
      await user.close();
    });

    await test.step("Retire previous certificate: the metadata lists one certificate again", async () => {
      await openCertificates(page);
      await page.getByRole("button", { name: "Retire previous certificate" }).click();
      await expect(
        page
          .getByRole("main")
          .getByRole("status")
          .filter({ hasText: "Certificate retired and removed from metadata." }),
      ).toBeVisible();
      await expect(keyIn(page, "PREVIOUS")).toHaveCount(0);
      await expect(keyIn(page, "RETIRED")).toContainText(originalSha256);
      const active = await sha256Shown(page, "ACTIVE");
      expect((await metadataCertificates(app)).map(sha256Of)).toEqual([active]);
      expect(await applicationSha256(page, app)).toBe(active);
      await openCertificates(page);
      await expect(page.getByRole("button", { name: "Create next certificate" })).toBeVisible();

      // Once it refreshes its metadata, the other SP signs users in again.
      await stale.useIdp(staleApp.metadataUrl);
      const user = await browser.newContext();
      const userPage = await user.newPage();
      await userPage.goto(stale.loginUrl());
      await expectSignInPage(userPage, staleApp.name);
      await enterIdentifier(userPage, avery.username);
      await enterPassword(userPage, avery);
      await expectSpSignedIn(userPage, stale, avery.username);
      await user.close();
    });
  },
);
