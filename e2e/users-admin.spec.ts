// Users: each action an administrator takes on the Users page and a user's page, as the
// Owner — add, search, filter, sort, edit aliases (duplicate refused) and status, unlock,
// bypass codes shown once, remove an authenticator, a reset link used by the person in
// their own browser, delete and restore from the trash.
import { test, expect } from "./support/fixtures";
import { OWNER, authFile } from "./support/accounts";
import { adminLogRows, alerts, expectFieldError, field, heading, snapshotCell, submitAction } from "./support/console";
import { shot } from "./support/screenshots";
import { enterIdentifier, enterPassword, expectSignInPage } from "./support/hosted-sign-in";
import { card, openUser, searchUsers, summary, userRow, userRows } from "./support/users";

test.use({ storageState: authFile(OWNER.key) });

const FAKE_AUTHENTICATORS = [
  { type: "TOTP" as const, name: "Work phone" },
  { type: "WEBAUTHN" as const, name: "YubiKey 5C" },
];

test("adds a user with an alias and a group; a taken username is refused beside the field", async ({
  page,
  tenant,
}) => {
  const GROUP = (await tenant.group("Support")).name;
  const otto = await tenant.user({ name: "otto.other", realName: "Otto Other", aliases: ["dup"], enrolled: false });
  const RUN = tenant.id("n").slice(2);
  await page.goto("/admin/users");
  await expect(heading(page, "Users")).toBeVisible();
  await page.getByRole("link", { name: "Add User" }).click();
  await expect(heading(page, "Add User")).toBeVisible();
  await shot(page, "users-add-form");

  const username = `Nora.New.${RUN}`;
  tenant.forgetUsersAfterwards(username);
  await field(page, "Username").fill(username);
  await field(page, "Full name").fill("Nora New");
  await field(page, "Email").fill(`nora.${RUN}@e2e.example.com`);
  await field(page, "Aliases").fill(`nn-${RUN}\nnora-${RUN}`);
  await page.getByRole("checkbox", { name: GROUP, exact: true }).check();
  await page.getByRole("button", { name: "Add User" }).click();
  await expect(page).toHaveURL(/\/admin\/users\/[^/?]+\?created=1$/);
  await expect(heading(page, username)).toBeVisible();
  await expect(page.getByText(`Added ${username}.`)).toBeVisible();
  await expect(field(page, "Aliases")).toHaveValue(`nn-${RUN}\nnora-${RUN}`);
  await expect(card(page, "Groups").getByTestId("user-group")).toHaveText([GROUP]);

  // The same name in other letter case, and an alias another user holds: nothing is added.
  await page.goto("/admin/users/new");
  await field(page, "Username").fill(username.toUpperCase());
  await field(page, "Aliases").fill(otto.aliases[0]!);
  await submitAction(page, page.getByRole("button", { name: "Add User" }));
  await expectFieldError(
    field(page, "Username"),
    "This username is already taken (usernames and aliases are unique, deleted users included until purged).",
  );
  await expectFieldError(
    field(page, "Aliases"),
    `The alias "${otto.aliases[0]}" is already used by another user as a username or alias.`,
  );
  await expect(page).toHaveURL(/\/admin\/users\/new$/);
  await field(page, "Username").fill("has a space");
  await field(page, "Aliases").fill("");
  await field(page, "Email").fill("not-an-email");
  await submitAction(page, page.getByRole("button", { name: "Add User" }));
  await expectFieldError(field(page, "Username"), "Use letters, digits and . _ - @ + ' only (no spaces).");
  await expectFieldError(field(page, "Email"), "Enter a valid email address, like name@example.com.");
});

test("searches by username, email and alias prefix; filters by status, enrollment and group; sorts; all in the URL", async ({
  page,
  tenant,
}) => {
  const group = await tenant.group("Support");
  const GROUP = group.name;
  // One prefix for this test's users, so that the filters can be narrowed to them.
  const p = tenant.id("ua");
  const member = await tenant.user({
    name: `${p}.mia`,
    realName: "Mia Member",
    email: `${p}.mia.mail`,
    groups: [group],
    enrolled: false,
  });
  const locked = await tenant.user({
    name: `${p}.leo`,
    realName: "Leo Locked",
    status: "LOCKED_OUT",
    groups: [group],
    enrolled: false,
  });
  const enrolled = await tenant.user({
    name: `${p}.eve`,
    realName: "Eve Enrolled",
    authenticators: FAKE_AUTHENTICATORS,
    enrolled: false,
  });
  const edit = await tenant.user({ name: `${p}.ed`, realName: "Ed Edit", aliases: [`${p}-ed`], enrolled: false });

  await page.goto("/admin/users");
  await searchUsers(page, edit.aliases[0]!.toUpperCase()); // alias prefix, other letter case
  await expect(userRows(page)).toHaveCount(1);
  await expect(userRow(page, edit.username)).toBeVisible();
  await searchUsers(page, member.email.slice(0, member.email.indexOf("@") + 4)); // email prefix
  await expect(userRows(page)).toHaveCount(1);
  const mia = userRow(page, member.username);
  await expect(mia).toContainText("Mia Member");
  await expect(mia).toContainText("Active");
  await expect(mia).toContainText("Not enrolled");
  await expect(mia).toContainText(GROUP);
  await expect(mia).toContainText("Never");
  await searchUsers(page, p.slice(2)); // not a prefix of anything: prefix search, not substring
  await expect(page.getByRole("heading", { name: "No matching users" })).toBeVisible();

  // Filters, with the search narrowed to this test's users.
  await page.goto(`/admin/users?q=${encodeURIComponent(p)}`);
  await field(page, "Status").selectOption({ label: "Locked Out" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/status=LOCKED_OUT/);
  await expect(userRow(page, locked.username)).toBeVisible();
  for (const text of await userRows(page).allInnerTexts()) expect(text).toContain("Locked Out");

  await page.goto(`/admin/users?q=${encodeURIComponent(p)}`);
  await field(page, "Enrollment").selectOption({ label: "Enrolled" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/enrollment=enrolled/);
  await expect(userRow(page, enrolled.username)).toContainText("Enrolled");
  await expect(userRow(page, member.username)).toHaveCount(0);

  await page.goto("/admin/users");
  await field(page, "Group").selectOption({ label: GROUP });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/group=/);
  await expect(userRow(page, member.username)).toBeVisible();
  await expect(userRow(page, locked.username)).toBeVisible();
  await expect(userRow(page, edit.username)).toHaveCount(0);
  // The filter survives a reload (state in the URL), and the search combines with it.
  await page.reload();
  await expect(field(page, "Group")).not.toHaveValue("");
  await searchUsers(page, locked.username);
  await expect(page).toHaveURL(/group=/);
  await expect(userRows(page)).toHaveCount(1);
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/users\\?q=${locked.username.replace(/\./g, "\\.")}$`));

  // Sorting by a column header: server-side, in the URL.
  await page.goto(`/admin/users?q=${encodeURIComponent(p)}`);
  await page
    .getByRole("columnheader", { name: /Username/ })
    .getByRole("link")
    .click();
  await expect(page).toHaveURL(/sort=username&dir=desc/);
  const names = await page.locator('[data-testid="user-row"] td:first-child').allInnerTexts();
  expect(names).toHaveLength(4);
  expect(names).toEqual([...names].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? 1 : -1)));
  await page
    .getByRole("columnheader", { name: /Status/ })
    .getByRole("link")
    .click();
  await expect(page).toHaveURL(/sort=status/);
  await expect(page.getByRole("columnheader", { name: /Status/ })).toHaveAttribute("aria-sort", "descending");
  await page.goto(`/admin/users?q=${encodeURIComponent(p)}`);
  await shot(page, "users-list");
});

test("edits aliases (a duplicate is refused) and the status; the change is in the Administrator Log", async ({
  page,
  tenant,
}) => {
  const GROUP = (await tenant.group("Support")).name;
  const edit = await tenant.user({ name: "ed.edit", realName: "Ed Edit", aliases: ["ed"], enrolled: false });
  const otto = await tenant.user({ name: "otto.other", realName: "Otto Other", aliases: ["dup"], enrolled: false });
  const [ed, dup] = [edit.aliases[0]!, otto.aliases[0]!];
  const edward = `${ed}-edward`;
  await openUser(page, edit.id, edit.username);
  const details = card(page, "Details");
  await field(details, "Aliases").fill(`${ed}\n${dup}`);
  await submitAction(page, details.getByRole("button", { name: "Save Changes" }));
  await expectFieldError(
    field(details, "Aliases"),
    `The alias "${dup}" is already used by another user as a username or alias.`,
  );

  await field(details, "Aliases").fill(`${ed}\n${edward}`);
  await field(details, "Status").selectOption({ label: "Disabled" });
  await submitAction(page, details.getByRole("button", { name: "Save Changes" }));
  await expect(details.getByRole("status")).toHaveText("Saved.");
  await page.reload();
  await expect(field(card(page, "Details"), "Status")).toHaveValue("DISABLED");
  await expect(field(card(page, "Details"), "Aliases")).toHaveValue(`${ed}\n${edward}`);
  await expect(summary(page).getByText("Disabled", { exact: true })).toBeVisible();

  // Groups: add to one, then remove again.
  const groups = card(page, "Groups");
  await expect(groups).toContainText("Not in any group.");
  await field(groups, "Add to group").selectOption({ label: GROUP });
  await submitAction(page, groups.getByRole("button", { name: "Add", exact: true }));
  await expect(groups.getByTestId("user-group")).toHaveText([GROUP]);
  await expect(groups.getByRole("status")).toHaveText(`Added to ${GROUP}.`);
  await submitAction(page, groups.getByRole("button", { name: `Remove from ${GROUP}` }));
  await expect(groups).toContainText("Not in any group.");

  const rows = await adminLogRows(page, "User changed", edit.username);
  await expect(rows).toHaveCount(1);
  // In words, as the entry's detail drawer shows it.
  expect(await snapshotCell(rows.first(), "Before")).toEqual({ Status: "Active", Aliases: ed });
  expect(await snapshotCell(rows.first(), "After")).toEqual({ Status: "Disabled", Aliases: `${ed}, ${edward}` });
});

test("unlocks a Locked Out user", async ({ page, tenant }) => {
  const leo = await tenant.user({ name: "leo.locked", realName: "Leo Locked", status: "LOCKED_OUT", enrolled: false });
  await openUser(page, leo.id, leo.username);
  const alert = alerts(page).filter({ hasText: "Locked Out" });
  await expect(alert).toContainText(`${leo.username} is locked out after 10 failed attempts`);
  await submitAction(page, alert.getByRole("button", { name: "Unlock" }));
  await expect(alerts(page).filter({ hasText: "Locked Out" })).toHaveCount(0);
  await expect(field(card(page, "Details"), "Status")).toHaveValue("ACTIVE");
  await page.goto(`/admin/users?q=${leo.username}`);
  await expect(userRow(page, leo.username)).toContainText("Active");
});

test("generates bypass codes that are shown once", async ({ page, tenant }) => {
  const cody = await tenant.user({ name: "cody.codes", realName: "Cody Codes", enrolled: false });
  await openUser(page, cody.id, cody.username);
  const codes = card(page, "Bypass codes");
  await expect(codes).toContainText("No bypass codes.");
  await field(codes, "Number of codes").fill("3");
  await field(codes, "Uses per code").fill("2");
  await field(codes, "Expires after").selectOption({ label: "1 day" });
  await submitAction(page, codes.getByRole("button", { name: "Generate Bypass Codes" }));
  const shown = codes.getByTestId("bypass-codes").getByRole("listitem");
  await expect(shown).toHaveCount(3);
  for (const c of await shown.allInnerTexts()) expect(c).toMatch(/^\d{9}$/);
  await expect(codes).toContainText("Copy these bypass codes now: they will not be shown again");
  await expect(codes).toContainText("Each code can be used 2 times, until");
  await expect(codes.getByRole("button", { name: "Copy All codes" })).toBeVisible();
  await expect(codes.getByTestId("bypass-code-row")).toHaveCount(3);
  const first = (await shown.first().innerText()).trim();
  await shot(page, "users-user-page");

  // Gone after a reload: only their hashes are stored.
  await page.reload();
  await expect(card(page, "Bypass codes").getByTestId("bypass-codes")).toHaveCount(0);
  await expect(page.locator("body")).not.toContainText(first);
  await expect(card(page, "Bypass codes").getByTestId("bypass-code-row")).toHaveCount(3);
  await expect(card(page, "Bypass codes").getByTestId("bypass-code-row").first()).toContainText("2");

  // Too many: the limit is explained beside the field.
  const c2 = card(page, "Bypass codes");
  await field(c2, "Number of codes").fill("8");
  await submitAction(page, c2.getByRole("button", { name: "Generate Bypass Codes" }));
  await expectFieldError(
    field(c2, "Number of codes"),
    `${cody.username} has 3 unused bypass codes; a user holds at most 10. Delete some first or generate 7 or fewer.`,
  );
  await submitAction(page, c2.getByTestId("bypass-code-row").first().getByRole("button", { name: "Delete" }));
  await expect(card(page, "Bypass codes").getByTestId("bypass-code-row")).toHaveCount(2);
});

test("removes an authenticator after confirmation; enrollment follows", async ({ page, tenant }) => {
  const eve = await tenant.user({
    name: "eve.enrolled",
    realName: "Eve Enrolled",
    authenticators: FAKE_AUTHENTICATORS,
    enrolled: false,
  });
  await openUser(page, eve.id, eve.username);
  const auth = card(page, "Authenticators");
  await expect(auth.getByTestId("authenticator-row")).toHaveCount(2);
  await expect(auth.getByTestId("authenticator-row").first()).toContainText("Authenticator app (TOTP)");
  await auth.getByRole("button", { name: "Remove Work phone" }).click();
  await submitAction(page, auth.getByRole("button", { name: "Confirm removing Work phone" }));
  await expect(auth.getByTestId("authenticator-row")).toHaveCount(1);
  await expect(auth).toContainText("YubiKey 5C");
  await expect(summary(page).getByText("Enrolled", { exact: true })).toBeVisible();
  await auth.getByRole("button", { name: "Remove YubiKey 5C" }).click();
  await auth.getByRole("button", { name: "Cancel" }).click();
  await expect(auth.getByTestId("authenticator-row")).toHaveCount(1);
  await auth.getByRole("button", { name: "Remove YubiKey 5C" }).click();
  await submitAction(page, auth.getByRole("button", { name: "Confirm removing YubiKey 5C" }));
  await expect(auth).toContainText("No authenticators.");
  await expect(summary(page).getByText("Not enrolled", { exact: true })).toBeVisible();
});

test("a password reset link lets the user set a password in their own browser, once, and sign in with it", async ({
  page,
  browser,
  tenant,
}) => {
  const rita = await tenant.user({ name: "rita.reset", realName: "Rita Reset", password: null, enrolled: false });
  await openUser(page, rita.id, rita.username);
  const pw = card(page, "Password");
  await expect(pw).toContainText("The user has no password yet.");
  await submitAction(page, pw.getByRole("button", { name: "Create Password Reset Link" }));
  const link = await field(pw, "Password reset link").inputValue();
  expect(link).toMatch(/\/sso\/reset\/[A-Za-z0-9_-]{43}$/);
  await expect(pw).toContainText("It works once, for 24 hours");

  const person = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const p = await person.newPage();
  const path = new URL(link).pathname;
  await p.goto(path);
  await expect(p.getByRole("heading", { level: 1 })).toHaveText("Set your password");
  await expect(p.getByRole("main")).toContainText(`for ${rita.username}`);
  await shot(p, "users-reset-page");
  // The language switcher comes back to this page (which sends no Referer) in Chinese.
  await p.getByRole("link", { name: "简体中文" }).click();
  await expect(p).toHaveURL(new RegExp(`${path}$`));
  await expect(p.getByRole("heading", { level: 1 })).toHaveText("设置您的密码");
  await p.getByRole("link", { name: "English" }).click();
  await expect(p.getByRole("heading", { level: 1 })).toHaveText("Set your password");
  await field(p, "New password").fill("too short");
  await field(p, "Confirm new password").fill("too short");
  await submitAction(p, p.getByRole("button", { name: "Set password" }));
  await expectFieldError(field(p, "New password"), "Use at least 12 characters.");
  await field(p, "New password").fill("Rita's new passphrase 2026");
  await field(p, "Confirm new password").fill("Rita's new passphrase 2027");
  await submitAction(p, p.getByRole("button", { name: "Set password" }));
  await expectFieldError(field(p, "Confirm new password"), "The two passwords do not match.");
  await field(p, "New password").fill("Rita's new passphrase 2026");
  await field(p, "Confirm new password").fill("Rita's new passphrase 2026");
  await submitAction(p, p.getByRole("button", { name: "Set password" }));
  await expect(p.getByRole("status")).toContainText("Password changed");
  await expect(p.getByRole("link", { name: "Go to your applications" })).toHaveAttribute("href", "/sso/portal");

  // The link works once.
  await p.goto(path);
  await expect(p.getByRole("heading", { level: 1 })).toHaveText("This link is not valid");
  await expect(p.getByRole("main").getByRole("alert")).toContainText("expired, was already used or was replaced");

  // Sign in with the new password: it is accepted, and under the Global Policy's defaults
  // (Require enrollment) a user without an authenticator is asked to set one up.
  await p.goto("/sso/login");
  await expectSignInPage(p);
  await enterIdentifier(p, rita.username);
  await enterPassword(p, "Rita's new passphrase 2026");
  await expect(p).toHaveURL(/\/sso\/enroll$/);
  await expect(p.getByRole("heading", { level: 1, name: "Set up two-factor authentication" })).toBeVisible();
  await person.close();

  await page.reload();
  await expect(card(page, "Password")).toContainText("The user has a password.");
});

test("deletes a user to the trash and restores it", async ({ page, tenant }) => {
  const tom = await tenant.user({ name: "tom.trash", realName: "Tom Trash", aliases: ["tt"], enrolled: false });
  const tt = tom.aliases[0]!;
  // Another user, so that the Users list is not empty (and shows its search) once Tom is in the trash.
  await tenant.user({ name: "tina.stays", enrolled: false });
  await openUser(page, tom.id, tom.username);
  await page.getByRole("button", { name: "Delete User" }).click();
  await expect(page.getByText(`Move ${tom.username} to the trash?`)).toBeVisible();
  await page.getByRole("button", { name: "Confirm delete" }).click();
  await expect(page).toHaveURL(/\/admin\/users\?deleted=/);
  await expect(page.getByRole("main").getByRole("status")).toHaveText(
    `${tom.username} was moved to the trash. You can restore it from Trash for 7 days.`,
  );
  await searchUsers(page, tt);
  await expect(page.getByRole("heading", { name: "No matching users" })).toBeVisible();
  expect((await page.goto(`/admin/users/${tom.id}`))?.status()).toBe(404);

  await page.goto("/admin/users");
  await page.getByRole("link", { name: "Trash", exact: true }).click();
  await expect(heading(page, "Deleted Users")).toBeVisible();
  const row = page.getByTestId("trash-row").filter({ hasText: tom.username });
  await expect(row).toContainText("Tom Trash");
  await submitAction(page, row.getByRole("button", { name: `Restore ${tom.username}` }));
  await expect(page.getByTestId("trash-row").filter({ hasText: tom.username })).toHaveCount(0);
  await openUser(page, tom.id, tom.username);
  await page.goto(`/admin/users?q=${tt}`);
  await expect(userRow(page, tom.username)).toBeVisible();
});
