// GET /sso/device — back from the Trusted Endpoints device check (?device_assertion=…): the policy decides with the proven device
import { loginContext, SSO_COOKIE, TX_COOKIE } from "@/app/_server/sso";
import { deleteCookie, readCookie, setCookie } from "@/app/_server/cookies";
import { seeOther } from "@/app/_server/sso-factor";
import { returnFromDeviceCheck, SSO_TTL_MS } from "@/lib/services/sign-in/hosted-login";

export async function GET(req: Request) {
  const assertion = new URL(req.url).searchParams.get("device_assertion");
  const r = await returnFromDeviceCheck(
    await readCookie(TX_COOKIE),
    assertion ? assertion.slice(0, 4096) : null,
    await loginContext(),
  );
  if (r.session) await setCookie(SSO_COOKIE, r.session.token, "sign-in", { maxAgeMs: SSO_TTL_MS });
  if (r.clearTransaction) await deleteCookie(TX_COOKIE);
  if (r.next) return seeOther(r.next);
  if (r.outcome.kind === "denied")
    return seeOther(
      `/sso/error?reason=${encodeURIComponent(r.outcome.reason)}${r.appKey ? `&app=${encodeURIComponent(r.appKey)}` : ""}`,
    );
  return seeOther("/sso/login");
}
