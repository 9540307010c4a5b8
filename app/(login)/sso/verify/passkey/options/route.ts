// POST /sso/verify/passkey/options — WebAuthn request options for "Use the passkey" (challenge kept in the login transaction)
import { factorRequest, json } from "@/app/_server/sso-factor";
import { passkeySignInOptions } from "@/lib/services/sign-in/second-factor";

export async function POST() {
  const { txId } = await factorRequest();
  const options = await passkeySignInOptions(txId);
  return options ? json({ options }) : json({ error: "not_allowed" }, 400);
}
