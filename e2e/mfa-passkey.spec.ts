// Passkeys (WebAuthn), end to end through SP-initiated SAML sign-ins at a real node-saml SP,
// with Chromium's virtual authenticator (DevTools protocol: a CTAP2 platform authenticator
// with resident keys and user verification). A new user registers a passkey at first
// sign-in, then signs in with "Use the passkey"; a forged signature is refused.
//
// WebAuthn needs a domain as relying party ID (not an IP address), so this test moves the
// tenant's public base URL to http://localhost:<port> and puts it back afterwards: a
// tenant-wide change, so it runs with no other test beside it (EXCLUSIVE).
import type { Page } from "@playwright/test";
import { test, expect, EXCLUSIVE } from "./support/fixtures";
import { authLogEntries, authLogRows } from "./support/applications";
import { alerts, field } from "./support/console";
import { enterIdentifier, expectSignInPage, expectSpSignedIn, expectVerifyPage } from "./support/hosted-sign-in";
import { shot } from "./support/screenshots";

async function setPublicBaseUrl(owner: Page, url: string) {
  await owner.goto("/admin/settings");
  await field(owner, "Public base URL").fill(url);
  await owner.getByRole("button", { name: "Save", exact: true }).click();
  await expect(owner.getByRole("main").getByRole("status")).toHaveText("Settings saved.");
}

test(
  "a new user registers a passkey at first sign-in, signs in with it again, and a forged signature is refused",
  EXCLUSIVE,
  async ({ browser, baseURL, tenant, consoleAs }) => {
    const owner = await consoleAs("Owner");
    const base = new URL(baseURL!);
    await test.step("the administrator serves the tenant at localhost", async () => {
      tenant.afterwards(() => setPublicBaseUrl(owner, base.origin));
      await setPublicBaseUrl(owner, `http://localhost:${base.port}`);
    });
    const sp = await tenant.sp({ name: "Loopback Passkey App" });
    const app = await tenant.app(sp);
    expect(app.ssoUrl).toMatch(/^http:\/\/localhost:\d+\/saml2\/idp\//);
    const user = await tenant.user({ name: "pia.passkey", realName: "Pia Passkey", enrolled: false });

    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("WebAuthn.enable", { enableUI: false });
    const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
      options: {
        protocol: "ctap2",
        transport: "internal",
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    const passwordStep = async () => {
      await page.goto(sp.loginUrl());
      await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/sso\/login/);
      await expectSignInPage(page, app.name);
      await enterIdentifier(page, user.username);
      await field(page, "Password").fill(user.password);
      await page.getByRole("button", { name: "Log in", exact: true }).click();
    };

    await test.step("first sign-in: the user creates a passkey and lands at the SP", async () => {
      await passwordStep();
      await expect(page).toHaveURL(/\/sso\/enroll$/);
      await page.getByRole("radio", { name: /Passkey or security key/ }).check();
      await page.getByRole("button", { name: "Continue", exact: true }).click();
      await expect(page).toHaveURL(/\/sso\/enroll\?method=webauthn$/);
      await shot(page, "mfa-passkey-enrollment");
      await page.getByRole("button", { name: "Create a passkey" }).click();
      await expectSpSignedIn(page, sp, user.username);
      expect(sp.lastSignIn?.matchedRequest).toBe(true);

      const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
      expect(credentials).toHaveLength(1);
      expect(credentials[0]!.rpId).toBe("localhost");
      expect(credentials[0]!.isResidentCredential).toBe(true);
    });

    await test.step('signing in again: "Use the passkey" answers the second step', async () => {
      await context.clearCookies();
      await passwordStep();
      await expectVerifyPage(page);
      // Only the passkey was enrolled: no passcode field.
      await expect(page.getByLabel("Passcode")).toHaveCount(0);
      await shot(page, "mfa-passkey-verify");
      await page.getByRole("button", { name: "Use the passkey" }).click();
      await expectSpSignedIn(page, sp, user.username);
      const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
      expect(credentials[0]!.signCount).toBeGreaterThanOrEqual(1);
    });

    await test.step("a passkey answer with a forged signature is refused", async () => {
      await context.clearCookies();
      await passwordStep();
      await expectVerifyPage(page);
      await cdp.send("WebAuthn.setResponseOverrideBits", { authenticatorId, isBogusSignature: true });
      await page.getByRole("button", { name: "Use the passkey" }).click();
      await expect(alerts(page)).toHaveText("Your passkey could not be verified. Try again.");
      await expect(page).toHaveURL(/\/sso\/verify$/);
      await cdp.send("WebAuthn.setResponseOverrideBits", { authenticatorId, isBogusSignature: false });
      await page.getByRole("button", { name: "Use the passkey" }).click();
      await expectSpSignedIn(page, sp, user.username);
    });
    await context.close();

    await test.step("the Authentication Log records the enrollment and each passkey answer", async () => {
      const rows = (await authLogEntries(await authLogRows(owner, app))).filter((r) => r.user === user.username);
      expect(rows.map((r) => [r.result, r.reason, r.factor])).toEqual([
        ["Success", "Valid security key or passkey", "Security key or passkey"],
        ["Failure", "Security key or passkey not accepted", "Security key or passkey"],
        ["Success", "Valid security key or passkey", "Security key or passkey"],
        ["Success", "Enrolled an authenticator", "Security key or passkey"],
      ]);
    });
  },
);
