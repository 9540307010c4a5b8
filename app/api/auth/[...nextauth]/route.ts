// GET|POST /api/auth/* — next-auth endpoints for the console session (sign-in, sign-out, CSRF)
import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { consoleAuthOptions } from "@/app/_server/auth-options";
import { readBodyCapped } from "@/app/_server/request";

/** next-auth's forms (CSRF token, the sign-in grant) are small: the body is capped before it is read. */
const MAX_BODY_BYTES = 16 * 1024;

type Ctx = { params: Promise<{ nextauth: string[] }> };

async function handler(req: NextRequest, ctx: Ctx) {
  let request = req;
  if (req.method === "POST") {
    const body = await readBodyCapped(req, MAX_BODY_BYTES);
    if (!body) return new Response("Request body too large", { status: 413 });
    request = new NextRequest(req.url, { method: "POST", headers: req.headers, body: new Uint8Array(body) });
  }
  return NextAuth(await consoleAuthOptions())(request, { params: await ctx.params });
}

export { handler as GET, handler as POST };
