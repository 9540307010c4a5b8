// The hosted end-user pages (/sso/...) as a person sees them, and the loopback SP's pages
// the browser lands on afterwards.
import { expect, type Page } from "@playwright/test";
import { escapeRegExp, field } from "./console";
import type { TestSp } from "./test-sp";
import type { Authenticator } from "./totp";

/** An end user a test created (e2e/support/fixtures.ts `tenant.user()`), with the authenticator app it holds. */
export type EndUser = {
  id: string;
  username: string;
  email: string;
  realName: string;
  password: string;
  aliases: string[];
  /** Its enrolled authenticator app (absent: the user is not enrolled). */
  totp?: Authenticator;
};

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
 * Step two: password, then Log in, and wait for the answer: the browser leaves the sign-in
 * page, or the page shows an error or a denial. Given the user (rather than a password
 * alone), a second-factor page that follows is answered with the user's next passcode, as a
 * person would with their phone.
 */
export async function enterPassword(page: Page, who: string | Pick<EndUser, "password" | "totp">) {
  const password = typeof who === "string" ? who : who.password;
  await field(page, "Password").fill(password);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
  const left = page
    .waitForURL((u) => u.pathname !== "/sso/login", { timeout: 45_000 })
    .then(
      () => "left",
      () => "stayed",
    );
  const answered = page
    .getByRole("main")
    .getByRole("alert")
    .or(page.getByTestId("sign-in-denied"))
    .first()
    .waitFor({ timeout: 45_000 })
    .then(
      () => "answered",
      () => "none",
    );
  await Promise.race([left, answered]);
  if (typeof who !== "string" && who.totp && new URL(page.url()).pathname === "/sso/verify") {
    await expectVerifyPage(page);
    await enterPasscode(page, who.totp.next());
  }
}

/** Both steps, from the sign-in page of `appName` (undefined: the portal's). */
export async function signInAs(page: Page, appName: string | undefined, user: EndUser, identifier = user.username) {
  await expectSignInPage(page, appName);
  await enterIdentifier(page, identifier);
  await enterPassword(page, user);
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
