// Glue for the second-factor and enrollment route handlers: reads the login transaction
// cookie and the request context, and turns a FactorResult into cookies and a redirect
// (forms, also without JavaScript) or JSON (the passkey ceremonies).
import type { FactorResult } from "@/lib/services/sign-in/second-factor";
import { loginContext, SSO_COOKIE, TX_COOKIE } from "./sso";
import { SSO_TTL_MS } from "@/lib/services/sign-in/hosted-login";
import { deleteCookie, readCookie, setCookie } from "./cookies";
import { readBodyCapped, readFormCapped, SMALL_FORM_BYTES } from "./request";

export async function factorRequest() {
  return { txId: await readCookie(TX_COOKIE), ctx: await loginContext() };
}

const DENIED_URL = (reason: string, appKey?: string) =>
  `/sso/error?reason=${encodeURIComponent(reason)}${appKey ? `&app=${encodeURIComponent(appKey)}` : ""}`;

/** Where the browser goes after a step: `retryUrl(error)` for another try. */
export async function nextUrl(result: FactorResult, retryUrl: (error: string) => string): Promise<string> {
  switch (result.kind) {
    case "next": {
      if (result.session) await setCookie(SSO_COOKIE, result.session.token, "sign-in", { maxAgeMs: SSO_TTL_MS });
      if (result.remembered)
        await setCookie(result.remembered.name, result.remembered.value, "sign-in", {
          expires: result.remembered.expiresAt,
        });
      if (result.clearTransaction) await deleteCookie(TX_COOKIE);
      return result.next;
    }
    case "retry":
      return retryUrl(result.error);
    case "denied":
      return DENIED_URL(result.reason, result.appKey);
    case "expired":
      return "/sso/login";
  }
}

/** A 303 to `location` (a form POST becomes a GET). */
export const seeOther = (location: string) =>
  new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store" } });

export const json = (body: unknown, status = 200) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

/** A form field as text (at most `max` characters); the body is capped before it is read. */
export async function formField(req: Request, name: string, max = 64): Promise<string> {
  const v = (await readFormCapped(req, SMALL_FORM_BYTES))?.get(name);
  return typeof v === "string" ? v.slice(0, max) : "";
}

/** Form fields as text (each at most `max` characters); absent fields are "". */
export async function formFields<K extends string>(
  req: Request,
  names: readonly K[],
  max = 64,
): Promise<Record<K, string>> {
  const out = Object.fromEntries(names.map((n) => [n, ""])) as Record<K, string>;
  // Over the cap or not a form: every field empty.
  const fd = await readFormCapped(req, SMALL_FORM_BYTES);
  for (const n of names) {
    const v = fd?.get(n);
    if (typeof v === "string") out[n] = v.slice(0, max);
  }
  return out;
}

/** Largest passkey ceremony body (a WebAuthn response with attestation). */
export const CEREMONY_MAX_BYTES = 64 * 1024;

/** The passkey ceremony's JSON body: { response } or { cancelled }; at most 64 KiB. */
export async function ceremonyBody(
  req: Request,
): Promise<{ response?: unknown; cancelled?: string; remember?: boolean }> {
  const bytes = await readBodyCapped(req, CEREMONY_MAX_BYTES);
  if (!bytes) return {};
  const text = bytes.toString("utf8");
  try {
    const body = JSON.parse(text) as { response?: unknown; cancelled?: unknown; remember?: unknown };
    return {
      response: body.response,
      cancelled: typeof body.cancelled === "string" ? body.cancelled : undefined,
      remember: body.remember === true,
    };
  } catch {
    return {};
  }
}
