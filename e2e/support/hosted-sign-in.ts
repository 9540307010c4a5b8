// The hosted end-user pages (/sso/...) as a person sees them, and the loopback SP's pages
// the browser lands on afterwards.
import { expect, type Page } from "@playwright/test";
import { escapeRegExp, field } from "./console";
import type { TestSp } from "./test-sp";

export const INCORRECT = "Incorrect username or password.";
export const DISABLED = { title: "Account disabled", body: "Your account is disabled and cannot access this application. Please contact your IT help desk." };
export const ACCESS_DENIED = (app: string) => ({ title: "Access denied", body: `Your administrator has not given you access to ${app}. Please contact your IT help desk.` });
export const REQUEST_REFUSED = { title: "Sign-in request not accepted", body: /^The application sent a sign-in request that Portcullis cannot accept\. Please contact your IT help desk\. Reference: [0-9A-F]{12}$/ };

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

/** Step two: password, then Log in. */
export async function enterPassword(page: Page, password: string) {
  await field(page, "Password").fill(password);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
}

/** Both steps, from the sign-in page of `appName`. */
export async function signInAs(page: Page, appName: string | undefined, identifier: string, password: string) {
  await expectSignInPage(page, appName);
  await enterIdentifier(page, identifier);
  await enterPassword(page, password);
}

/** The SP's page after it validated a Response: "Signed in as <nameId>". */
export async function expectSpSignedIn(page: Page, sp: TestSp, nameId: string) {
  await expect(page).toHaveURL(new RegExp(`^${escapeRegExp(sp.baseUrl)}/acs`));
  await expect(page.getByTestId("sp-error"), "the SP accepted the Response").toHaveCount(0);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Signed in as ${nameId}`);
  await expect(page.locator("header")).toContainText(sp.options.name);
}

/** An attribute's value(s) as the SP shows them. */
export const spAttribute = (page: Page, name: string) => page.locator(`[data-testid="attribute"][data-name="${name}"]`).getByTestId("attribute-value");

/** The generic error page of the hosted sign-in. */
export async function expectRequestRefused(page: Page) {
  await expect(page).toHaveURL(/\/sso\/error\?ref=[0-9A-F]{12}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(REQUEST_REFUSED.title);
  await expect(page.getByTestId("sso-error")).toHaveText(REQUEST_REFUSED.body);
  const ref = /ref=([0-9A-F]{12})/.exec(page.url())![1]!;
  await expect(page.getByTestId("sso-error")).toContainText(ref);
  return ref;
}
