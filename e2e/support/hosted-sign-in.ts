// The hosted end-user pages (/sso/...) as a person sees them, and the loopback SP's pages
// the browser lands on afterwards.
import { expect, type Page } from "@playwright/test";
import { escapeRegExp, field } from "./console";
import type { TestSp } from "./test-sp";
import { testTotpSecret, USERS } from "./directory";
import { codeAtStep, hasTotpSecret, nextPasscode, saveTotpSecret, wrongPasscode } from "./totp";

export const INCORRECT = "Incorrect username or password.";
export const DISABLED = {
  title: "Account disabled",
  body: "Your account is disabled and cannot access this application. Please contact your IT help desk.",
};
export const ACCESS_DENIED = (app: string) => ({
  title: "Access denied",
  body: `Your administrator has not given you access to ${app}. Please contact your IT help desk.`,
});
export const REQUEST_REFUSED = {
  title: "Sign-in request not accepted",
  body: /^The application sent a sign-in request that Portcullis cannot accept\. Please contact your IT help desk\. Reference: [0-9A-F]{12}$/,
};

export const signInCard = (page: Page) => page.getByRole("main");

/** The hosted sign-in page, for an application (its name in the subtitle) or for the portal. */
export async function expectSignInPage(page: Page, appName?: string) {
  await expect(page).toHaveURL(/\/sso\/login(\?|$)/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in", exact: true })).toBeVisible();
  await expect(signInCard(page)).toContainText(appName ? `to continue to ${appName}` : "to your applications");
  await expect(field(page, "Username or email")).toBeVisible();
}

/** Step one: username, email or alias, then Next. */
export async function enterIdentifier(page: Page, identifier: string) {
  await field(page, "Username or email").fill(identifier);
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await expect(field(page, "Password")).toBeVisible();
  await expect(signInCard(page)).toContainText(`Signing in as ${identifier}`);
}

/** The directory user an identifier (username, email or alias, any case) names, if any. */
function directoryUser(identifier: string) {
  const id = identifier.trim().toLowerCase();
  return Object.values(USERS).find((u) =>
    [u.username, u.email, ...("aliases" in u ? u.aliases : [])].some((v) => v.toLowerCase() === id),
  );
}

/** The next unused passcode of an end user's authenticator app (secret known to the test). */
export async function endUserPasscode(username: string, secret = testTotpSecret(username)): Promise<string> {
  const key = `end-user:${username}`;
  if (!hasTotpSecret(key)) saveTotpSecret(key, secret);
  return nextPasscode(key);
}

/** A passcode the server refuses now for this end user. */
export function endUserWrongPasscode(username: string, secret = testTotpSecret(username)): string {
  const key = `end-user:${username}`;
  if (!hasTotpSecret(key)) saveTotpSecret(key, secret);
  return wrongPasscode(key);
}

/** The second-factor page ("Verify it's you"). */
export async function expectVerifyPage(page: Page) {
  await expect(page).toHaveURL(/\/sso\/verify(\?|$)/);
  await expect(page.getByRole("heading", { level: 1, name: "Verify it's you" })).toBeVisible();
}

/** Answers the second-factor page with a passcode. */
export async function enterPasscode(page: Page, code: string) {
  await field(page, "Passcode").fill(code);
  await page.getByRole("button", { name: "Verify", exact: true }).click();
}

/**
 * Step two: password, then Log in. The directory's users have an authenticator app, so
 * under the Global Policy's "Require 2FA" the second-factor page follows: it is answered
 * with the user's next passcode, as a person would with their phone.
 */
export async function enterPassword(page: Page, password: string) {
  const identifier = await page.locator('input[name="username"]').inputValue();
  await field(page, "Password").fill(password);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
  // Either the browser leaves the sign-in page, or the page answers (an error or a denial).
  const left = page
    .waitForURL((u) => u.pathname !== "/sso/login", { timeout: 20_000 })
    .then(
      () => "left",
      () => "stayed",
    );
  const answered = page
    .getByRole("main")
    .getByRole("alert")
    .or(page.getByTestId("sign-in-denied"))
    .first()
    .waitFor({ timeout: 20_000 })
    .then(
      () => "answered",
      () => "none",
    );
  await Promise.race([left, answered]);
  const user = directoryUser(identifier);
  if (user && new URL(page.url()).pathname === "/sso/verify") {
    await expectVerifyPage(page);
    await enterPasscode(page, await endUserPasscode(user.username));
  }
}

export { codeAtStep };

/** Both steps, from the sign-in page of `appName`. */
export async function signInAs(page: Page, appName: string | undefined, identifier: string, password: string) {
  await expectSignInPage(page, appName);
  await enterIdentifier(page, identifier);
  await enterPassword(page, password);
}

/** A transient NameID: a fresh opaque value, never the username or email. */
export const TRANSIENT_NAMEID = /_[0-9a-f]{40}/;

/** The SP's page after it validated a Response: "Signed in as <nameId>". */
export async function expectSpSignedIn(page: Page, sp: TestSp, nameId: string | RegExp) {
  await expect(page).toHaveURL(new RegExp(`^${escapeRegExp(sp.baseUrl)}/acs`));
  await expect(page.getByTestId("sp-error"), "the SP accepted the Response").toHaveCount(0);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    typeof nameId === "string" ? `Signed in as ${nameId}` : new RegExp(`^Signed in as ${nameId.source}$`),
  );
  await expect(page.locator("header")).toContainText(sp.options.name);
}

/** An attribute's value(s) as the SP shows them. */
export const spAttribute = (page: Page, name: string) =>
  page.locator(`[data-testid="attribute"][data-name="${name}"]`).getByTestId("attribute-value");

/** The generic error page of the hosted sign-in. */
export async function expectRequestRefused(page: Page) {
  await expect(page).toHaveURL(/\/sso\/error\?ref=[0-9A-F]{12}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(REQUEST_REFUSED.title);
  await expect(page.getByTestId("sso-error")).toHaveText(REQUEST_REFUSED.body);
  const ref = /ref=([0-9A-F]{12})/.exec(page.url())![1]!;
  await expect(page.getByTestId("sso-error")).toContainText(ref);
  return ref;
}
