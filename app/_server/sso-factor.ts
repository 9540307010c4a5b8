// Glue for the second-factor and enrollment route handlers: reads the login transaction
// cookie and the request context, and turns a FactorResult into cookies and a redirect
// (forms, also without JavaScript) or JSON (the passkey ceremonies).
import { cookies } from "next/headers";
import type { FactorResult } from "@/lib/services/sign-in/second-factor";
import { cookieOptions, loginContext, SSO_COOKIE, TX_COOKIE } from "./sso";
import { SSO_TTL_MS } from "@/lib/services/sign-in/hosted-login";

export async function factorRequest() {
  const jar = await cookies();
  return { txId: jar.get(TX_COOKIE)?.value, ctx: await loginContext() };
}

const DENIED_URL = (reason: string, appKey?: string) =>
  `/sso/error?reason=${encodeURIComponent(reason)}${appKey ? `&app=${encodeURIComponent(appKey)}` : ""}`;

/** Where the browser goes after a step: `retryUrl(error)` for another try. */
export async function nextUrl(result: FactorResult, retryUrl: (error: string) => string): Promise<string> {
  switch (result.kind) {
    case "next": {
      const jar = await cookies();
      if (result.session) jar.set(SSO_COOKIE, result.session.token, await cookieOptions(SSO_TTL_MS));
      if (result.remembered) jar.set(result.remembered.name, result.remembered.value, result.remembered.options);
      if (result.clearTransaction) jar.delete(TX_COOKIE);
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

/** A form field as text (at most `max` characters). */
export async function formField(req: Request, name: string, max = 64): Promise<string> {
  try {
    const fd = await req.formData();
    const v = fd.get(name);
    return typeof v === "string" ? v.slice(0, max) : "";
  } catch {
    return "";
  }
}

/** Form fields as text (each at most `max` characters); absent fields are "". */
export async function formFields<K extends string>(
  req: Request,
  names: readonly K[],
  max = 64,
): Promise<Record<K, string>> {
  const out = Object.fromEntries(names.map((n) => [n, ""])) as Record<K, string>;
  try {
    const fd = await req.formData();
    for (const n of names) {
      const v = fd.get(n);
      if (typeof v === "string") out[n] = v.slice(0, max);
    }
  } catch {
    // not a form: every field empty
  }
  return out;
}

/** The passkey ceremony's JSON body: { response } or { cancelled }; at most 64 KiB. */
export async function ceremonyBody(
  req: Request,
): Promise<{ response?: unknown; cancelled?: string; remember?: boolean }> {
  const text = await req.text();
  if (text.length > 64 * 1024) return {};
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
