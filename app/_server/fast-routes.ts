// The answers of the SAML endpoints service providers call most, as plain data, for both doors:
// the Next route handlers (app/saml2/idp/[appKey]/sso and /metadata) and the Portcullis server,
// which answers these paths itself before Next's request pipeline (lib/http/fast-routes.mjs,
// registered by instrumentation.ts). One function per endpoint, so the two doors cannot differ.
import { provideFastRoutes } from "@/lib/http/fast-routes.mjs";
import { applicationMetadata, receiveAuthnRequest } from "@/lib/services/sign-in/saml-sso";
import { cookieReaderFrom } from "./cookies";
import { redirectMessage, stepAnswer, type PlainAnswer } from "./saml-http";
import { loginContextFrom, SSO_COOKIE } from "./sso";

/** What these answers read of a request. `url` may be a path with its query or an absolute URL. */
export type PlainRequest = { url: string; header: (name: string) => string | null };

/** GET /saml2/idp/{appKey}/sso: an AuthnRequest by HTTP-Redirect (answered at once with an SSO session). */
export async function ssoRedirectAnswer(appKey: string, req: PlainRequest): Promise<PlainAnswer> {
  const read = await cookieReaderFrom(req.header("cookie"));
  const step = await receiveAuthnRequest(
    appKey,
    redirectMessage(req),
    loginContextFrom(req.header, read),
    read(SSO_COOKIE),
  );
  return stepAnswer(step, appKey);
}

/** GET /saml2/idp/{appKey}/metadata: the IdP metadata of one application (ETag, `?download`). */
export async function metadataAnswer(appKey: string, req: PlainRequest): Promise<PlainAnswer> {
  const meta = await applicationMetadata(appKey);
  if (!meta)
    return { status: 404, headers: [["Content-Type", "text/plain; charset=utf-8"]], body: "Unknown application" };
  const headers: [string, string][] = [
    ["Content-Type", "application/samlmetadata+xml; charset=utf-8"],
    ["ETag", meta.etag],
    ["Cache-Control", "public, max-age=300, must-revalidate"],
  ];
  const query = req.url.includes("?") ? new URLSearchParams(req.url.slice(req.url.indexOf("?") + 1)) : null;
  if (query?.has("download")) {
    const name = meta.name.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 60) || "application";
    headers.push(["Content-Disposition", `attachment; filename="${name}-metadata.xml"`]);
  }
  if (req.header("if-none-match") === meta.etag) return { status: 304, headers, body: null };
  return { status: 200, headers, body: meta.xml };
}

const ROUTE = /^\/saml2\/idp\/([^/?#]+)\/(sso|metadata)(?:\?|$)/;

/** The server's door: a GET of one of these paths, or null (Next answers). */
function answer(req: PlainRequest & { method?: string }): Promise<PlainAnswer> | null {
  if (req.method !== "GET") return null;
  const m = ROUTE.exec(req.url);
  if (!m) return null;
  let appKey: string;
  try {
    appKey = decodeURIComponent(m[1]!);
  } catch {
    return null; // Next answers a malformed path as it always has
  }
  return m[2] === "sso" ? ssoRedirectAnswer(appKey, req) : metadataAnswer(appKey, req);
}

/** Called once per process at start (instrumentation.ts), in production only. */
export function registerFastRoutes(): void {
  provideFastRoutes(answer);
}
