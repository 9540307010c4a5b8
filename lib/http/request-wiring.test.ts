// The server's request wiring on a real loopback socket, with a stand-in for Next's handler
// that echoes the headers it was given.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER } from "./client-address.mjs";
import { provideHttpPolicy } from "./http-policy.mjs";
import { contentSecurityPolicy, createRequestWiring, HSTS_VALUE } from "./request-wiring.mjs";

type Seen = { headers: http.IncomingHttpHeaders; raw: string[] };

const servers: http.Server[] = [];
afterEach(async () => {
  provideHttpPolicy(undefined as never);
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function start(config: Parameters<typeof createRequestWiring>[0]) {
  const wire = createRequestWiring(config);
  const server = http.createServer((req, res) => {
    void wire(req, res).then(() => {
      res.setHeader("Content-Type", "application/json");
      res.end(JSON.stringify({ headers: req.headers, raw: req.rawHeaders } satisfies Seen));
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A request from a chosen loopback source address (127.0.0.2 plays the reverse proxy). */
function request(url: string, path: string, headers: Record<string, string>, localAddress = "127.0.0.1") {
  return new Promise<{ seen: Seen; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const req = http.get(`${url}${path}`, { headers, localAddress }, (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ seen: JSON.parse(body) as Seen, headers: res.headers }));
    });
    req.on("error", reject);
  });
}

const SPOOF = {
  "X-Forwarded-For": "203.0.113.7",
  Forwarded: "for=203.0.113.7",
  "X-Real-IP": "203.0.113.7",
  "True-Client-IP": "203.0.113.7",
  "X-Portcullis-Client-Address": "203.0.113.7",
  "X-Forwarded-Host": "evil.example",
  "X-Forwarded-Proto": "https",
  "Content-Security-Policy": "script-src 'nonce-chosen-by-client'",
};

describe("request wiring", () => {
  it("strips every address header of an untrusted peer and sets the socket's address", async () => {
    const url = await start({ trustedProxies: ["127.0.0.2"] });
    const { seen } = await request(url, "/saml2/idp/x/sso", SPOOF);
    expect(seen.headers[CLIENT_ADDRESS_HEADER]).toBe("127.0.0.1");
    expect(seen.headers["x-forwarded-for"]).toBe("127.0.0.1");
    for (const h of ["forwarded", "x-real-ip", "true-client-ip", "x-forwarded-host", "content-security-policy"])
      expect(seen.headers[h], h).toBeUndefined();
    expect(seen.headers["x-forwarded-proto"]).toBe("http");
    const rawNames = seen.raw.filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase());
    expect(rawNames).not.toContain("forwarded");
    expect(rawNames).not.toContain("x-real-ip");
    expect(rawNames).not.toContain("x-portcullis-client-address");
  });

  it("honours a trusted proxy's chain, host and protocol", async () => {
    const url = await start({ trustedProxies: ["127.0.0.2"] });
    const { seen } = await request(
      url,
      "/sso/login",
      {
        "X-Forwarded-For": "198.51.100.1, 203.0.113.7",
        "X-Forwarded-Host": "sso.example.com",
        "X-Forwarded-Proto": "https",
      },
      "127.0.0.2",
    );
    expect(seen.headers[CLIENT_ADDRESS_HEADER]).toBe("203.0.113.7");
    expect(seen.headers["x-forwarded-for"]).toBe("203.0.113.7");
    expect(seen.headers["x-forwarded-host"]).toBe("sso.example.com");
    expect(seen.headers["x-forwarded-proto"]).toBe("https");
  });

  it("leaves the address unknown when a trusted proxy's chain is malformed", async () => {
    const url = await start({ trustedProxies: ["127.0.0.2"] });
    const { seen } = await request(url, "/", { "X-Forwarded-For": "garbage" }, "127.0.0.2");
    expect(seen.headers[CLIENT_ADDRESS_HEADER]).toBeUndefined();
    expect(seen.headers["x-forwarded-for"]).toBeUndefined();
  });

  it("gives /sso and /admin a fresh nonce policy, and Next the same nonce in the request", async () => {
    const url = await start({});
    const a = await request(url, "/sso/login", SPOOF);
    const b = await request(url, "/admin", {});
    const csp = a.headers["content-security-policy"] as string;
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]{22}==' 'strict-dynamic'/);
    expect(csp).not.toContain("unsafe-inline' 'nonce");
    expect(csp.split("; ").find((d) => d.startsWith("script-src"))).not.toContain("unsafe");
    expect(a.seen.headers["content-security-policy"]).toBe(csp);
    expect(b.headers["content-security-policy"]).not.toBe(csp);
    for (const path of ["/saml2/idp/x/metadata", "/ssox", "/_next/static/a.js", "/api/auth/session"]) {
      const r = await request(url, path, {});
      expect(r.headers["content-security-policy"], path).toBeUndefined();
    }
  });

  it("adds form-action origins and HSTS from the application's policy", async () => {
    const url = await start({});
    expect((await request(url, "/sso/login", {})).headers["strict-transport-security"]).toBeUndefined();
    provideHttpPolicy(async () => ({
      https: true,
      formActionOrigins: ["https://device.example.com:8443", "bad origin"],
    }));
    const r = await request(url, "/sso/login", {});
    expect(r.headers["strict-transport-security"]).toBe(HSTS_VALUE);
    expect(r.headers["content-security-policy"]).toContain("form-action 'self' https://device.example.com:8443");
    expect(r.headers["content-security-policy"]).not.toContain("bad origin");
    expect((await request(url, "/saml2/idp/x/metadata", {})).headers["strict-transport-security"]).toBe(HSTS_VALUE);
  });

  it("lets only the IdP-initiated logout pages (and the console, which navigates to one client-side) frame the SPs' Single Logout origins", async () => {
    const url = await start({});
    provideHttpPolicy(async () => ({
      https: false,
      formActionOrigins: [],
      logoutFrameOrigins: ["https://sp.example.com", "javascript:alert(1)"],
    }));
    const frameSrc = (csp: string | string[] | undefined) =>
      String(csp)
        .split("; ")
        .find((d) => d.startsWith("frame-src"));
    for (const path of ["/sso/signing-out?run=x", "/admin/users/u1/sessions?run=x", "/admin/users/u1", "/admin"])
      expect(frameSrc((await request(url, path, {})).headers["content-security-policy"]), path).toBe(
        "frame-src 'self' https://sp.example.com",
      );
    for (const path of ["/sso/login", "/sso/portal", "/sso/signing-outx", "/sso/verify"])
      expect(frameSrc((await request(url, path, {})).headers["content-security-policy"]), path).toBe(
        "frame-src 'self'",
      );
  });

  it("allows eval only in development", () => {
    expect(contentSecurityPolicy({ nonce: "n" })).not.toContain("unsafe-eval");
    expect(contentSecurityPolicy({ nonce: "n", dev: true })).toContain("'unsafe-eval'");
  });
});
