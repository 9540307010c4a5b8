// End users of the sign-in assurance specs: unique per run, each with an enrolled
// authenticator app whose secret the test knows, and the password-then-passcode sign-in.
import { expect, type Page } from "@playwright/test";
import { field } from "./console";
import { END_USER_PASSWORD, GROUPS, testTotpSecret, type EndUser } from "./directory";
import { endUserPasscode, enterIdentifier, enterPasscode, expectVerifyPage } from "./hosted-sign-in";
import { RUN } from "./users";

/** A user `<name>.<run>` in E2E Staff with an authenticator app (testTotpSecret). */
export const assuranceUser = (name: string, realName = name): EndUser & { totpSecret: string } => ({
  username: `${name}.${RUN}`,
  email: `${name}.${RUN}@e2e.example.com`,
  realName,
  password: END_USER_PASSWORD,
  groups: [GROUPS.staff],
  totpSecret: testTotpSecret(`${name}.${RUN}`),
});

/** From the sign-in page: identifier, password, then the passcode on "Verify it's you". */
export async function passwordAndPasscode(page: Page, user: EndUser) {
  await enterIdentifier(page, user.username);
  await field(page, "Password").fill(user.password);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
  await expectVerifyPage(page);
  await enterPasscode(page, await endUserPasscode(user.username));
  await expect(page).not.toHaveURL(/\/sso\/verify(\?|$)/);
}
