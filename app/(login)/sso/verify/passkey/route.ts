// POST /sso/verify/passkey — the browser's WebAuthn assertion (or that the prompt was cancelled)
import { ceremonyBody, factorRequest, json, nextUrl } from "@/app/_server/sso-factor";
import { verifyPasskey } from "@/lib/services/sign-in/second-factor";

export async function POST(req: Request) {
  const { txId, ctx } = await factorRequest();
  const result = await verifyPasskey(txId, await ceremonyBody(req), ctx);
  if (result.kind === "retry") return json({ error: result.error });
  return json({ next: await nextUrl(result, (e) => `/sso/verify?e=${e}`) });
}
