// HTTP glue for the SAML endpoints: read a binding's message from the request (with a size
// cap before the body is read), and turn a use case's next step into a response.
import { renderPostForm, type InboundMessage, type PostMessage } from "@/lib/saml";
import type { SsoStep } from "@/lib/services/sign-in/saml-sso";
import { clientIpFrom, readBodyCapped } from "./request";
import { setCookieHeader } from "./cookies";
import { TX_COOKIE, TX_TTL_MS } from "@/lib/services/sign-in/hosted-login";

const MAX_FORM_BYTES = 256 * 1024;

/** The form fields of a POST; null when the body is over MAX_FORM_BYTES. */
async function readFormCapped(req: Request): Promise<Record<string, string> | null> {
  const body = await readBodyCapped(req, MAX_FORM_BYTES);
  if (!body) return null;
  const params = new URLSearchParams(body.toString("utf8"));
  const out: Record<string, string> = {};
  for (const [k, v] of params) if (!(k in out)) out[k] = v;
  return out;
}

/** The form fields of a POST (an upstream Response at /saml2/sp/{key}/acs); null when over the cap. */
export const formFieldsOf = (req: Request) => readFormCapped(req);

/** The message of a POST binding request; a body over the cap becomes an oversized message the parser refuses (and logs). */
export async function postMessageOf(req: Request): Promise<InboundMessage> {
  const fields = await readFormCapped(req);
  return { binding: "post", fields: fields ?? { SAMLRequest: "x".repeat(MAX_FORM_BYTES) } };
}

export function redirectMessage(req: Request): InboundMessage {
  const q = req.url.indexOf("?");
  return { binding: "redirect", query: q >= 0 ? req.url.slice(q + 1) : "" };
}

export function requestContext(req: Request) {
  return { ip: clientIpFrom((n) => req.headers.get(n)), userAgent: req.headers.get("user-agent") };
}

export function postFormResponse(message: PostMessage): Response {
  const origin = new URL(message.url).origin;
  return new Response(renderPostForm(message, "/sso/autopost.js"), {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "Content-Security-Policy": `default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; form-action ${origin}; base-uri 'none'; frame-ancestors 'none'`,
    },
  });
}

export function seeOther(location: string, cookie?: string): Response {
  const headers = new Headers({ Location: location, "Cache-Control": "no-store" });
  if (cookie) headers.append("Set-Cookie", cookie);
  return new Response(null, { status: 303, headers });
}

/** Renders a step: auto-post form, error page redirect, or the next hop with the transaction cookie. */
export async function stepResponse(step: SsoStep | { kind: "prompt" }, appKey: string): Promise<Response> {
  switch (step.kind) {
    case "post":
      return postFormResponse(step.message);
    case "login":
      return seeOther(
        `/saml2/idp/${encodeURIComponent(appKey)}/resume`,
        await setCookieHeader(TX_COOKIE, step.txId, "sign-in", { maxAgeMs: TX_TTL_MS }),
      );
    case "prompt":
      return seeOther("/sso/login");
    case "step_up":
      return seeOther(step.next);
    case "denied":
      return seeOther(`/sso/error?reason=${step.reason}&app=${encodeURIComponent(step.appKey)}`);
    case "error":
      return seeOther(`/sso/error?ref=${step.reference}`);
    case "test":
      return seeOther(
        `/admin/applications/${encodeURIComponent(step.applicationId)}/trace${step.traceId ? `?entry=${step.traceId}` : ""}`,
      );
  }
}
