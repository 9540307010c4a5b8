// Another Portcullis instance for lib/services/sign-in/other-instance.test.ts: a separate
// process on the same database (DATABASE_URL) and secrets, answering one SAML step through the
// same services the SSO route handlers call. Reads one JSON operation from argv[2] and prints
// one JSON line:
//   { "op": "receive", "appKey", "query" }            -> { "kind", "txId"? } or { "error" }
//   { "op": "complete", "appKey", "txId", "ssoToken" } -> { "kind", "SAMLResponse"? } or { "error" }
import { completeSignIn, receiveAuthnRequest } from "../lib/services/sign-in/saml-sso.ts";

const CTX = { ip: "198.51.100.31", userAgent: "vitest (other instance)" };
const op = JSON.parse(process.argv[2]!) as
  { op: "receive"; appKey: string; query: string } | { op: "complete"; appKey: string; txId: string; ssoToken: string };

try {
  const step =
    op.op === "receive"
      ? await receiveAuthnRequest(op.appKey, { binding: "redirect", query: op.query }, CTX)
      : await completeSignIn(op.appKey, op.txId, op.ssoToken, CTX);
  console.log(
    JSON.stringify({
      kind: step.kind,
      txId: "txId" in step ? step.txId : undefined,
      SAMLResponse: step.kind === "post" ? step.message.fields.SAMLResponse : undefined,
    }),
  );
} catch (e) {
  console.log(JSON.stringify({ error: (e as { code?: string }).code ?? (e as Error).message }));
}
process.exit(0);
