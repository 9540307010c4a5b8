// The one helper for every cookie Portcullis sets: the hosted sign-in's (login transaction,
// SSO session, remembered devices, a pending portal enrollment), the language preference and
// the console session (next-auth, configured from here in auth-options.ts).
// One source of truth for Secure: the public base URL (Settings). Under https every cookie is
// Secure, Path=/, without Domain, and its name carries the __Host- prefix, so that the browser
// refuses it from plain http or from a sibling domain. httpOnly and SameSite come from the
// cookie's purpose.
import { cookies } from "next/headers";
import { getTenantSettings } from "@/lib/services/settings/tenant-settings";

export type CookiePurpose = "sign-in" | "preference" | "console";

/**
 * Every purpose is httpOnly (no script reads a cookie of ours) and SameSite=Lax: the SAML flow
 * and links from e-mail arrive by top-level navigation from another site, which Strict would
 * strip; Lax still keeps them off cross-site POSTs and sub-requests.
 */
const PURPOSES: Record<CookiePurpose, { httpOnly: true; sameSite: "lax" }> = {
  "sign-in": { httpOnly: true, sameSite: "lax" },
  preference: { httpOnly: true, sameSite: "lax" },
  console: { httpOnly: true, sameSite: "lax" },
};

/** Whether cookies are Secure (and __Host- named): the public base URL is https. */
export async function secureCookies(): Promise<boolean> {
  return (await getTenantSettings()).publicBaseUrl.startsWith("https://");
}

/** The name a cookie has on the wire: `__Host-<name>` under https. */
export const cookieName = (name: string, secure: boolean) => (secure ? `__Host-${name}` : name);

export type CookieOptions = {
  httpOnly: true;
  sameSite: "lax";
  secure: boolean;
  path: "/";
  maxAge?: number;
  expires?: Date;
};

export function cookieOptions(
  purpose: CookiePurpose,
  secure: boolean,
  life: { maxAgeMs?: number; expires?: Date } = {},
): CookieOptions {
  return {
    ...PURPOSES[purpose],
    secure,
    path: "/",
    ...(life.maxAgeMs !== undefined && { maxAge: Math.max(0, Math.floor(life.maxAgeMs / 1000)) }),
    ...(life.expires && { expires: life.expires }),
  };
}

/** A cookie's value from this request (by its logical name). */
export async function readCookie(name: string): Promise<string | undefined> {
  const [jar, secure] = await Promise.all([cookies(), secureCookies()]);
  return jar.get(cookieName(name, secure))?.value;
}

/** A reader for several cookies at once (one settings look-up). */
export async function cookieReader(): Promise<(name: string) => string | undefined> {
  const [jar, secure] = await Promise.all([cookies(), secureCookies()]);
  return (name) => jar.get(cookieName(name, secure))?.value;
}

/**
 * The same reader over a raw Cookie header (the endpoints answered outside Next's pipeline,
 * ./fast-routes.ts), parsed as Next parses it: pairs split on ";", the value URI-decoded, a
 * name given twice takes its last value.
 */
export async function cookieReaderFrom(header: string | null): Promise<(name: string) => string | undefined> {
  const secure = await secureCookies();
  const jar = new Map<string, string>();
  for (const pair of (header ?? "").split(/; */)) {
    if (!pair) continue;
    const at = pair.indexOf("=");
    if (at === -1) continue;
    try {
      jar.set(pair.slice(0, at), decodeURIComponent(pair.slice(at + 1)));
    } catch {
      // a value that does not decode is ignored, as Next does
    }
  }
  return (name) => jar.get(cookieName(name, secure));
}

/** Sets a cookie on the response of a server action or route handler. */
export async function setCookie(
  name: string,
  value: string,
  purpose: CookiePurpose,
  life: { maxAgeMs?: number; expires?: Date },
): Promise<void> {
  const [jar, secure] = await Promise.all([cookies(), secureCookies()]);
  jar.set(cookieName(name, secure), value, cookieOptions(purpose, secure, life));
}

export async function deleteCookie(name: string): Promise<void> {
  const [jar, secure] = await Promise.all([cookies(), secureCookies()]);
  jar.set(cookieName(name, secure), "", { ...cookieOptions("sign-in", secure), maxAge: 0, expires: new Date(0) });
}

/** A Set-Cookie header value, for a Response built by hand (the SAML endpoints). */
export async function setCookieHeader(
  name: string,
  value: string,
  purpose: CookiePurpose,
  life: { maxAgeMs: number },
): Promise<string> {
  const secure = await secureCookies();
  const o = cookieOptions(purpose, secure, life);
  return [
    `${cookieName(name, secure)}=${value}`,
    "Path=/",
    ...(o.httpOnly ? ["HttpOnly"] : []),
    "SameSite=Lax",
    `Max-Age=${o.maxAge}`,
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}
