// Glue for the hosted end-user pages: cookies, locale and request context.
import { cookies, headers } from "next/headers";
import { pickLocale, translator, type Locale } from "@/lib/i18n/messages";
import { SSO_COOKIE, TX_COOKIE, TX_TTL_MS } from "@/lib/services/sign-in/hosted-login";
import { getTenantSettings } from "@/lib/services/settings/tenant-settings";
import { clientIpFrom } from "./request";
import { rememberedDeviceCookieName } from "@/lib/services/policies/remembered-devices";

export const LANG_COOKIE = "pc_lang";

export async function ssoLocale(): Promise<{ locale: Locale; t: ReturnType<typeof translator> }> {
  const [c, h] = await Promise.all([cookies(), headers()]);
  const locale = pickLocale(c.get(LANG_COOKIE)?.value, h.get("accept-language"));
  return { locale, t: translator(locale) };
}

/** The request context of a sign-in step: client address, user agent and this browser's remembered-device cookie per application. */
export async function loginContext() {
  const [h, jar] = await Promise.all([headers(), cookies()]);
  return {
    ip: clientIpFrom((n) => h.get(n)),
    userAgent: h.get("user-agent"),
    rememberedDeviceToken: (applicationId: string | null) =>
      jar.get(rememberedDeviceCookieName(applicationId))?.value ?? null,
  };
}

/** Whether cookies must be Secure (the public base URL is https). */
export const secureCookies = () => secure();

async function secure(): Promise<boolean> {
  return (await getTenantSettings()).publicBaseUrl.startsWith("https://");
}

/** Cookie options shared by the sign-in cookies: httpOnly, Lax (sent on the SP's top-level redirects), Secure on https. */
export async function cookieOptions(maxAgeMs: number) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: await secure(),
    path: "/",
    maxAge: Math.floor(maxAgeMs / 1000),
  };
}

export async function readSsoCookies() {
  const c = await cookies();
  return { txId: c.get(TX_COOKIE)?.value, ssoId: c.get(SSO_COOKIE)?.value };
}

export { TX_COOKIE, TX_TTL_MS, SSO_COOKIE };
