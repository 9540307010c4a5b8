// POST /sso/enroll/passkey/options — WebAuthn creation options for a new passkey (challenge kept in the login transaction)
import { factorRequest, json } from "@/app/_server/sso-factor";
import { passkeyEnrollmentOptions } from "@/lib/services/sign-in/second-factor";

export async function POST() {
  const { txId } = await factorRequest();
  const options = await passkeyEnrollmentOptions(txId);
  return options ? json({ options }) : json({ error: "not_allowed" }, 400);
}
