// POST /sso/logout — the user signs out of the portal: ends the SSO session and its cookie,
// then (when SPs of the session have a Single Logout URL) tells them one after another
import { cookies } from "next/headers";
import { SSO_COOKIE } from "@/lib/services/sign-in/hosted-login";
import { startPortalLogout } from "@/lib/services/sign-in/idp-logout";
import { requestContext } from "@/app/_server/saml-http";

export async function POST(req: Request) {
  const jar = await cookies();
  const runId = await startPortalLogout(jar.get(SSO_COOKIE)?.value, requestContext(req));
  jar.delete(SSO_COOKIE);
  return new Response(null, {
    status: 303,
    headers: {
      Location: runId ? `/sso/signing-out?run=${encodeURIComponent(runId)}` : "/sso/login?signedout=1",
      "Cache-Control": "no-store",
    },
  });
}
