// Logout started at the IdP. The portal's Sign out ends the SSO session and tells every SP of
// the session that has a Single Logout URL, one after another in hidden frames; an SP that does
// not answer (here: stopped) is skipped after a few seconds and named in the result. An
// administrator's "End sessions" on the user's page does the same from the console.
import { test, expect } from "@playwright/test";
import { ROLE_ACCOUNTS, authFile } from "./support/accounts";
import { protectLoopbackSp, type ProtectedApp } from "./support/applications";
import { createUsers, removeApplications } from "./support/directory";
import { enterIdentifier, enterPassword, expectSignInPage, expectSpSignedIn } from "./support/hosted-sign-in";
import { shot } from "./support/screenshots";
import { RUN } from "./support/users";
import { TestSp } from "./support/test-sp";

test.describe.configure({ mode: "serial" });

const PASSWORD = "Idp-logout-Passw0rd-2026";
const PORTAL_USER = `portal.signout.${RUN}`;
const ADMIN_USER = `admin.endsession.${RUN}`;

let notes: TestSp;
let chat: TestSp;
let notesApp: ProtectedApp;
let chatApp: ProtectedApp;
let ids: Record<string, string>;

test.beforeAll(async () => {
  ids = await createUsers(
    [PORTAL_USER, ADMIN_USER].map((username) => ({
      username,
      email: `${username}@e2e.example.com`,
      realName: username,
      password: PASSWORD,
      status: "BYPASS" as const,
      groups: [],
    })),
  );
  notes = await TestSp.start({ name: "Loopback Notes" });
  chat = await TestSp.start({ name: "Loopback Chat" });
});

test.afterAll(async () => {
  await Promise.all([notes?.stop(), chat?.stop()]);
  await removeApplications([notesApp?.id, chatApp?.id].filter((id): id is string => !!id));
});

test.describe("the administrator", () => {
  test.use({ storageState: authFile(ROLE_ACCOUNTS["Application Manager"].key) });
  test("protects two SPs with Single Logout URLs", async ({ page }) => {
    notesApp = await protectLoopbackSp(page, notes, { name: "Loopback Notes", sloUrl: true });
    chatApp = await protectLoopbackSp(page, chat, { name: "Loopback Chat", sloUrl: true });
  });
});

test("the portal's Sign out tells each SP; one that does not answer is skipped and named", async ({ page }) => {
  await page.goto(notes.loginUrl());
  await expectSignInPage(page, "Loopback Notes");
  await enterIdentifier(page, PORTAL_USER);
  await enterPassword(page, PASSWORD);
  await expectSpSignedIn(page, notes, PORTAL_USER);
  await page.goto(chat.loginUrl());
  await expectSpSignedIn(page, chat, PORTAL_USER);

  // Chat goes down: its Single Logout URL no longer answers.
  await chat.stop();
  await page.goto("/sso/portal");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sso\/signing-out\?run=/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Signing out");
  await expect(page.getByTestId("logout-hop")).toHaveCount(2);
  await shot(page, "idp-logout-progress");

  await expect(page).toHaveURL(/\/sso\/signed-out\?run=/, { timeout: 20_000 });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("You have been signed out");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("did not confirm the sign-out");
  await expect(page.getByTestId("logout-failed").getByRole("listitem")).toHaveText(["Loopback Chat"]);
  await shot(page, "idp-logout-result");

  // Notes validated our signed LogoutRequest for its session and answered.
  expect(notes.logoutRequests.at(-1)).toMatchObject({ nameId: PORTAL_USER, signed: true });
  expect(notes.errors).toEqual([]);
  // The SSO session is over: Notes asks for the password again.
  await page.goto(notes.loginUrl());
  await expectSignInPage(page, "Loopback Notes");
});

test("an administrator's End sessions signs the user out of Portcullis and of the SPs", async ({ browser }) => {
  const user = await (await browser.newContext()).newPage();
  await user.goto(notes.loginUrl());
  await enterIdentifier(user, ADMIN_USER);
  await enterPassword(user, PASSWORD);
  await expectSpSignedIn(user, notes, ADMIN_USER);
  const before = notes.logoutRequests.length;

  const admin = await (
    await browser.newContext({ storageState: authFile(ROLE_ACCOUNTS["User Manager"].key) })
  ).newPage();
  await admin.goto(`/admin/users/${ids[ADMIN_USER]}`);
  const sessions = admin.getByTestId("user-sessions");
  await expect(sessions).toContainText("Loopback Notes");
  await admin.getByRole("button", { name: "End sessions" }).click();
  await expect(admin).toHaveURL(/\/sessions\?run=.*&done=1$/, { timeout: 20_000 });
  await expect(admin.getByRole("main").getByRole("status")).toContainText(
    `${ADMIN_USER} is signed out of Portcullis and of Loopback Notes.`,
  );
  expect(notes.logoutRequests.length).toBe(before + 1);
  expect(notes.logoutRequests.at(-1)).toMatchObject({ nameId: ADMIN_USER, signed: true });

  // The user's next sign-in asks for the password; the user's page shows no session.
  await user.goto(notes.loginUrl());
  await expectSignInPage(user, "Loopback Notes");
  await admin.goto(`/admin/users/${ids[ADMIN_USER]}`);
  await expect(admin.getByTestId("no-sessions")).toBeVisible();
  await user.context().close();
  await admin.context().close();
});
