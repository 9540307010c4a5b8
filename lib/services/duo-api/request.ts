// One Admin API / Auth API request as the route handlers hand it over (no Next.js here), and
// the check of its credentials: integration key, HMAC signature (lib/duo-api/signature) and
// Date. Refusals are Duo's envelopes (lib/duo-api/envelope) and change nothing.
import { DATE_SKEW_SECONDS, parseAuthorization, parseRequestDate, verifySignature } from "../../duo-api/signature";
import type { Params } from "../../duo-api/signature";
import {
  DuoApiError,
  invalidDate,
  invalidIntegrationKey,
  invalidParameter,
  invalidSignature,
  missingCredentials,
  missingHeader,
} from "../../duo-api/envelope";
import {
  findApiCredentials,
  signedHostCandidates,
  type ApiCredentialRecord,
  type ApiTemplate,
} from "./api-applications";

export type ApiRequest = {
  method: string;
  /** The path as requested, e.g. /admin/v1/users/DU123 (percent-decoding is done per segment by the routers). */
  path: string;
  query: Params;
  /** Form-encoded body parameters (POST), or {} for JSON and empty bodies. */
  form: Params;
  /** The raw body (signed by v4 as SHA-512). */
  body: string;
  /** The body parsed as a JSON object when it was sent as application/json. */
  json: Record<string, unknown> | null;
  authorization: string | null;
  /** X-Duo-Date when present, else Date. */
  date: string | null;
  ip: string | null;
  userAgent: string | null;
};

/** The parameters of the call: the body's for POST/PUT, the query's otherwise (JSON values as strings). */
export function callParams(req: ApiRequest): Params {
  if (req.json) {
    const out: Params = { ...req.query };
    for (const [k, v] of Object.entries(req.json)) {
      if (v === null || v === undefined) continue;
      out[k] = Array.isArray(v) ? v.map(String) : [typeof v === "object" ? JSON.stringify(v) : String(v)];
    }
    return out;
  }
  return req.method === "POST" || req.method === "PUT" ? { ...req.query, ...req.form } : req.query;
}

/** Reader of the call's parameters: one value per name (a repeated name is refused where one is expected). */
export class ParamReader {
  constructor(readonly params: Params) {}
  has(name: string): boolean {
    return name in this.params;
  }
  get(name: string): string | undefined {
    const v = this.params[name];
    if (!v) return undefined;
    if (v.length !== 1) throw invalidParameter(name);
    return v[0];
  }
  all(name: string): string[] {
    return this.params[name] ?? [];
  }
  required(name: string): string {
    const v = this.get(name);
    if (v === undefined || v === "") throw invalidParameter(name);
    return v;
  }
  int(name: string, opts: { min: number; max: number; fallback?: number }): number | undefined {
    const v = this.get(name);
    if (v === undefined || v === "") return opts.fallback;
    if (!/^-?\d{1,16}$/.test(v)) throw invalidParameter(name);
    const n = Number(v);
    if (n < opts.min || n > opts.max) throw invalidParameter(name);
    return n;
  }
}

export type Authenticated = { app: ApiCredentialRecord; version: 1 | 2 | 4 };

/**
 * Checks the request's credentials for an application of `template`. The answer to a bad
 * request is the first failing check: credentials present, integration key known, Date
 * present and within DATE_SKEW_SECONDS, signature valid. `allowV1` (libduo 1.x's
 * date-less signatures) is for the legacy /rest/v1 endpoints only.
 */
export async function authenticate(
  req: ApiRequest,
  template: ApiTemplate,
  opts: { allowV1?: boolean; now?: Date } = {},
): Promise<Authenticated> {
  const creds = parseAuthorization(req.authorization);
  if (!creds) throw missingCredentials();
  const app = await findApiCredentials(creds.integrationKey, template);
  if (!app) throw invalidIntegrationKey();
  // From here on the refusal names the application, so that its logs show it.
  const refuse = (e: DuoApiError) => Object.assign(e, { application: app });
  const allowV1 = !!opts.allowV1;
  if (req.date !== null) {
    const at = parseRequestDate(req.date);
    const now = (opts.now ?? new Date()).getTime();
    if (!at || Math.abs(at.getTime() - now) > DATE_SKEW_SECONDS * 1000) throw refuse(invalidDate());
  } else if (!allowV1) throw refuse(missingHeader("Date"));
  const result = verifySignature(app.secretKey, creds, {
    method: req.method,
    path: req.path,
    params: req.json ? {} : { ...req.query, ...req.form },
    queryParams: req.query,
    body: req.body,
    jsonBody: req.json !== null,
    date: req.date,
    hosts: await signedHostCandidates(),
    allowV1,
  });
  if (!result.ok) throw refuse(invalidSignature());
  return { app, version: result.version };
}

/** The application a refused request named (its integration key was known), for the logs. */
export function refusedApplication(e: unknown): ApiCredentialRecord | undefined {
  return e instanceof DuoApiError ? (e as DuoApiError & { application?: ApiCredentialRecord }).application : undefined;
}
