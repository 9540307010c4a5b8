// POST /sso/verify/passcode — the TOTP passcode form of the second-factor page (works without JavaScript)
import { factorRequest, formFields, nextUrl, seeOther } from "@/app/_server/sso-factor";
import { verifyPasscode } from "@/lib/services/sign-in/second-factor";

export async function POST(req: Request) {
  const { txId, ctx } = await factorRequest();
  const f = await formFields(req, ["passcode", "remember"]);
  const result = await verifyPasscode(txId, f.passcode, ctx, f.remember === "on");
  return seeOther(await nextUrl(result, (e) => `/sso/verify?e=${e}`));
}
