// POST /sso/logout — the user signs out of the portal: ends the SSO session and its cookie,
// then (when SPs of the session have a Single Logout URL) tells them one after another
import { SSO_COOKIE } from "@/lib/services/sign-in/hosted-login";
import { startPortalLogout } from "@/lib/services/sign-in/idp-logout";
import { deleteCookie, readCookie } from "@/app/_server/cookies";
import { requestContext } from "@/app/_server/saml-http";

export async function POST(req: Request) {
  const runId = await startPortalLogout(await readCookie(SSO_COOKIE), requestContext(req));
  await deleteCookie(SSO_COOKIE);
  return new Response(null, {
    status: 303,
    headers: {
      Location: runId ? `/sso/signing-out?run=${encodeURIComponent(runId)}` : "/sso/login?signedout=1",
      "Cache-Control": "no-store",
    },
  });
}
