// GET /saml2/idp/{appKey}/metadata — IdP metadata for one application
import { applicationMetadata } from "@/lib/services/sign-in/saml-sso";

export const dynamic = "force-dynamic";

export async function GET(req: Request, ctx: { params: Promise<{ appKey: string }> }) {
  const meta = await applicationMetadata((await ctx.params).appKey);
  if (!meta)
    return new Response("Unknown application", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  const headers = new Headers({
    "Content-Type": "application/samlmetadata+xml; charset=utf-8",
    ETag: meta.etag,
    "Cache-Control": "public, max-age=300, must-revalidate",
  });
  if (new URL(req.url).searchParams.has("download")) {
    headers.set(
      "Content-Disposition",
      `attachment; filename="${meta.name.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 60) || "application"}-metadata.xml"`,
    );
  }
  if (req.headers.get("if-none-match") === meta.etag) return new Response(null, { status: 304, headers });
  return new Response(meta.xml, { headers });
}
