// Glue for the hosted end-user pages: cookies (through ./cookies.ts), locale and request context.
import { headers } from "next/headers";
import { pickLocale, translator, type Locale } from "@/lib/i18n/messages";
import { SSO_COOKIE, TX_COOKIE, TX_TTL_MS } from "@/lib/services/sign-in/hosted-login";
import { clientIpFrom } from "./request";
import { rememberedDeviceCookieName } from "@/lib/services/policies/remembered-devices";
import { cookieReader } from "./cookies";

export const LANG_COOKIE = "pc_lang";

export async function ssoLocale(): Promise<{ locale: Locale; t: ReturnType<typeof translator> }> {
  const [read, h] = await Promise.all([cookieReader(), headers()]);
  const locale = pickLocale(read(LANG_COOKIE), h.get("accept-language"));
  return { locale, t: translator(locale) };
}

/** The request context of a sign-in step: client address, user agent and this browser's remembered-device cookie per application. */
export async function loginContext() {
  const [h, read] = await Promise.all([headers(), cookieReader()]);
  return loginContextFrom((n) => h.get(n), read);
}

/** The same from a request's headers and cookies, however they were read. */
export function loginContextFrom(header: (name: string) => string | null, read: (name: string) => string | undefined) {
  return {
    ip: clientIpFrom(header),
    userAgent: header("user-agent"),
    rememberedDeviceToken: (applicationId: string | null) => read(rememberedDeviceCookieName(applicationId)) ?? null,
  };
}

export async function readSsoCookies() {
  const read = await cookieReader();
  return { txId: read(TX_COOKIE), ssoId: read(SSO_COOKIE) };
}

export { TX_COOKIE, TX_TTL_MS, SSO_COOKIE };
