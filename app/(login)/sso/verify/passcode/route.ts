// POST /sso/verify/passcode — the TOTP passcode form of the second-factor page (works without JavaScript)
import { factorRequest, formField, nextUrl, seeOther } from "@/app/_server/sso-factor";
import { verifyPasscode } from "@/lib/services/sign-in/second-factor";

export async function POST(req: Request) {
  const { txId, ctx } = await factorRequest();
  const result = await verifyPasscode(txId, await formField(req, "passcode"), ctx);
  return seeOther(await nextUrl(result, (e) => `/sso/verify?e=${e}`));
}
