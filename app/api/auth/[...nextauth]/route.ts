// GET|POST /api/auth/* — next-auth endpoints for the console session (sign-in, sign-out, CSRF)
import NextAuth from "next-auth";
import { authOptions } from "@/app/_server/auth-options";

type Ctx = { params: Promise<{ nextauth: string[] }> };

async function handler(req: Request, ctx: Ctx) {
  return NextAuth(authOptions())(req, { params: await ctx.params });
}

export { handler as GET, handler as POST };
