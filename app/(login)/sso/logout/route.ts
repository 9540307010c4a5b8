// POST /sso/logout — the user signs out of the portal: ends the SSO session and its cookie
import { cookies } from "next/headers";
import { signOut, SSO_COOKIE } from "@/lib/services/sign-in/hosted-login";

export async function POST() {
  const jar = await cookies();
  await signOut(jar.get(SSO_COOKIE)?.value);
  jar.delete(SSO_COOKIE);
  return new Response(null, {
    status: 303,
    headers: { Location: "/sso/login?signedout=1", "Cache-Control": "no-store" },
  });
}
