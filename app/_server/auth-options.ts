// next-auth configuration for the console: JWT session cookie, one Credentials provider
// that redeems the single-use grant the passcode step issued (lib/services/admin-auth). Its
// cookies are named and flagged by the one cookie helper (./cookies.ts): __Host- and Secure
// when the public base URL is https, whatever NEXTAUTH_URL says.
import type { NextAuthOptions } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { redeemAdminGrant } from "@/lib/services/admin-auth/sign-in";
import { endAdminSessions } from "@/lib/services/admin-auth/session";
import { clientIpFrom } from "./request";
import { cookieName, cookieOptions, secureCookies } from "./cookies";

export const SESSION_MAX_AGE_S = 8 * 60 * 60;
/** The console session cookie's logical name (next-auth's default), `__Host-` prefixed under https. */
export const CONSOLE_SESSION_COOKIE = "next-auth.session-token";

const options = new Map<boolean, NextAuthOptions>();

/** The options for the current public base URL (http or https decides the cookies). */
export async function consoleAuthOptions(): Promise<NextAuthOptions> {
  return authOptions(await secureCookies());
}

export function authOptions(secure: boolean): NextAuthOptions {
  const cached = options.get(secure);
  if (cached) return cached;
  const cookie = (name: string) => ({ name: cookieName(name, secure), options: cookieOptions("console", secure) });
  const built: NextAuthOptions = {
    secret: env().NEXTAUTH_SECRET,
    useSecureCookies: secure,
    cookies: {
      sessionToken: cookie(CONSOLE_SESSION_COOKIE),
      callbackUrl: cookie("next-auth.callback-url"),
      csrfToken: cookie("next-auth.csrf-token"),
    },
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: "/admin/login", error: "/admin/login" },
    providers: [
      Credentials({
        id: "admin-totp",
        name: "Passcode",
        credentials: { grant: { type: "text" } },
        async authorize(credentials, req) {
          const ip = clientIpFrom((n) => {
            const v = req?.headers?.[n];
            return Array.isArray(v) ? v[0] : (v as string | undefined);
          });
          try {
            const admin = await redeemAdminGrant(credentials ?? {}, ip);
            return { id: admin.id, email: admin.email, name: admin.name, sessionVersion: admin.sessionVersion };
          } catch (e) {
            // next-auth hands this message to the sign-in page.
            if (isAppError(e) && e.expose) throw new Error(e.message);
            throw e;
          }
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, adminId: token.sub, sessionVersion: token.sv };
      },
    },
    events: {
      // Signing out ends the session on the server too: a copied cookie stops working.
      async signOut({ token }) {
        if (token?.sub) await endAdminSessions(token.sub);
      },
    },
  };
  options.set(secure, built);
  return built;
}
