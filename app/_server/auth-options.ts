// next-auth configuration for the console: JWT session cookie, one Credentials provider
// that redeems the sign-in ticket with a TOTP passcode (lib/services/admin-auth).
import type { NextAuthOptions } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { completeAdminSignIn } from "@/lib/services/admin-auth/sign-in";
import { endAdminSessions } from "@/lib/services/admin-auth/session";
import { clientIpFrom } from "./request";

export const SESSION_MAX_AGE_S = 8 * 60 * 60;

let options: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  options ??= {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: "/admin/login", error: "/admin/login" },
    providers: [
      Credentials({
        id: "admin-totp",
        name: "Passcode",
        credentials: { ticket: { type: "text" }, code: { type: "text" } },
        async authorize(credentials, req) {
          const ip = clientIpFrom((n) => {
            const v = req?.headers?.[n];
            return Array.isArray(v) ? v[0] : (v as string | undefined);
          });
          try {
            const admin = await completeAdminSignIn(credentials ?? {}, ip);
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
  return options;
}
