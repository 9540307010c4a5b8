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

export function redirectMessage(req: { url: string }): InboundMessage {
  const q = req.url.indexOf("?");
  return { binding: "redirect", query: q >= 0 ? req.url.slice(q + 1) : "" };
}

export function requestContext(req: Request) {
  return { ip: clientIpFrom((n) => req.headers.get(n)), userAgent: req.headers.get("user-agent") };
}

/** An answer as plain data: a Response for a Next route handler (toResponse), or written by server.mjs (./fast-routes.ts). */
export type PlainAnswer = { status: number; headers: [string, string][]; body: string | null };

export function toResponse(a: PlainAnswer): Response {
  const headers = new Headers();
  for (const [name, value] of a.headers) headers.append(name, value);
  return new Response(a.body, { status: a.status, headers });
}

export function postFormAnswer(message: PostMessage): PlainAnswer {
  const origin = new URL(message.url).origin;
  return {
    status: 200,
    headers: [
      ["Content-Type", "text/html; charset=utf-8"],
      ["Cache-Control", "no-store"],
      [
        "Content-Security-Policy",
        `default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; form-action ${origin}; base-uri 'none'; frame-ancestors 'none'`,
      ],
    ],
    body: renderPostForm(message, "/sso/autopost.js"),
  };
}

export const postFormResponse = (message: PostMessage): Response => toResponse(postFormAnswer(message));

function seeOtherAnswer(location: string, cookie?: string): PlainAnswer {
  const headers: [string, string][] = [
    ["Location", location],
    ["Cache-Control", "no-store"],
  ];
  if (cookie) headers.push(["Set-Cookie", cookie]);
  return { status: 303, headers, body: null };
}

export const seeOther = (location: string, cookie?: string): Response => toResponse(seeOtherAnswer(location, cookie));

/** Renders a step: auto-post form, error page redirect, or the next hop with the transaction cookie. */
export async function stepAnswer(step: SsoStep | { kind: "prompt" }, appKey: string): Promise<PlainAnswer> {
  switch (step.kind) {
    case "post":
      return postFormAnswer(step.message);
    case "login":
      return seeOtherAnswer(
        `/saml2/idp/${encodeURIComponent(appKey)}/resume`,
        await setCookieHeader(TX_COOKIE, step.txId, "sign-in", { maxAgeMs: TX_TTL_MS }),
      );
    case "prompt":
      return seeOtherAnswer("/sso/login");
    case "step_up":
      return seeOtherAnswer(step.next);
    case "denied":
      return seeOtherAnswer(`/sso/error?reason=${step.reason}&app=${encodeURIComponent(step.appKey)}`);
    case "error":
      return seeOtherAnswer(`/sso/error?ref=${step.reference}`);
    case "test":
      return seeOtherAnswer(
        `/admin/applications/${encodeURIComponent(step.applicationId)}/trace${step.traceId ? `?entry=${step.traceId}` : ""}`,
      );
  }
}

export const stepResponse = async (step: SsoStep | { kind: "prompt" }, appKey: string): Promise<Response> =>
  toResponse(await stepAnswer(step, appKey));
