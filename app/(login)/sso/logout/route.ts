// POST /sso/logout — the user signs out of the portal: ends the SSO session and its cookie
import { cookies } from "next/headers";
import { endSession, SSO_COOKIE } from "@/lib/login/session";

export async function POST() {
  const jar = await cookies();
  const id = jar.get(SSO_COOKIE)?.value;
  if (id) await endSession(id);
  jar.delete(SSO_COOKIE);
  return new Response(null, { status: 303, headers: { Location: "/sso/login?signedout=1", "Cache-Control": "no-store" } });
}
