// Messages of the password reset page (/sso/reset/<token>), in the shape of
// lib/i18n/messages.ts (English is the reference; every key exists in every catalog). Kept
// apart while issue 4 edits messages.ts; the catalogs can be merged into it later.
import type { Locale } from "./messages";

export const resetEn = {
  "reset.title": "Set your password",
  "reset.subtitle": "for {username}",
  "reset.password": "New password",
  "reset.confirm": "Confirm new password",
  "reset.hint": "At least 12 characters, and not your username.",
  "reset.submit": "Set password",
  "reset.pending": "Saving…",
  "reset.done.title": "Password changed",
  "reset.done.body": "Your new password is set. Use it the next time you sign in.",
  "reset.done.portal": "Go to your applications",
  "reset.invalid.title": "This link is not valid",
  "reset.invalid.body": "The password reset link has expired, was already used or was replaced by a newer one. Ask your IT help desk for a new link.",
  "reset.error.password_missing": "Enter a new password.",
  "reset.error.password_too_short": "Use at least 12 characters.",
  "reset.error.password_too_long": "Use at most 256 characters.",
  "reset.error.password_is_username": "Your password cannot be your username.",
  "reset.error.password_mismatch": "The two passwords do not match.",
  "reset.error.generic": "Something went wrong. Please try again.",
} as const;

export type ResetMessageKey = keyof typeof resetEn;
export type ResetCatalog = Record<ResetMessageKey, string>;

export const resetZhCN: ResetCatalog = {
  "reset.title": "设置您的密码",
  "reset.subtitle": "用户：{username}",
  "reset.password": "新密码",
  "reset.confirm": "确认新密码",
  "reset.hint": "至少 12 个字符，且不能与用户名相同。",
  "reset.submit": "设置密码",
  "reset.pending": "正在保存…",
  "reset.done.title": "密码已更改",
  "reset.done.body": "您的新密码已设置。下次登录时请使用新密码。",
  "reset.done.portal": "前往您的应用程序",
  "reset.invalid.title": "此链接无效",
  "reset.invalid.body": "密码重置链接已过期、已被使用或已被新链接取代。请向您的IT技术支持部门索取新链接。",
  "reset.error.password_missing": "请输入新密码。",
  "reset.error.password_too_short": "请至少使用 12 个字符。",
  "reset.error.password_too_long": "最多使用 256 个字符。",
  "reset.error.password_is_username": "密码不能与用户名相同。",
  "reset.error.password_mismatch": "两次输入的密码不一致。",
  "reset.error.generic": "出现问题。请重试。",
};

export const RESET_LOCALES: Record<Locale, ResetCatalog> = { en: resetEn, "zh-CN": resetZhCN };

export function resetTranslator(locale: Locale) {
  const catalog = RESET_LOCALES[locale];
  return (key: ResetMessageKey, vars?: Record<string, string>) => catalog[key].replace(/\{(\w+)\}/g, (_, k: string) => vars?.[k] ?? `{${k}}`);
}
