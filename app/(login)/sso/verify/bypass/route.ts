// POST /sso/verify/bypass — the bypass code form of the second-factor page (works without JavaScript)
import { factorRequest, formFields, nextUrl, seeOther } from "@/app/_server/sso-factor";
import { verifyBypassCode } from "@/lib/services/sign-in/second-factor";

export async function POST(req: Request) {
  const { txId, ctx } = await factorRequest();
  const f = await formFields(req, ["bypassCode", "remember"]);
  const result = await verifyBypassCode(txId, f.bypassCode, ctx, f.remember === "on");
  return seeOther(await nextUrl(result, (e) => `/sso/verify?m=bypass&e=${e}`));
}
