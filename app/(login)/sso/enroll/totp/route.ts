// POST /sso/enroll/totp — confirms a new authenticator app with its first code (works without JavaScript)
import { factorRequest, formFields, nextUrl, seeOther } from "@/app/_server/sso-factor";
import { confirmTotp } from "@/lib/services/sign-in/second-factor";

export async function POST(req: Request) {
  const { txId, ctx } = await factorRequest();
  const f = await formFields(req, ["passcode", "remember"]);
  const result = await confirmTotp(txId, f.passcode, ctx, f.remember === "on");
  return seeOther(await nextUrl(result, (e) => `/sso/enroll?method=totp&e=${e}`));
}
