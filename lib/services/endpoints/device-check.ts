// The device check: a small listener outside Next (Next's server does not terminate mTLS)
// that the sign-in flow sends the browser to. It reads the device certificate either from
// the TLS handshake (HTTPS port, requestCert) or from a reverse proxy's header (plain HTTP
// port, accepted only from the trusted proxy addresses configured on the Trusted Endpoints
// page, compared with the socket's peer address), and redirects back to the sign-in page
// with a signed device assertion bound to the login transaction.
//
//   GET /device-check?b=<binding>&r=<return path>  ->  303 {public base URL}{r}?device_assertion=...
import { readFileSync } from "node:fs";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import type { TLSSocket } from "node:tls";
import { env } from "../../env";
import { certificateFromHeader } from "../../endpoints/client-cert-header";
import { signAssertion } from "../../endpoints/device-assertion";
import { issueServerCertificate } from "../../endpoints/device-certificates";
import { isTrustedPeer } from "../../endpoints/proxy-trust";
import { resolveClientAddress } from "../../http/client-address.mjs";
import { findActiveDeviceCaWithKey } from "../../db/endpoints";
import { unsealSecret } from "../../crypto/secrets";
import { getTenantSettings } from "../settings/tenant-settings";
import { getDeviceCheckSettings } from "./device-check-settings";
import { ensureDeviceCa } from "./device-ca";
import { deviceAssertionKey, identifyCertificate, type EndpointVia } from "./sign-in-endpoint";

const RETURN_RE = /^\/(sso|saml2)\/[A-Za-z0-9/_.-]*(\?[A-Za-z0-9_.~%=&+-]*)?$/;
const BINDING_RE = /^[A-Za-z0-9_-]{32}$/;

export type DeviceCheckRequest = {
  url: string;
  method: string;
  /** The TCP peer: the only address that may vouch for a certificate header. */
  peerIp: string | null;
  /** The client address (the peer, or a trusted proxy's chain: PORTCULLIS_TRUSTED_PROXIES), for the log. */
  clientIp: string | null;
  headers: Record<string, string | string[] | undefined>;
  tlsCertificate: Buffer | null;
  listener: "tls" | "proxy";
};
export type DeviceCheckResponse = { status: number; headers: Record<string, string>; body: string };

const text = (status: number, body: string): DeviceCheckResponse => ({
  status,
  headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  body,
});

/** One request to the device check, independent of the server it arrived on (unit-testable). */
export async function handleDeviceCheck(req: DeviceCheckRequest): Promise<DeviceCheckResponse> {
  const url = new URL(req.url, "http://device-check.invalid");
  if (url.pathname === "/healthz") return text(200, "ok");
  if (url.pathname !== "/device-check") return text(404, "Not found");
  if (req.method !== "GET") return text(405, "Method not allowed");
  const binding = url.searchParams.get("b") ?? "";
  const returnPath = url.searchParams.get("r") || "/sso/login";
  if (!BINDING_RE.test(binding) || returnPath.length > 512 || !RETURN_RE.test(returnPath) || returnPath.includes("//"))
    return text(400, "Bad request");

  let certificate: string | Buffer | null = null;
  let via: EndpointVia | null = null;
  let reason: string | null = null;
  if (req.listener === "tls") {
    if (req.tlsCertificate?.length) {
      certificate = req.tlsCertificate;
      via = "tls";
    } else reason = "no_certificate";
  } else {
    const settings = await getDeviceCheckSettings();
    const raw = req.headers[settings.clientCertHeader];
    const value = Array.isArray(raw) ? null : raw; // a repeated header is refused
    if (!value) reason = "no_certificate";
    else if (!isTrustedPeer(req.peerIp, settings.trustedProxies)) {
      reason = "untrusted_proxy";
      console.warn(
        JSON.stringify({
          at: "endpoints.device_check",
          event: "header_from_untrusted_peer",
          peer: req.peerIp,
          client: req.clientIp,
        }),
      );
    } else {
      certificate = certificateFromHeader(value);
      via = "proxy";
      if (!certificate) reason = "malformed";
    }
  }
  let claims: { d: string | null; f: string | null; v: EndpointVia | null; r: string | null } = {
    d: null,
    f: null,
    v: via,
    r: reason,
  };
  if (certificate && via) {
    const id = await identifyCertificate(certificate, via);
    claims = id.identified
      ? { d: id.deviceId, f: id.sha256Fingerprint, v: via, r: null }
      : { d: null, f: null, v: via, r: id.reason };
  }
  console.info(
    JSON.stringify({
      at: "endpoints.device_check",
      event: claims.d ? "identified" : "not_identified",
      via,
      deviceId: claims.d,
      reason: claims.r,
      peer: req.peerIp,
      client: req.clientIp,
    }),
  );
  const assertion = signAssertion({ b: binding, ...claims }, deviceAssertionKey());
  const { publicBaseUrl } = await getTenantSettings();
  const location = `${publicBaseUrl}${returnPath}${returnPath.includes("?") ? "&" : "?"}device_assertion=${encodeURIComponent(assertion)}`;
  return {
    status: 303,
    headers: { Location: location, "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" },
    body: "",
  };
}

function nodeHandler(listener: "tls" | "proxy") {
  return (req: IncomingMessage, res: ServerResponse) => {
    let tlsCertificate: Buffer | null = null;
    if (listener === "tls") {
      const peer = (req.socket as TLSSocket).getPeerCertificate?.();
      if (peer && peer.raw) tlsCertificate = peer.raw;
    }
    const e = env();
    handleDeviceCheck({
      url: req.url ?? "/",
      method: req.method ?? "GET",
      peerIp: req.socket.remoteAddress ?? null,
      clientIp: resolveClientAddress({
        peer: req.socket.remoteAddress,
        headers: req.headers,
        trustedProxies: e.PORTCULLIS_TRUSTED_PROXIES,
        proxyHeader: e.PORTCULLIS_PROXY_HEADER,
      }).address,
      headers: req.headers,
      tlsCertificate,
      listener,
    })
      .then((r) => {
        res.writeHead(r.status, r.headers);
        res.end(r.body);
      })
      .catch((e) => {
        console.error("[device-check] failed", e);
        res.writeHead(500, { "Content-Type": "text/plain" });
        res.end("Internal error");
      });
  };
}

export type DeviceCheckServers = {
  tls?: { port: number; caCertificatePem: string };
  proxy?: { port: number };
  close: () => Promise<void>;
};

/** Starts the configured listeners (ports from the arguments or the environment); none when neither port is set. */
export async function startDeviceCheckServers(
  opts: {
    tlsPort?: number;
    proxyPort?: number;
    host?: string;
    tlsCert?: string;
    tlsKey?: string;
    serverNames?: string[];
  } = {},
): Promise<DeviceCheckServers> {
  const e = env();
  const host = opts.host ?? e.PORTCULLIS_DEVICE_CHECK_HOST;
  const tlsPort = opts.tlsPort ?? e.PORTCULLIS_DEVICE_CHECK_TLS_PORT;
  const proxyPort = opts.proxyPort ?? e.PORTCULLIS_DEVICE_CHECK_PROXY_PORT;
  const servers: (http.Server | https.Server)[] = [];
  const out: DeviceCheckServers = {
    close: () => Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r())))).then(() => undefined),
  };
  const listen = (s: http.Server | https.Server, port: number) =>
    new Promise<number>((resolve, reject) => {
      s.once("error", reject);
      s.listen(port, host, () => resolve((s.address() as AddressInfo).port));
    });
  if (tlsPort !== undefined) {
    const ca = await ensureDeviceCa();
    let cert =
      opts.tlsCert ??
      (e.PORTCULLIS_DEVICE_CHECK_TLS_CERT ? readFileSync(e.PORTCULLIS_DEVICE_CHECK_TLS_CERT, "utf8") : undefined);
    let key =
      opts.tlsKey ??
      (e.PORTCULLIS_DEVICE_CHECK_TLS_KEY ? readFileSync(e.PORTCULLIS_DEVICE_CHECK_TLS_KEY, "utf8") : undefined);
    if (!cert || !key) {
      const row = await findActiveDeviceCaWithKey();
      const settings = await getDeviceCheckSettings();
      const names = opts.serverNames ?? [
        ...new Set(
          [settings.deviceCheckUrl ? new URL(settings.deviceCheckUrl).hostname : null, "localhost", "127.0.0.1"].filter(
            (n): n is string => !!n,
          ),
        ),
      ];
      const issued = issueServerCertificate(
        {
          certificatePem: row!.certificatePem,
          privateKeyPem: unsealSecret(row!.privateKeySealed, `device-ca:${row!.id}`),
        },
        names,
      );
      cert = issued.certificatePem;
      key = issued.privateKeyPem;
    }
    // requestCert: the browser offers a certificate issued by our CA (the CA list is sent in
    // the handshake); rejectUnauthorized false: no certificate still gets an answer (not identified).
    const s = https.createServer(
      { cert, key, ca: [ca.certificatePem], requestCert: true, rejectUnauthorized: false, minVersion: "TLSv1.2" },
      nodeHandler("tls"),
    );
    s.headersTimeout = 10_000;
    s.requestTimeout = 15_000;
    servers.push(s);
    out.tls = { port: await listen(s, tlsPort), caCertificatePem: ca.certificatePem };
  }
  if (proxyPort !== undefined) {
    const s = http.createServer({ maxHeaderSize: 32 * 1024 }, nodeHandler("proxy"));
    s.headersTimeout = 10_000;
    s.requestTimeout = 15_000;
    servers.push(s);
    out.proxy = { port: await listen(s, proxyPort) };
  }
  if (servers.length)
    console.info(
      JSON.stringify({
        at: "endpoints.device_check",
        event: "listening",
        host,
        tlsPort: out.tls?.port ?? null,
        proxyPort: out.proxy?.port ?? null,
      }),
    );
  return out;
}
