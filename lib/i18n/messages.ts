// Message catalogs for the hosted end-user pages. English is the reference; every key
// must exist in every catalog (a unit test checks it).

export const en = {
  "login.title": "Sign in",
  "login.subtitle": "to continue to {app}",
  "login.subtitlePortal": "to your applications",
  "login.identifier": "Username or email",
  "login.password": "Password",
  "login.next": "Next",
  "login.submit": "Log in",
  "login.notYou": "Not you? Use another account",
  "login.signedInAs": "Signing in as",
  "error.invalidCredentials": "Incorrect username or password.",
  "error.missingIdentifier": "Enter your username or email.",
  "error.missingPassword": "Enter your password.",
  "error.expired": "Your sign-in request expired. Go back to the application and try again.",
  "error.generic": "Something went wrong. Please try again.",
  "denied.disabled.title": "Account disabled",
  "denied.disabled.body": "Your account is disabled and cannot access this application. Please contact your IT help desk.",
  "denied.locked.title": "Account locked",
  "denied.locked.body": "Your account is locked out after too many failed attempts. Please contact your IT help desk.",
  "denied.group.title": "Access denied",
  "denied.group.body": "Your administrator has not given you access to {app}. Please contact your IT help desk.",
  "request.title": "Sign-in request not accepted",
  "request.body": "The application sent a sign-in request that Portcullis cannot accept. Please contact your IT help desk. Reference: {ref}",
  "portal.title": "Your applications",
  "portal.empty": "No applications are available to you yet.",
  "portal.signOut": "Sign out",
  "portal.signedOut": "You have been signed out.",
  "footer.secured": "Secured by Portcullis",
  "autopost.continue": "Continue",
  "autopost.noscript": "JavaScript is off. Select Continue to finish signing in.",
} as const;

export type MessageKey = keyof typeof en;
export type Catalog = Record<MessageKey, string>;

export const zhCN: Catalog = {
  "login.title": "登录",
  "login.subtitle": "以继续访问 {app}",
  "login.subtitlePortal": "访问您的应用程序",
  "login.identifier": "用户名或电子邮件",
  "login.password": "密码",
  "login.next": "下一步",
  "login.submit": "登录",
  "login.notYou": "不是您？使用其他帐户",
  "login.signedInAs": "正在登录",
  "error.invalidCredentials": "用户名或密码不正确。",
  "error.missingIdentifier": "请输入您的用户名或电子邮件。",
  "error.missingPassword": "请输入您的密码。",
  "error.expired": "您的登录请求已过期。请返回应用程序重试。",
  "error.generic": "出现问题。请重试。",
  "denied.disabled.title": "帐户已禁用",
  "denied.disabled.body": "您的帐户已被禁用，无法访问此应用程序。请与您的IT技术支持部门联系。",
  "denied.locked.title": "帐户已锁定",
  "denied.locked.body": "由于失败次数过多，您的帐户已被锁定。请与您的IT技术支持部门联系。",
  "denied.group.title": "访问被拒绝",
  "denied.group.body": "您的管理员未授予您访问 {app} 的权限。请与您的IT技术支持部门联系。",
  "request.title": "登录请求未被接受",
  "request.body": "应用程序发送的登录请求无法被接受。请与您的IT技术支持部门联系。参考编号：{ref}",
  "portal.title": "您的应用程序",
  "portal.empty": "目前没有可供您使用的应用程序。",
  "portal.signOut": "注销",
  "portal.signedOut": "您已注销。",
  "footer.secured": "由 Portcullis 提供安全保护",
  "autopost.continue": "继续",
  "autopost.noscript": "JavaScript 已关闭。请选择“继续”完成登录。",
};

export const LOCALES = { en, "zh-CN": zhCN } as const;
export type Locale = keyof typeof LOCALES;

/** Picks a supported locale from a cookie value or an Accept-Language header. */
export function pickLocale(cookie: string | undefined | null, acceptLanguage: string | undefined | null): Locale {
  if (cookie === "en" || cookie === "zh-CN") return cookie;
  const prefs = (acceptLanguage ?? "")
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.find((p) => p.trim().startsWith("q="));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    // q=0 means "not acceptable" (RFC 9110, 12.4.2).
    .filter((p) => p.tag && p.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const p of prefs) {
    if (p.tag.startsWith("zh")) return "zh-CN";
    if (p.tag.startsWith("en")) return "en";
  }
  return "en";
}

export function translator(locale: Locale) {
  const catalog: Catalog = LOCALES[locale];
  return (key: MessageKey, vars?: Record<string, string>) => catalog[key].replace(/\{(\w+)\}/g, (_, k: string) => vars?.[k] ?? `{${k}}`);
}
