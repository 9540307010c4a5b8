// GET /saml2/idp/{appKey}/metadata — IdP metadata for one application. The Portcullis server
// answers this path itself with the same function (app/_server/fast-routes.ts); this handler
// answers under `next dev` and whatever reaches Next.
import { metadataAnswer } from "@/app/_server/fast-routes";
import { toResponse } from "@/app/_server/saml-http";

export const dynamic = "force-dynamic";

export async function GET(req: Request, ctx: { params: Promise<{ appKey: string }> }) {
  return toResponse(
    await metadataAnswer((await ctx.params).appKey, { url: req.url, header: (n) => req.headers.get(n) }),
  );
}
