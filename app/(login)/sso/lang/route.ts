// GET /sso/lang?set=en|zh-CN[&back=/sso/...] — the language switcher of the hosted pages: a cookie, then back to the page
import { cookies } from "next/headers";
import { LANG_COOKIE } from "@/app/_server/sso";
import { seeOther } from "@/app/_server/sso-factor";
import { getTenantSettings } from "@/lib/services/settings/tenant-settings";
import { LOCALES } from "@/lib/i18n/messages";

export async function GET(req: Request) {
  const url = new URL(req.url);
  const set = url.searchParams.get("set");
  const jar = await cookies();
  if (set && set in LOCALES) {
    const secure = (await getTenantSettings()).publicBaseUrl.startsWith("https://");
    jar.set(LANG_COOKIE, set, { httpOnly: true, sameSite: "lax", secure, path: "/", maxAge: 365 * 24 * 3600 });
  }
  // Back to the hosted page the person was on (same origin, /sso/ only), never anywhere else.
  let back = "/sso/login";
  // A page that sends no Referer (the password reset page is no-referrer) names itself.
  const named = url.searchParams.get("back");
  if (named && /^\/sso\/(?!lang)[A-Za-z0-9/_.~-]*$/.test(named) && !named.includes("..") && !named.includes("//"))
    back = named;
  const referer = named ? null : req.headers.get("referer");
  if (referer) {
    try {
      const r = new URL(referer);
      if (r.host === req.headers.get("host") && r.pathname.startsWith("/sso/") && !r.pathname.startsWith("/sso/lang"))
        back = r.pathname + r.search;
    } catch {
      // malformed Referer: the sign-in page
    }
  }
  return seeOther(back);
}
