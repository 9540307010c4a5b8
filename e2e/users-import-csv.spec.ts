// Users → Import Users as an Administrator: a CSV with bad rows is previewed with every bad
// row explained and nothing is imported; a good CSV is previewed (a verdict per row) and
// imported in one go; Export CSV downloads the directory, imported users included, in the
// same format, and this test's rows of the export import again unchanged.
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { ROLE_ACCOUNTS, authFile } from "./support/accounts";
import { alerts, heading } from "./support/console";
import { shot } from "./support/screenshots";

test.use({ storageState: authFile(ROLE_ACCOUNTS.Administrator.key) });

const HEADER = "username,email,realname,aliases,groups,status";

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

test("a CSV with bad rows: every bad row is explained and nothing is imported", async ({ page, tenant }) => {
  const u = (stem: string) => tenant.id(`imp.${stem}`);
  const [ok, badEmail, badStatus, noGroup, dup, many] = ["ok", "bademail", "badstatus", "nogroup", "dup", "many"].map(
    u,
  );
  tenant.forgetUsersAfterwards(ok!, badEmail!, badStatus!, noGroup!, dup!, many!);
  const BAD = [
    HEADER,
    `${ok},${ok}@e2e.example.com,Fine Row,,,`, // 2: fine
    ",nobody@e2e.example.com,,,,", // 3
    `${badEmail},not-an-email,,,,`, // 4
    `${badStatus},,,,,Sleeping`, // 5
    `${noGroup},,,,No Such Group,`, // 6
    `${dup},,,,,`, // 7
    `${dup!.toUpperCase()},,,,,`, // 8
    `${many},,,a1;a2;a3;a4;a5;a6;a7;a8;a9,,`, // 9
  ].join("\n");

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
    [7, `Username “${dup}” is also on line 8.`],
    [8, `Username “${dup!.toUpperCase()}” is also on line 7.`],
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

  const found = await tenant.findUsers([ok!, badEmail!, badStatus!, noGroup!, dup!, many!]);
  for (const [username, stored] of Object.entries(found)) expect(stored, username).toBeNull();
});

test("a good CSV: a verdict per row, Import writes them all, the same file again changes nothing, and the export imports again unchanged", async ({
  page,
  tenant,
}) => {
  const GROUP = (await tenant.group("E2E Imported Staff")).name;
  const existing = await tenant.user({ name: "imp.existing", enrolled: false });
  const jane = tenant.id("imp.jane");
  const bo = tenant.id("imp.bo");
  tenant.forgetUsersAfterwards(jane, bo);
  const [janeAlias, jsAlias] = [tenant.id("imp-jane"), tenant.id("imp-js")];
  const GOOD = [
    HEADER,
    `${jane},${jane}@e2e.example.com,"Smith, Jane","${janeAlias};${jsAlias}",${GROUP},Active`,
    `${bo},${bo}@e2e.example.com,Bo Wong,,,Bypass`,
    `${existing.username},,Existing Person,,${GROUP},`,
  ].join("\n");

  await test.step("the preview gives a verdict per row and writes nothing", async () => {
    await preview(page, "good-users.csv", GOOD);
    await expect(page.getByTestId("import-summary")).toHaveText(
      "3 rows: 2 to create, 1 to update, 0 unchanged, 0 with problems.",
    );
    await expect(importRow(page, 2)).toContainText("Will create");
    await expect(importRow(page, 3)).toContainText("Will create");
    await expect(importRow(page, 4)).toContainText("Will update");
    await expect(importRow(page, 4)).toContainText("Changes real name, added to 1 group.");
    await shot(page, "users-import-preview-ok");
    expect((await tenant.findUsers([jane]))[jane]).toBeNull();
  });

  await test.step("Import writes them all", async () => {
    await page.getByRole("button", { name: "Import 3 users" }).click();
    await expect(page.getByTestId("import-result")).toHaveText("2 users created, 1 user updated.");

    const found = await tenant.findUsers([jane, bo, existing.username]);
    expect(found[jane]).toMatchObject({
      username: jane,
      email: `${jane}@e2e.example.com`,
      realName: "Smith, Jane",
      status: "ACTIVE",
      isEnrolled: false,
      aliases: [janeAlias, jsAlias].sort(),
      groups: [GROUP],
    });
    expect(found[bo]).toMatchObject({ status: "BYPASS", aliases: [], groups: [] });
    expect(found[existing.username]).toMatchObject({
      email: existing.email,
      realName: "Existing Person",
      groups: [GROUP],
    });
  });

  await test.step("the same file again: every row is unchanged, nothing to import", async () => {
    await preview(page, "good-users.csv", GOOD);
    await expect(page.getByTestId("import-summary")).toHaveText(
      "3 rows: 0 to create, 0 to update, 3 unchanged, 0 with problems.",
    );
    await expect(page.getByRole("main")).toContainText("Every user in this file is already up to date.");
    await expect(page.getByRole("button", { name: /^Import / })).toHaveCount(0);
  });

  await test.step("Export CSV downloads the directory in the import format, with the imported users", async () => {
    await page.goto("/admin/users/import");
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export users as CSV" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^portcullis-users-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = readFileSync((await file.path())!, "utf8").replace(/^\uFEFF/, "");
    const lines = text.split("\r\n");
    expect(lines[0]).toBe(HEADER);
    expect(lines).toContain(`${jane},${jane}@e2e.example.com,"Smith, Jane",${janeAlias};${jsAlias},${GROUP},Active`);
    expect(lines).toContain(`${bo},${bo}@e2e.example.com,Bo Wong,,,Bypass`);

    // And this test's rows of it import again: every row unchanged (other tests' users come
    // and go meanwhile, so the rest of the directory is left out).
    const mine = [lines[0]!, ...lines.filter((l) => [jane, bo, existing.username].some((u) => l.startsWith(`${u},`)))];
    expect(mine).toHaveLength(4);
    await preview(page, "export.csv", mine.join("\r\n"));
    await expect(page.getByTestId("import-summary")).toHaveText(
      "3 rows: 0 to create, 0 to update, 3 unchanged, 0 with problems.",
    );
  });
});
