// POST /sso/enroll/totp — confirms a new authenticator app with its first code (works without JavaScript)
import { factorRequest, formField, nextUrl, seeOther } from "@/app/_server/sso-factor";
import { confirmTotp } from "@/lib/services/sign-in/second-factor";

export async function POST(req: Request) {
  const { txId, ctx } = await factorRequest();
  const result = await confirmTotp(txId, await formField(req, "passcode"), ctx);
  return seeOther(await nextUrl(result, (e) => `/sso/enroll?method=totp&e=${e}`));
}
