// POST /sso/verify/bypass — the bypass code form of the second-factor page (works without JavaScript)
import { factorRequest, formField, nextUrl, seeOther } from "@/app/_server/sso-factor";
import { verifyBypassCode } from "@/lib/services/sign-in/second-factor";

export async function POST(req: Request) {
  const { txId, ctx } = await factorRequest();
  const result = await verifyBypassCode(txId, await formField(req, "bypassCode"), ctx);
  return seeOther(await nextUrl(result, (e) => `/sso/verify?m=bypass&e=${e}`));
}
