// axe-core (WCAG 2.0/2.1 A and AA) on every console page and every hosted sign-in page
// (issue 12): no serious or critical violation, including forms showing their errors, the
// log drawers, a denial and the Chinese pages. Every test makes its own users, group,
// application, policy and inventory (fixtures); nothing tenant-wide is changed.
import type { Page } from "@playwright/test";
import { test, expect, END_USER_PASSWORD, type TestTenant } from "./support/fixtures";
import { expectAccessible } from "./support/axe";
import { heading } from "./support/console";
import { submit } from "./support/forms";

/** The objects the console pages show: a user in a group, an application, a policy and an inventory. */
async function consoleObjects(tenant: TestTenant) {
  const group = await tenant.group("Axe Group");
  const user = await tenant.user({ name: "axe.enrolled", realName: "Axe Enrolled", groups: [group] });
  const app = await tenant.app({
    entityId: `https://${tenant.id("axe")}.sp.example/`,
    acsUrl: "https://sp.example/acs",
  });
  const policy = await tenant.policy({}, undefined, "Axe Policy");
  const inventory = await tenant.inventory("Axe Inventory");
  return { group, user, app, policy, inventory };
}

test.describe("console", () => {
  const pages = (o: Awaited<ReturnType<typeof consoleObjects>>): Array<[string, string]> => [
    ["Dashboard", "/admin"],
    ["Applications", "/admin/applications"],
    ["Protect an Application", "/admin/applications/protect"],
    ["an application", `/admin/applications/${o.app.id}`],
    ["Generic SSO documentation", "/admin/documentation/generic-sso"],
    ["Users", "/admin/users"],
    ["Add User", "/admin/users/new"],
    ["a user", `/admin/users/${o.user.id}`],
    ["Import Users", "/admin/users/import"],
    ["Deleted users", "/admin/users/trash"],
    ["Groups", "/admin/groups"],
    ["Add Group", "/admin/groups/new"],
    ["a group", `/admin/groups/${o.group.id}?find=axe`],
    ["Policies", "/admin/policies"],
    ["New Policy", "/admin/policies/new"],
    ["a policy", `/admin/policies/${o.policy.id}`],
    ["Trusted Endpoints", "/admin/trusted-endpoints"],
    ["Add Integration (management tools)", "/admin/trusted-endpoints/add?tab=management"],
    ["Add Integration (EDR)", "/admin/trusted-endpoints/add?tab=edr"],
    ["Add a device inventory", "/admin/trusted-endpoints/add/inventory"],
    ["Cisco Secure Endpoint", "/admin/trusted-endpoints/cisco-secure-endpoint"],
    ["an integration", `/admin/trusted-endpoints/integrations/${o.inventory.id}`],
    ["Authentication Log", "/admin/reports/authentication-log"],
    ["Administrator Log", "/admin/reports/administrator-log"],
    ["Administrators", "/admin/administrators"],
    ["Settings", "/admin/settings"],
    ["Settings: certificates", "/admin/settings/certificates"],
    ["Settings: lockout", "/admin/settings/lockout"],
    ["Settings: authentication sources", "/admin/settings/sources"],
    ["Add SAML identity provider", "/admin/settings/sources/new"],
    ["the not-found page", "/admin/no-such-page"],
  ];

  // Every console page, in four parts that run side by side (together they cover pages()).
  const PARTS = 4;
  for (let part = 0; part < PARTS; part++) {
    test(`every console page, part ${part + 1} of ${PARTS}`, async ({ tenant, consoleAs }) => {
      const o = await consoleObjects(tenant);
      const page = await consoleAs("Owner");
      const mine = pages(o).filter((_, i) => i % PARTS === part);
      expect(mine.length).toBeGreaterThan(0);
      for (const [label, url] of mine) {
        await page.goto(url);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await expectAccessible(page, label, { soft: true });
      }
    });
  }

  test("forms showing their errors, and the log drawers", async ({ tenant, consoleAs }) => {
    const o = await consoleObjects(tenant);
    const page = await consoleAs("Owner");
    await page.goto("/admin/users/new");
    await page.getByLabel(/^Username/).fill("has spaces");
    await page.getByLabel(/^Email/).fill("x@");
    await submit(page, page.getByRole("button", { name: "Add User" }));
    await expect(page.getByTestId("error-summary")).toBeVisible();
    await expectAccessible(page, "Add User with errors");

    await page.goto(`/admin/applications/${o.app.id}`);
    await page.getByLabel("Only allow authentication from users in certain groups").check();
    await submit(page, page.getByRole("button", { name: "Save", exact: true }));
    await expect(page.getByTestId("error-summary")).toBeVisible();
    await expectAccessible(page, "an application with errors");

    await page.goto(`/admin/policies/${o.policy.id}`);
    await page.getByLabel(/^Policy name/).fill("");
    await submit(page, page.getByRole("button", { name: "Save Policy" }));
    await expect(page.getByTestId("error-summary")).toBeVisible();
    await expectAccessible(page, "a policy with errors");

    await page.goto("/admin/reports/administrator-log?range=bogus");
    await expectAccessible(page, "Administrator Log with a bad filter");
    await page.goto("/admin/reports/administrator-log");
    await page.getByTestId("adminlog-row").first().getByRole("link").first().click();
    await expect(page.getByRole("dialog")).toBeVisible();
    await expectAccessible(page, "Administrator Log drawer");
  });
});

test.describe("hosted pages", () => {
  const signIn = async (page: Page, username: string) => {
    await page.goto("/sso/login");
    await page.getByLabel(/^Username or email/).fill(username);
    await page.getByRole("button", { name: "Next", exact: true }).click();
    await expect(page.getByLabel(/^Password/)).toBeVisible();
  };

  test("sign-in, errors, second factor, portal", async ({ page, tenant }) => {
    const enrolled = await tenant.user({ name: "axe.enrolled", realName: "Axe Enrolled" });
    await page.goto("/admin/login");
    await expect(heading(page, "Administrator sign-in")).toBeVisible();
    await expectAccessible(page, "administrator sign-in");

    await page.goto("/sso/login");
    await expectAccessible(page, "sign-in, step one");
    await page.getByRole("button", { name: "Next", exact: true }).click();
    await expect(page.getByRole("main").getByRole("alert")).toBeVisible();
    await expectAccessible(page, "sign-in, step one with an error");

    await signIn(page, enrolled.username);
    await expectAccessible(page, "sign-in, password step");
    await page.getByLabel(/^Password/).fill("wrong password");
    await page.getByRole("button", { name: "Log in", exact: true }).click();
    await expect(page.getByRole("main").getByRole("alert")).toBeVisible();
    await expectAccessible(page, "sign-in, password step with an error");

    await page.getByLabel(/^Password/).fill(END_USER_PASSWORD);
    await page.getByRole("button", { name: "Log in", exact: true }).click();
    await expect(page).toHaveURL(/\/sso\/verify/);
    await expectAccessible(page, "second factor");
    // Passkeys are not offered: the test server's public base URL is an IP address.
    await expect(page.getByRole("button", { name: "Use the passkey" })).toHaveCount(0);
    await page.getByLabel(/^Passcode/).fill(enrolled.totp!.next());
    await page.getByRole("button", { name: "Verify", exact: true }).click();
    await expect(page).toHaveURL(/\/sso\/portal/);
    await expectAccessible(page, "application portal");
    await expect(page.getByRole("link", { name: /passkey/i })).toHaveCount(0);
    await page.goto("/sso/portal/add?method=totp");
    await expectAccessible(page, "portal: add an authenticator app");

    await page.goto("/sso/lang?set=zh-CN&back=/sso/portal");
    await expect(page.locator("main")).toHaveAttribute("lang", "zh-CN");
    await expectAccessible(page, "application portal in Chinese");
    await page.goto("/sso/lang?set=en&back=/sso/portal");
  });

  test("enrollment, a denial that is not a dead end, the error and reset pages", async ({
    page,
    tenant,
    freshPage,
  }) => {
    const fresh = await tenant.user({ name: "axe.fresh", realName: "Axe Fresh", enrolled: false });
    const disabled = await tenant.user({ name: "axe.disabled", realName: "Axe Disabled", status: "DISABLED" });
    await signIn(page, fresh.username);
    await page.getByLabel(/^Password/).fill(END_USER_PASSWORD);
    await page.getByRole("button", { name: "Log in", exact: true }).click();
    await expect(page).toHaveURL(/\/sso\/enroll/);
    await expectAccessible(page, "enrollment: choose a method");
    // At an IP address only the authenticator app is offered.
    await expect(page.getByRole("radio", { name: /Passkey/ })).toHaveCount(0);
    await page.goto("/sso/enroll?method=totp");
    await expectAccessible(page, "enrollment: authenticator app");

    // Another person, in another browser.
    page = await freshPage();
    await signIn(page, disabled.username);
    await page.getByLabel(/^Password/).fill(END_USER_PASSWORD);
    await page.getByRole("button", { name: "Log in", exact: true }).click();
    await expect(page.getByTestId("sign-in-denied")).toContainText("Account disabled");
    await expectAccessible(page, "Account disabled");
    await page.getByRole("button", { name: "Sign in as someone else" }).click();
    await expect(page).toHaveURL(/\/sso\/login$/);
    await expect(page.getByLabel(/^Username or email/)).toBeVisible();

    await page.goto("/sso/error?reason=user_not_in_permitted_group");
    await expect(page.getByRole("button", { name: "Sign in as someone else" })).toBeVisible();
    await expectAccessible(page, "Access denied page");
    await page.goto("/sso/error?ref=0123456789AB");
    await expectAccessible(page, "request refused page");
    await page.goto("/sso/reset/not-a-real-token");
    await expectAccessible(page, "password reset with an unknown link");
  });
});
