// POST /sso/logout — the user signs out of the portal: ends the SSO session and its cookie
import { signOut, SSO_COOKIE } from "@/lib/services/sign-in/hosted-login";
import { deleteCookie, readCookie } from "@/app/_server/cookies";

export async function POST() {
  await signOut(await readCookie(SSO_COOKIE));
  await deleteCookie(SSO_COOKIE);
  return new Response(null, {
    status: 303,
    headers: { Location: "/sso/login?signedout=1", "Cache-Control": "no-store" },
  });
}
