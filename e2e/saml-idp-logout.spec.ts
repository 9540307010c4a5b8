// Logout started at the IdP. The portal's Sign out ends the SSO session and tells every SP of
// the session that has a Single Logout URL, one after another in hidden frames; an SP that does
// not answer (here: stopped) is skipped after a few seconds and named in the result. An
// administrator's "End sessions" on the user's page does the same from the console.
import { test, expect } from "./support/fixtures";
import { enterIdentifier, enterPassword, expectSignInPage, expectSpSignedIn } from "./support/hosted-sign-in";
import { shot } from "./support/screenshots";

test("the portal's Sign out tells each SP; one that does not answer is skipped and named", async ({ page, tenant }) => {
  const notes = await tenant.sp({ name: tenant.name("Loopback Notes") });
  const chat = await tenant.sp({ name: tenant.name("Loopback Chat") });
  const notesApp = await tenant.app(notes, { name: "Loopback Notes", sloUrl: true });
  const chatApp = await tenant.app(chat, { name: "Loopback Chat", sloUrl: true });
  const user = await tenant.user({ name: "portal.signout" });

  await page.goto(notes.loginUrl());
  await expectSignInPage(page, notesApp.name);
  await enterIdentifier(page, user.username);
  await enterPassword(page, user);
  await expectSpSignedIn(page, notes, user.username);
  await page.goto(chat.loginUrl());
  await expectSpSignedIn(page, chat, user.username);

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
  await expect(page.getByTestId("logout-failed").getByRole("listitem")).toHaveText([chatApp.name]);
  await shot(page, "idp-logout-result");

  // Notes validated our signed LogoutRequest for its session and answered.
  expect(notes.logoutRequests.at(-1)).toMatchObject({ nameId: user.username, signed: true });
  expect(notes.errors).toEqual([]);
  // The SSO session is over: Notes asks for the password again.
  await page.goto(notes.loginUrl());
  await expectSignInPage(page, notesApp.name);
});

test("an administrator's End sessions signs the user out of Portcullis and of the SPs", async ({
  page,
  tenant,
  consoleAs,
}) => {
  const notes = await tenant.sp({ name: tenant.name("Loopback Notes") });
  const notesApp = await tenant.app(notes, { name: "Loopback Notes", sloUrl: true });
  const user = await tenant.user({ name: "admin.endsession" });

  await page.goto(notes.loginUrl());
  await expectSignInPage(page, notesApp.name);
  await enterIdentifier(page, user.username);
  await enterPassword(page, user);
  await expectSpSignedIn(page, notes, user.username);
  expect(notes.logoutRequests).toHaveLength(0);

  const admin = await consoleAs("User Manager");
  await admin.goto(`/admin/users/${user.id}`);
  const sessions = admin.getByTestId("user-sessions");
  await expect(sessions).toContainText(notesApp.name);
  await admin.getByRole("button", { name: "End sessions" }).click();
  await expect(admin).toHaveURL(/\/sessions\?run=.*&done=1$/, { timeout: 20_000 });
  await expect(admin.getByRole("main").getByRole("status")).toContainText(
    `${user.username} is signed out of Portcullis and of ${notesApp.name}.`,
  );
  expect(notes.logoutRequests).toHaveLength(1);
  expect(notes.logoutRequests[0]).toMatchObject({ nameId: user.username, signed: true });

  // The user's next sign-in asks for the password; the user's page shows no session.
  await page.goto(notes.loginUrl());
  await expectSignInPage(page, notesApp.name);
  await admin.goto(`/admin/users/${user.id}`);
  await expect(admin.getByTestId("no-sessions")).toBeVisible();
});
