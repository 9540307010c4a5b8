// Users → Import Users as an Administrator: a CSV with bad rows is previewed with every bad
// row explained and nothing is imported; a good CSV is previewed (a verdict per row) and
// imported in one go; Export CSV downloads the directory, imported users included, in the
// same format.
import { readFileSync } from "node:fs";
import { test, expect, type Page } from "@playwright/test";
import { ROLE_ACCOUNTS, authFile } from "./support/accounts";
import { alerts, heading } from "./support/console";
import { groupsScript } from "./support/groups";
import { shot } from "./support/screenshots";

test.describe.configure({ mode: "serial" });
test.use({ storageState: authFile(ROLE_ACCOUNTS.Administrator.key) });

const GROUP = "E2E Imported Staff";
const EXISTING = { username: "imp.existing", email: "imp.existing@e2e.example.com" };
const HEADER = "username,email,realname,aliases,groups,status";
const GOOD = [
  HEADER,
  `imp.jane,imp.jane@e2e.example.com,"Smith, Jane","imp-jane;imp-js",${GROUP},Active`,
  `imp.bo,imp.bo@e2e.example.com,Bo Wong,,,Bypass`,
  `imp.existing,,Existing Person,,${GROUP},`,
].join("\n");
const BAD_USERNAMES = ["imp.ok", "imp.bademail", "imp.badstatus", "imp.nogroup", "imp.dup", "imp.many"];
const BAD = [
  HEADER,
  "imp.ok,imp.ok@e2e.example.com,Fine Row,,,", // 2: fine
  ",nobody@e2e.example.com,,,,", // 3
  "imp.bademail,not-an-email,,,,", // 4
  "imp.badstatus,,,,,Sleeping", // 5
  "imp.nogroup,,,,No Such Group,", // 6
  "imp.dup,,,,,", // 7
  "IMP.DUP,,,,,", // 8
  "imp.many,,,a1;a2;a3;a4;a5;a6;a7;a8;a9,,", // 9
].join("\n");

const csvFile = (name: string, text: string) => ({ name, mimeType: "text/csv", buffer: Buffer.from(text, "utf8") });

async function preview(page: Page, name: string, text: string) {
  await page.goto("/admin/users/import");
  await expect(heading(page, "Import Users")).toBeVisible();
  await page.getByLabel(/^CSV file/).setInputFiles(csvFile(name, text));
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("heading", { level: 2, name: `Preview of ${name}` })).toBeVisible();
}

const importRow = (page: Page, line: number) =>
  page.getByTestId("import-row").filter({ has: page.getByRole("cell", { name: String(line), exact: true }) });

test.beforeAll(async () => {
  await groupsScript({ createGroups: [GROUP], createUsers: [EXISTING] });
});

test.afterAll(async () => {
  await groupsScript({
    cleanup: { usernames: ["imp.jane", "imp.bo", EXISTING.username, ...BAD_USERNAMES], groups: [GROUP] },
  });
});

test("the page explains the format and offers a template", async ({ page }) => {
  await page.goto("/admin/users/import");
  const main = page.getByRole("main");
  for (const col of ["username", "email", "realname", "aliases", "groups", "status"])
    await expect(main.getByRole("term").filter({ hasText: new RegExp(`^${col}$`) })).toBeVisible();
  await expect(main).toContainText("separated by semicolons");
  await expect(main).toContainText("Each group must already exist");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download template" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("portcullis-users-template.csv");
  expect(readFileSync((await file.path())!, "utf8").split("\r\n")[0]).toBe(HEADER);
});

test("a CSV with bad rows: every bad row is explained and nothing is imported", async ({ page }) => {
  await preview(page, "bad-users.csv", BAD);
  await expect(page.getByTestId("import-summary")).toHaveText(
    "8 rows: 1 to create, 0 to update, 0 unchanged, 7 with problems.",
  );
  await expect(alerts(page).filter({ hasText: "7 rows have problems. Nothing will be imported." })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Import / })).toHaveCount(0);
  // The problems list shows only the bad rows, each with its reason.
  await expect(page.getByTestId("import-row")).toHaveCount(7);
  const expected: Array<[number, string]> = [
    [3, "Username is missing."],
    [4, "Email “not-an-email” is not a valid email address."],
    [5, "Status “Sleeping” is not one of Active, Bypass or Disabled."],
    [6, "Group “No Such Group” does not exist. Create it on the Groups page first."],
    [7, "Username “imp.dup” is also on line 8."],
    [8, "Username “IMP.DUP” is also on line 7."],
    [9, "Has 9 aliases; a user has at most 8."],
  ];
  for (const [line, reason] of expected) {
    await expect(importRow(page, line)).toContainText("Problem");
    await expect(importRow(page, line)).toContainText(reason);
  }
  await shot(page, "users-import-preview-errors");
  // "All rows" shows the fine row's verdict too.
  await page.getByRole("button", { name: "All rows" }).click();
  await expect(page.getByTestId("import-row")).toHaveCount(8);
  await expect(importRow(page, 2)).toContainText("Will create");

  const { found } = await groupsScript({ findUsers: BAD_USERNAMES });
  for (const u of BAD_USERNAMES) expect(found[u], u).toBeNull();
});

test("a good CSV: a verdict per row, then Import writes them all", async ({ page }) => {
  await preview(page, "good-users.csv", GOOD);
  await expect(page.getByTestId("import-summary")).toHaveText(
    "3 rows: 2 to create, 1 to update, 0 unchanged, 0 with problems.",
  );
  await expect(importRow(page, 2)).toContainText("Will create");
  await expect(importRow(page, 3)).toContainText("Will create");
  await expect(importRow(page, 4)).toContainText("Will update");
  await expect(importRow(page, 4)).toContainText("Changes real name, added to 1 group.");
  await shot(page, "users-import-preview-ok");
  // Nothing is written by the preview.
  expect((await groupsScript({ findUsers: ["imp.jane"] })).found["imp.jane"]).toBeNull();

  await page.getByRole("button", { name: "Import 3 users" }).click();
  await expect(page.getByTestId("import-result")).toHaveText("2 users created, 1 user updated.");

  const { found } = await groupsScript({ findUsers: ["imp.jane", "imp.bo", EXISTING.username] });
  expect(found["imp.jane"]).toMatchObject({
    username: "imp.jane",
    email: "imp.jane@e2e.example.com",
    realName: "Smith, Jane",
    status: "ACTIVE",
    isEnrolled: false,
    aliases: ["imp-jane", "imp-js"],
    groups: [GROUP],
  });
  expect(found["imp.bo"]).toMatchObject({ status: "BYPASS", aliases: [], groups: [] });
  expect(found[EXISTING.username]).toMatchObject({
    email: EXISTING.email,
    realName: "Existing Person",
    groups: [GROUP],
  });
});

test("the same file again: every row is unchanged, nothing to import", async ({ page }) => {
  await preview(page, "good-users.csv", GOOD);
  await expect(page.getByTestId("import-summary")).toHaveText(
    "3 rows: 0 to create, 0 to update, 3 unchanged, 0 with problems.",
  );
  await expect(page.getByRole("main")).toContainText("Every user in this file is already up to date.");
  await expect(page.getByRole("button", { name: /^Import / })).toHaveCount(0);
});

test("Export CSV downloads the directory in the import format, with the imported users", async ({ page }) => {
  await page.goto("/admin/users/import");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export users as CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^portcullis-users-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = readFileSync((await file.path())!, "utf8").replace(/^\uFEFF/, "");
  const lines = text.split("\r\n");
  expect(lines[0]).toBe(HEADER);
  expect(lines).toContain(`imp.jane,imp.jane@e2e.example.com,"Smith, Jane",imp-jane;imp-js,${GROUP},Active`);
  expect(lines).toContain("imp.bo,imp.bo@e2e.example.com,Bo Wong,,,Bypass");

  // And it imports again: every row unchanged.
  await preview(page, "export.csv", text);
  await expect(page.getByTestId("import-summary")).toContainText(
    /0 to create, 0 to update, \d+ unchanged, 0 with problems\./,
  );
});
