// The SAML endpoints service providers call most (the SSO endpoint by HTTP-Redirect, the
// metadata URL), answered by the Portcullis server (server.mjs) without Next's request
// pipeline, which costs more CPU than the answer itself (README "Speed"). The application
// registers the answering function at start (instrumentation.ts, app/_server/fast-routes.ts);
// its answers are built by the same functions as the Next route handlers of those paths, which
// still answer whatever the function declines (other methods, before registration, `--dev`).
// Kept on globalThis under a symbol because the server loads this module natively and the
// Next bundle has its own copy; one per process.
import { SECURITY_HEADERS } from "./security-headers.mjs";

const KEY = Symbol.for("portcullis.fastRoutes");

/**
 * Registers `answer(request)`: request is { method, url, header(name) }; it returns null (Next
 * answers) or a promise of { status, headers: [name, value][], body: string | null }.
 */
export function provideFastRoutes(answer) {
  globalThis[KEY] = answer;
}

/**
 * Answers `req` on `res` when a fast route takes it; false when Next must. Headers already set
 * on `res` (the request wiring's HSTS) stay.
 */
export async function answerFast(req, res) {
  const answer = globalThis[KEY];
  if (typeof answer !== "function") return false;
  const pending = answer({ method: req.method, url: req.url ?? "/", header: (name) => headerValue(req.headers[name]) });
  if (!pending) return false;
  const { status, headers, body } = await pending;
  for (const { key, value } of SECURITY_HEADERS) res.setHeader(key, value);
  const setCookies = [];
  for (const [name, value] of headers) {
    if (name.toLowerCase() === "set-cookie") setCookies.push(value);
    else res.setHeader(name, value);
  }
  if (setCookies.length) res.setHeader("Set-Cookie", setCookies);
  if (body !== null) res.setHeader("Content-Length", Buffer.byteLength(body));
  res.writeHead(status);
  res.end(body ?? undefined);
  return true;
}

const headerValue = (v) => (v === undefined ? null : Array.isArray(v) ? v.join(", ") : v);
