// GET /saml2/sp/{sourceKey}/metadata — Portcullis's SP metadata for one authentication source (?download=1: as a file)
import { sourceSpMetadata } from "@/lib/services/auth-sources/upstream-sign-in";

export const dynamic = "force-dynamic";

export async function GET(req: Request, ctx: { params: Promise<{ sourceKey: string }> }) {
  const { sourceKey } = await ctx.params;
  const xml = await sourceSpMetadata(sourceKey);
  if (!xml) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain" } });
  const download = new URL(req.url).searchParams.get("download") === "1";
  return new Response(xml, {
    headers: {
      "Content-Type": "application/samlmetadata+xml; charset=utf-8",
      "Cache-Control": "no-store",
      ...(download && {
        "Content-Disposition": `attachment; filename="portcullis-sp-${sourceKey.replace(/[^A-Za-z0-9_-]/g, "")}.xml"`,
      }),
    },
  });
}
