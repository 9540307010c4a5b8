// English and Simplified Chinese on the hosted pages: chosen by Accept-Language, changed with
// the switcher (kept in a cookie), with the lang attribute set; the second-factor page in
// Chinese uses seed 001's terms (登录, 密钥), and a sign-in in Chinese reaches the SP.
import { test, expect } from "./support/fixtures";
import { field } from "./support/console";
import { expectSpSignedIn } from "./support/hosted-sign-in";
import { shot } from "./support/screenshots";

test("Accept-Language zh-CN: the sign-in and verify pages are in Chinese, and the SP gets the user", async ({
  browser,
  tenant,
}) => {
  const sp = await tenant.sp({ name: "Loopback Chinese App" });
  const app = await tenant.app(sp);
  const user = await tenant.user({ name: "zhang.wei", realName: "张伟" });
  const context = await browser.newContext({
    locale: "zh-CN",
    extraHTTPHeaders: { "Accept-Language": "zh-CN,zh;q=0.9" },
  });
  const page = await context.newPage();
  await page.goto(sp.loginUrl());
  await expect(page.getByRole("main")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1, name: "登录" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(`以继续访问 ${app.name}`);
  await field(page, "用户名或电子邮件").fill(user.username);
  await page.getByRole("button", { name: "下一步" }).click();
  await field(page, "密码").fill(user.password);
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page).toHaveURL(/\/sso\/verify$/);
  await expect(page.getByRole("heading", { level: 1, name: "验证您的身份" })).toBeVisible();
  await expect(page.getByText("输入绕过代码")).toBeVisible();
  await shot(page, "mfa-verify-zh-CN");
  await field(page, "验证码").fill(user.totp!.wrong());
  await page.getByRole("button", { name: "验证", exact: true }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("验证码不正确。请重试。");
  await field(page, "验证码").fill(user.totp!.next());
  await page.getByRole("button", { name: "验证", exact: true }).click();
  await expectSpSignedIn(page, sp, user.username);
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
