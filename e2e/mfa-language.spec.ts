// English and Simplified Chinese on the hosted pages: chosen by Accept-Language, changed with
// the switcher (kept in a cookie), with the lang attribute set; the second-factor page in
// Chinese uses seed 001's terms (登录, 密钥), and a sign-in in Chinese reaches the SP.
import { test, expect } from "@playwright/test";
import { ROLE_ACCOUNTS, authFile } from "./support/accounts";
import { protectLoopbackSp, type ProtectedApp } from "./support/applications";
import { field } from "./support/console";
import {
  createUsers,
  END_USER_PASSWORD,
  ensureDirectory,
  resetDirectory,
  GROUPS,
  removeApplications,
  testTotpSecret,
} from "./support/directory";
import { endUserPasscode, expectSpSignedIn } from "./support/hosted-sign-in";
import { shot } from "./support/screenshots";
import { TestSp } from "./support/test-sp";

test.describe.configure({ mode: "serial" });

const APP = "Loopback Chinese App";
const USER = {
  username: "zhang.wei",
  email: "zhang.wei@e2e.example.com",
  realName: "张伟",
  password: END_USER_PASSWORD,
  groups: [GROUPS.staff],
  totpSecret: testTotpSecret("zhang.wei"),
};
let sp: TestSp;
let app: ProtectedApp;

test.beforeAll(async () => {
  await ensureDirectory();
  await createUsers([USER]);
  sp = await TestSp.start({ name: APP });
});

test.afterAll(async () => {
  await sp?.stop();
  await removeApplications([app?.id].filter((id): id is string => !!id));
  await resetDirectory();
});

test.describe("the administrator", () => {
  test.use({ storageState: authFile(ROLE_ACCOUNTS["Application Manager"].key) });
  test("protects the SP", async ({ page }) => {
    app = await protectLoopbackSp(page, sp, { name: APP });
  });
});

test("Accept-Language zh-CN: the sign-in and verify pages are in Chinese, and the SP gets the user", async ({
  browser,
}) => {
  const context = await browser.newContext({
    locale: "zh-CN",
    extraHTTPHeaders: { "Accept-Language": "zh-CN,zh;q=0.9" },
  });
  const page = await context.newPage();
  await page.goto(sp.loginUrl());
  await expect(page.getByRole("main")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1, name: "登录" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(`以继续访问 ${APP}`);
  await field(page, "用户名或电子邮件").fill(USER.username);
  await page.getByRole("button", { name: "下一步" }).click();
  await field(page, "密码").fill(USER.password);
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page).toHaveURL(/\/sso\/verify$/);
  await expect(page.getByRole("heading", { level: 1, name: "验证您的身份" })).toBeVisible();
  await expect(page.getByText("输入绕过代码")).toBeVisible();
  await shot(page, "mfa-verify-zh-CN");
  await field(page, "验证码").fill("000000");
  await page.getByRole("button", { name: "验证", exact: true }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("验证码不正确。请重试。");
  await field(page, "验证码").fill(await endUserPasscode(USER.username));
  await page.getByRole("button", { name: "验证", exact: true }).click();
  await expectSpSignedIn(page, sp, USER.username);
  await context.close();
});

test("the switcher changes the language and keeps it", async ({ page }) => {
  await page.goto("/sso/login");
  await expect(page.getByRole("main")).toHaveAttribute("lang", "en");
  const switcher = page.getByRole("navigation", { name: "Language" });
  await switcher.getByRole("link", { name: "简体中文" }).click();
  await expect(page).toHaveURL(/\/sso\/login$/);
  await expect(page.getByRole("main")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1, name: "登录" })).toBeVisible();
  await shot(page, "mfa-login-zh-CN");
  // Kept on the next visit (a cookie), until switched back.
  await page.goto("/sso/login");
  await expect(page.getByRole("heading", { level: 1, name: "登录" })).toBeVisible();
  await page.getByRole("navigation", { name: "语言" }).getByRole("link", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("main")).toHaveAttribute("lang", "en");
});
