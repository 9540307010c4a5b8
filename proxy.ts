// Console gate: requests to /admin/* without a session go to the sign-in page before any
// page code runs. Pages and services still check the administrator and role themselves.
import { withAuth } from "next-auth/middleware";
import type { NextFetchEvent, NextRequest } from "next/server";
import { env } from "@/lib/env";

let gate: ReturnType<typeof withAuth> | undefined;

export function proxy(req: NextRequest, ev: NextFetchEvent) {
  gate ??= withAuth({ secret: env().NEXTAUTH_SECRET, pages: { signIn: "/admin/login" } });
  return (gate as unknown as (r: NextRequest, e: NextFetchEvent) => ReturnType<typeof fetch>)(req, ev);
}

export const config = {
  // /admin/v1/… and /admin/v2/… are the Admin API: signed requests, no console session.
  matcher: ["/admin", "/admin/((?!login|setup|v1/|v2/).*)"],
};
