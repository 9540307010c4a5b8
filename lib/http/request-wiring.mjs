// The one place where a raw Node request is prepared before Next's request handler sees it
// (server.mjs runs it for every request, on the HTTP and the HTTPS listener alike):
//  - the client address: inbound copies of every address header are removed, the address is
//    decided from the TCP peer (and a trusted proxy's chain) and set as X-Forwarded-For and
//    the internal CLIENT_ADDRESS_HEADER; X-Forwarded-Host/-Proto/-Port count only from a
//    trusted proxy;
//  - a nonce-based Content-Security-Policy on the hosted pages (/sso) and the console
//    (/admin): Next reads the nonce from the request's CSP header and puts it on its scripts;
//  - Strict-Transport-Security when the public base URL is https.
// Stateless apart from its configuration, so each worker of a cluster can run its own copy.
import { randomBytes } from "node:crypto";
import {
  ADDRESS_HEADERS,
  CLIENT_ADDRESS_HEADER,
  PROXY_REQUEST_HEADERS,
  resolveClientAddress,
} from "./client-address.mjs";
import { currentHttpPolicy } from "./http-policy.mjs";

/** Paths whose HTML gets the nonce-based policy: the hosted end-user pages and the console. */
const CSP_PATH = /^\/(sso|admin)(?:[/?]|$)/;
/**
 * The IdP-initiated logout pages load each SP's Single Logout URL in a frame, so their policy
 * lets frames reach those origins: the portal's Sign out (/sso/signing-out, always a document
 * load after the logout POST) and the console, whose documents navigate client-side (a CSP
 * stays the one of the document first loaded), so any console page may become an
 * administrator's End sessions page. Every other hosted page frames only this origin.
 */
const LOGOUT_FRAME_PATH = /^\/(sso\/signing-out|admin)(?:[/?]|$)/;

export const HSTS_VALUE = "max-age=63072000";

/**
 * The Content-Security-Policy of the hosted pages and the console. Scripts only with this
 * response's nonce (and what they load: 'strict-dynamic'); no inline script, no eval outside
 * development; styles from the app (and style attributes); images from the app and data: URLs
 * (QR codes); forms only to this origin and `formActionOrigins`; frames only from this origin
 * and `frameOrigins`; not framed by anyone, no plugins.
 */
export function contentSecurityPolicy({ nonce, dev = false, formActionOrigins = [], frameOrigins = [] }) {
  const script = [`'self'`, `'nonce-${nonce}'`, `'strict-dynamic'`];
  if (dev) script.push(`'unsafe-eval'`);
  return [
    `default-src 'self'`,
    `script-src ${script.join(" ")}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data:`,
    `font-src 'self'`,
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    `frame-src ${[`'self'`, ...frameOrigins].join(" ")}`,
    `object-src 'none'`,
    `base-uri 'none'`,
    `frame-ancestors 'none'`,
    `form-action ${[`'self'`, ...formActionOrigins].join(" ")}`,
  ].join("; ");
}

const ORIGIN = /^https?:\/\/[A-Za-z0-9.\-[\]:]+$/;

/**
 * Returns `wire(req, res)`: prepares one request (headers above) and resolves once the
 * response headers are set. `config`: { trustedProxies, proxyHeader, dev }.
 */
export function createRequestWiring({ trustedProxies = [], proxyHeader = "x-forwarded-for", dev = false } = {}) {
  const removable = new Set([...ADDRESS_HEADERS, "content-security-policy", "content-security-policy-report-only"]);
  let lastWarning = 0;

  return async function wire(req, res) {
    const socket = req.socket;
    const decided = resolveClientAddress({
      peer: socket.remoteAddress,
      headers: req.headers,
      trustedProxies,
      proxyHeader,
    });

    const drop = new Set(removable);
    if (!decided.trustedPeer) for (const h of PROXY_REQUEST_HEADERS) drop.add(h);
    for (const h of drop) delete req.headers[h];
    const raw = [];
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
      if (!drop.has(req.rawHeaders[i].toLowerCase())) raw.push(req.rawHeaders[i], req.rawHeaders[i + 1]);
    }
    req.rawHeaders = raw;
    if (decided.address) {
      req.headers[CLIENT_ADDRESS_HEADER] = decided.address;
      req.headers["x-forwarded-for"] = decided.address;
    }
    req.headers["x-forwarded-proto"] ??= socket.encrypted ? "https" : "http";
    if (decided.reason && Date.now() - lastWarning > 60_000) {
      lastWarning = Date.now();
      console.warn(
        JSON.stringify({
          at: "http.client_address",
          event: "unknown_client_address",
          reason: decided.reason,
          peer: socket.remoteAddress ?? null,
        }),
      );
    }

    const policy = await currentHttpPolicy();
    if (policy?.https) res.setHeader("Strict-Transport-Security", HSTS_VALUE);
    if (CSP_PATH.test(req.url ?? "")) {
      const nonce = randomBytes(16).toString("base64");
      const csp = contentSecurityPolicy({
        nonce,
        dev,
        formActionOrigins: (policy?.formActionOrigins ?? []).filter((o) => ORIGIN.test(o)),
        frameOrigins: LOGOUT_FRAME_PATH.test(req.url ?? "")
          ? (policy?.logoutFrameOrigins ?? []).filter((o) => ORIGIN.test(o))
          : [],
      });
      req.headers["content-security-policy"] = csp;
      res.setHeader("Content-Security-Policy", csp);
    }
    return decided;
  };
}
