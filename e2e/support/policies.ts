// Custom policies as an administrator makes them: the policy editor (/admin/policies/new) and
// an application's Policy section ("Apply a policy").
import { expect, type Locator, type Page } from "@playwright/test";
import { card, type ProtectedApp } from "./applications";
import { field, heading } from "./console";

/** A section of the policy editor by its heading. */
export const policySection = (page: Page, title: string) =>
  page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name: title, exact: true }) });
const group = (scope: Locator, legend: string) => scope.getByRole("group", { name: legend, exact: true });

/** Creates a custom policy named `name`; `fill` sets its sections. */
export async function newPolicy(page: Page, name: string, fill: (page: Page) => Promise<void>) {
  await page.goto("/admin/policies/new");
  await field(page, "Policy name").fill(name);
  await fill(page);
  await page.getByRole("button", { name: /^(Save Policy|Create Policy)$/ }).click();
  await expect(page).toHaveURL(/\/admin\/policies\/[^/?]+\?saved=1$/);
  await expect(heading(page, name)).toBeVisible();
}

/** Authentication policy: "Require 2FA", "Bypass 2FA" or "Deny access". */
export async function setAuthenticationPolicy(page: Page, choice: "Require 2FA" | "Bypass 2FA" | "Deny access") {
  const s = policySection(page, "Authentication policy");
  await s.getByLabel("Set Authentication policy in this policy").check();
  await group(s, "Two-factor authentication").getByLabel(choice, { exact: true }).check();
}

/** New User policy: "Require enrollment", "Allow access without 2FA" or "Deny access". */
export async function setNewUserPolicy(
  page: Page,
  choice: "Require enrollment" | "Allow access without 2FA" | "Deny access",
) {
  const s = policySection(page, "New User policy");
  await s.getByLabel("Set New User policy in this policy").check();
  await group(s, "Users who have not enrolled").getByLabel(choice, { exact: true }).check();
}

/** Applies `policy` to the whole application (its page, Policy section). */
export async function applyPolicy(page: Page, app: Pick<ProtectedApp, "id">, policy: string) {
  await page.goto(`/admin/applications/${app.id}`);
  const panel = card(page, "Policy");
  await panel.getByRole("button", { name: "Apply a policy" }).click();
  await field(panel, "Policy for the whole application").selectOption({ label: policy });
  await panel.getByRole("button", { name: "Apply Policy" }).click();
  await expect(page).toHaveURL(/\?policy=applied#policy$/);
}
