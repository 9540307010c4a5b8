// GET /sso/lang?set=en|zh-CN[&back=/sso/...] — the language switcher of the hosted pages: a cookie, then back to the page
import { LANG_COOKIE } from "@/app/_server/sso";
import { setCookie } from "@/app/_server/cookies";
import { seeOther } from "@/app/_server/sso-factor";
import { LOCALES } from "@/lib/i18n/messages";

export async function GET(req: Request) {
  const url = new URL(req.url);
  const set = url.searchParams.get("set");
  if (set && set in LOCALES) await setCookie(LANG_COOKIE, set, "preference", { maxAgeMs: 365 * 24 * 3600_000 });
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
