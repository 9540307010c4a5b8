// Role limits for the users CSV: Help Desk and Read-only may export (they view users) but
// not import; the page says so and the import endpoint refuses a hand-made request.
import { test, expect } from "./support/fixtures";
import { ACCOUNTS_BY_ROLE, authFile } from "./support/accounts";
import { heading } from "./support/console";

const NO_ACCESS = "You don't have access to this page";
const FORBIDDEN = "Your administrator role does not allow this action.";

for (const role of ["Help Desk", "Read-only"] as const) {
  test.describe(role, () => {
    test.use({ storageState: authFile(ACCOUNTS_BY_ROLE[role].key) });

    test("cannot open Import Users, and the import endpoint refuses a request", async ({ page, request }) => {
      await page.goto("/admin/users/import");
      await expect(page.getByText(NO_ACCESS)).toBeVisible();
      await expect(heading(page, "Import Users")).toHaveCount(0);
      await expect(page.getByLabel(/^CSV file/)).toHaveCount(0);

      const res = await request.post("/admin/users/import/preview?name=x.csv", {
        headers: { "x-portcullis-import": "1", "content-type": "text/csv" },
        data: "username,email,realname,aliases,groups,status\nsneaky,,,,,\n",
      });
      expect(res.status()).toBe(403);
      expect((await res.json()).message).toBe(FORBIDDEN);
    });

    test("may export the users CSV", async ({ request }) => {
      const res = await request.get("/admin/users/export.csv");
      expect(res.status()).toBe(200);
      expect(res.headers()["content-type"]).toBe("text/csv; charset=utf-8");
      expect(res.headers()["content-disposition"]).toMatch(
        /^attachment; filename="portcullis-users-\d{4}-\d{2}-\d{2}\.csv"$/,
      );
      expect((await res.text()).replace(/^\uFEFF/, "").split("\r\n")[0]).toBe(
        "username,email,realname,aliases,groups,status",
      );
    });
  });
}

test.describe("without the page's header", () => {
  test.use({ storageState: authFile(ACCOUNTS_BY_ROLE.Administrator.key) });

  test("a cross-site style request to the import endpoint is refused even for an Administrator", async ({
    request,
  }) => {
    const res = await request.post("/admin/users/import/preview?name=x.csv", {
      headers: { "content-type": "text/csv" },
      data: "username\nx\n",
    });
    expect(res.status()).toBe(403);
    const forged = await request.post("/admin/users/import/preview?name=x.csv", {
      headers: { "x-portcullis-import": "1", origin: "https://evil.example", "content-type": "text/csv" },
      data: "username\nx\n",
    });
    expect(forged.status()).toBe(403);
  });
});

test("signed out, the export goes to the sign-in page", async ({ browser }) => {
  const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const res = await ctx.request.get("/admin/users/export.csv", { maxRedirects: 0 });
  expect([302, 307]).toContain(res.status());
  expect(res.headers()["location"]).toContain("/admin/login");
  await ctx.close();
});
