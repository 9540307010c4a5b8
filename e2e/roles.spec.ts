// Roles: each administrator sees exactly the navigation its role allows, every allowed
// page renders, every other page says so, a read-only role gets a read-only Settings form,
// and a mutation sent straight to the server is refused for a role without the permission.
import type { Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { ACCOUNTS_BY_ROLE, OWNER, authFile, type RoleLabel } from "./support/accounts";
import { addAdministrator, addForm, adminRow, field, heading, submitAction } from "./support/console";
import { captureAction, replayAction, withValues } from "./support/server-action";

const NO_ACCESS = "You don't have access to this page";
const FORBIDDEN = "Your administrator role does not allow this action.";

/** Every console page, in sidebar order: label (also the page's h1) and path. */
const PAGES = [
  ["Dashboard", "/admin"],
  ["Applications", "/admin/applications"],
  ["Users", "/admin/users"],
  ["Groups", "/admin/groups"],
  ["Policies", "/admin/policies"],
  ["Trusted Endpoints", "/admin/trusted-endpoints"],
  ["Authentication Log", "/admin/reports/authentication-log"],
  ["Administrator Log", "/admin/reports/administrator-log"],
  ["Administrators", "/admin/administrators"],
  ["Settings", "/admin/settings"],
] as const;
type PageLabel = (typeof PAGES)[number][0];

/**
 * What each role may open, written out from the role descriptions (Duo's meanings), not
 * derived from lib/authz.ts, so that a change to the matrix shows up here.
 */
const ALLOWED: Record<RoleLabel, readonly PageLabel[]> = {
  Owner: PAGES.map(([label]) => label),
  // Full access except managing administrators.
  Administrator: [
    "Dashboard",
    "Applications",
    "Users",
    "Groups",
    "Policies",
    "Trusted Endpoints",
    "Authentication Log",
    "Administrator Log",
    "Settings",
  ],
  // Manages applications, policies, endpoints; read-only elsewhere (no Administrator Log).
  "Application Manager": [
    "Dashboard",
    "Applications",
    "Users",
    "Groups",
    "Policies",
    "Trusted Endpoints",
    "Authentication Log",
    "Settings",
  ],
  // Manages users and groups; read-only elsewhere (no Administrator Log).
  "User Manager": [
    "Dashboard",
    "Applications",
    "Users",
    "Groups",
    "Policies",
    "Trusted Endpoints",
    "Authentication Log",
    "Settings",
  ],
  // Views users and the Authentication Log.
  "Help Desk": ["Dashboard", "Users", "Groups", "Authentication Log"],
  // Views everything except administrators.
  "Read-only": [
    "Dashboard",
    "Applications",
    "Users",
    "Groups",
    "Policies",
    "Trusted Endpoints",
    "Authentication Log",
    "Administrator Log",
    "Settings",
  ],
};

/** Whether the role may change Settings (otherwise the form is read-only). */
const MANAGES_SETTINGS: Record<RoleLabel, boolean> = {
  Owner: true,
  Administrator: true,
  "Application Manager": false,
  "User Manager": false,
  "Help Desk": false,
  "Read-only": false,
};

const sidebarLinks = (page: Page) =>
  page.getByRole("navigation", { name: "Console" }).getByRole("listitem").getByRole("link");

const an = (role: string) => (/^[AEIOU]/.test(role) ? `an ${role}` : `a ${role}`);

for (const role of Object.keys(ALLOWED) as RoleLabel[]) {
  test.describe(`${role}`, () => {
    test.use({ storageState: authFile(ACCOUNTS_BY_ROLE[role].key) });

    test(`the sidebar shows exactly the pages ${an(role)} may open`, async ({ page }) => {
      await page.goto("/admin");
      await expect(heading(page, "Dashboard")).toBeVisible();
      await expect(page.getByTestId("actor-role")).toHaveText(role);
      await expect(sidebarLinks(page)).toHaveText([...ALLOWED[role]]);
      for (const [label, path] of PAGES.filter(([l]) => ALLOWED[role].includes(l))) {
        await expect(sidebarLinks(page).filter({ hasText: new RegExp(`^${label}$`) })).toHaveAttribute("href", path);
      }
    });

    test(`${an(role)} can open each allowed page and no other`, async ({ page }) => {
      for (const [label, path] of PAGES) {
        const response = await page.goto(path);
        expect(response?.status(), `${path} answers`).toBe(200);
        if (ALLOWED[role].includes(label)) {
          await expect(heading(page, label), `${role} sees ${path}`).toBeVisible();
          await expect(page.getByText(NO_ACCESS)).toHaveCount(0);
        } else {
          await expect(page.getByText(NO_ACCESS), `${role} is kept out of ${path}`).toBeVisible();
          await expect(page.getByRole("heading", { level: 1, name: label, exact: true })).toHaveCount(0);
        }
        await expect(sidebarLinks(page)).toHaveCount(ALLOWED[role].length);
      }
    });

    if (ALLOWED[role].includes("Settings")) {
      test(`${an(role)} gets ${MANAGES_SETTINGS[role] ? "an editable" : "a read-only"} Settings form`, async ({
        page,
      }) => {
        await page.goto("/admin/settings");
        await expect(heading(page, "Settings")).toBeVisible();
        const inputs = [field(page, "Tenant name"), field(page, "Public base URL")];
        if (MANAGES_SETTINGS[role]) {
          for (const input of inputs) await expect(input).toBeEnabled();
          // Saving works (unchanged values, so other tests are not affected: nothing is written).
          await submitAction(page, page.getByRole("button", { name: "Save" }));
          await expect(page.getByRole("main").getByRole("status")).toHaveText("No changes to save.");
        } else {
          for (const input of inputs) await expect(input).toBeDisabled();
          await expect(page.getByRole("button", { name: "Save" })).toHaveCount(0);
          await expect(page.getByText("Your role can view these settings but not change them.")).toBeVisible();
        }
      });
    }
  });
}

test.describe("mutations sent straight to the server", () => {
  test("a Read-only administrator cannot change Settings, even with a hand-made request", async ({ browser }) => {
    // The Owner submits the Settings form with an invalid URL (nothing is stored) to
    // capture the action's id and body.
    const owner = await browser.newContext({ storageState: authFile(OWNER.key) });
    const ownerPage = await owner.newPage();
    await ownerPage.goto("/admin/settings");
    const before = {
      tenantName: await field(ownerPage, "Tenant name").inputValue(),
      publicBaseUrl: await field(ownerPage, "Public base URL").inputValue(),
    };
    await field(ownerPage, "Tenant name").fill("Captured-Name-Marker");
    await field(ownerPage, "Public base URL").fill("ftp://captured.invalid");
    const captured = await captureAction(ownerPage, ownerPage.getByRole("button", { name: "Save" }));
    await expect(field(ownerPage, "Public base URL")).toHaveAccessibleDescription(
      /must be an absolute http:\/\/ or https:\/\/ URL/,
    );

    // The captured request is a working one: replayed as the Owner, the server validates it.
    const control = await replayAction(owner.request, captured);
    expect(control.status).toBe(200);
    expect(control.text).toContain("must be an absolute http:// or https:// URL");

    // Replayed as Read-only with valid values: refused by the server.
    const readOnly = await browser.newContext({ storageState: authFile(ACCOUNTS_BY_ROLE["Read-only"].key) });
    const attack = withValues(captured, {
      "Captured-Name-Marker": "Hijacked by Read-only",
      "ftp://captured.invalid": "https://attacker.example",
    });
    const refused = await replayAction(readOnly.request, attack);
    expect(refused.text).toContain(FORBIDDEN);
    expect(refused.text).not.toContain("Settings saved.");

    // The same for an Application Manager (views Settings, may not change them).
    const appManager = await browser.newContext({
      storageState: authFile(ACCOUNTS_BY_ROLE["Application Manager"].key),
    });
    expect((await replayAction(appManager.request, attack)).text).toContain(FORBIDDEN);

    // Nothing changed.
    await ownerPage.goto("/admin/settings");
    await expect(field(ownerPage, "Tenant name")).toHaveValue(before.tenantName);
    await expect(field(ownerPage, "Public base URL")).toHaveValue(before.publicBaseUrl);
    await expect(ownerPage.getByRole("navigation", { name: "Console" })).not.toContainText("Hijacked");
    await Promise.all([owner.close(), readOnly.close(), appManager.close()]);
  });

  test("an Administrator cannot add, promote or remove administrators, even with hand-made requests", async ({
    browser,
    tenant,
  }) => {
    const mallory = `${tenant.id("mallory")}@e2e.example.com`;
    tenant.forgetAdminsAfterwards(mallory);
    const owner = await browser.newContext({ storageState: authFile(OWNER.key) });
    const ownerPage = await owner.newPage();
    await ownerPage.goto("/admin/administrators");

    // Capture "Add administrator" with a too-short password: refused, nothing added.
    const f = addForm(ownerPage);
    await f.name.fill("Mallory Escalation");
    await f.email.fill(mallory);
    await f.role.selectOption({ label: "Owner" });
    await f.password.fill("short-pw");
    const addAction = await captureAction(ownerPage, f.submit);
    await expect(f.password).toHaveAccessibleDescription(/Use at least 12 characters\./);

    // Capture "Change role" on another administrator, choosing the role it already has
    // (a no-op), to learn that action's id and body.
    const target = ACCOUNTS_BY_ROLE["Read-only"];
    const targetRow = adminRow(ownerPage, target.email);
    const targetId = await targetRow.locator('input[name="adminId"]').first().inputValue();
    await expect(targetRow.getByRole("combobox")).toHaveValue("READ_ONLY");
    const roleAction = await captureAction(
      ownerPage,
      targetRow.getByRole("button", { name: `Change role for ${target.email}` }),
    );

    // Capture "Remove" by removing a throwaway administrator.
    const throwaway = {
      name: tenant.name("Temp Removable"),
      email: `${tenant.id("temp-removable")}@e2e.example.com`,
      password: "Temp-password-12345",
      role: "Read-only",
    } as const;
    tenant.forgetAdminsAfterwards(throwaway.email);
    await addAdministrator(ownerPage, throwaway);
    const throwawayRow = adminRow(ownerPage, throwaway.email);
    const throwawayId = await throwawayRow.locator('input[name="adminId"]').first().inputValue();
    await throwawayRow.getByRole("button", { name: `Remove ${throwaway.email}` }).click();
    const removeAction = await captureAction(
      ownerPage,
      throwawayRow.getByRole("button", { name: `Confirm removing ${throwaway.email}` }),
    );
    await expect(throwawayRow).toHaveCount(0);

    // The captured requests work: replayed as the Owner, the server answers them.
    expect((await replayAction(owner.request, addAction)).text).toContain("Use at least 12 characters.");
    // (The role it already has: a save without changes.)
    expect((await replayAction(owner.request, roleAction)).text).toContain("No changes to save.");

    const admin = await browser.newContext({ storageState: authFile(ACCOUNTS_BY_ROLE.Administrator.key) });
    // Add an Owner: refused.
    const add = await replayAction(admin.request, withValues(addAction, { "short-pw": "a-long-enough-password-42" }));
    expect(add.text).toContain(FORBIDDEN);
    expect(add.text).not.toContain(`Added ${mallory}`);
    // Promote the Read-only administrator to Owner: refused.
    const promote = await replayAction(admin.request, withValues(roleAction, { READ_ONLY: "OWNER" }));
    expect(promote.text).toContain(FORBIDDEN);
    expect(promote.text).not.toContain("Role changed.");
    // Remove the Read-only administrator: refused.
    const remove = await replayAction(admin.request, withValues(removeAction, { [throwawayId]: targetId }));
    expect(remove.text).toContain(FORBIDDEN);
    expect(remove.text).not.toContain("Administrator removed.");

    // The Administrators page is unchanged: no Mallory, the target keeps its role.
    await ownerPage.goto("/admin/administrators");
    await expect(adminRow(ownerPage, OWNER.email)).toBeVisible();
    await expect(adminRow(ownerPage, mallory)).toHaveCount(0);
    await expect(adminRow(ownerPage, target.email).getByTestId("admin-role")).toHaveText("Read-only");
    await Promise.all([owner.close(), admin.close()]);
  });
});
