// Console gate: requests to /admin/* without a session go to the sign-in page before any
// page code runs. Pages and services still check the administrator and role themselves.
// The session cookie is `__Host-next-auth.session-token` when the public base URL is https
// (app/_server/cookies.ts): the gate reads whichever of the two names the browser sent.
import { withAuth } from "next-auth/middleware";
import type { NextFetchEvent, NextRequest } from "next/server";
import { env } from "@/lib/env";

const SESSION = "next-auth.session-token";
const gates = new Map<string, ReturnType<typeof withAuth>>();

function gateFor(cookieName: string) {
  let gate = gates.get(cookieName);
  if (!gate) {
    gate = withAuth({
      secret: env().NEXTAUTH_SECRET,
      pages: { signIn: "/admin/login" },
      cookies: { sessionToken: { name: cookieName } },
    });
    gates.set(cookieName, gate);
  }
  return gate as unknown as (r: NextRequest, e: NextFetchEvent) => ReturnType<typeof fetch>;
}

export function proxy(req: NextRequest, ev: NextFetchEvent) {
  const name = req.cookies.has(`__Host-${SESSION}`) ? `__Host-${SESSION}` : SESSION;
  return gateFor(name)(req, ev);
}

export const config = {
  // /admin/v1/… and /admin/v2/… are the Admin API: signed requests, no console session.
  matcher: ["/admin", "/admin/((?!login|setup|v1/|v2/).*)"],
};
