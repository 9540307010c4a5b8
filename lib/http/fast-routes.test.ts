// The server's own door for the SAML endpoints (./fast-routes.mjs) on a real loopback socket,
// behind the request wiring as server.mjs runs it; a stand-in for Next answers what it declines.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER } from "./client-address.mjs";
import { answerFast, provideFastRoutes, type FastRequest } from "./fast-routes.mjs";
import { provideHttpPolicy } from "./http-policy.mjs";
import { createRequestWiring, HSTS_VALUE } from "./request-wiring.mjs";
import { SECURITY_HEADERS } from "./security-headers.mjs";

const servers: http.Server[] = [];
afterEach(async () => {
  provideFastRoutes(undefined as never);
  provideHttpPolicy(undefined as never);
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function start() {
  const wire = createRequestWiring({});
  const server = http.createServer((req, res) => {
    void wire(req, res).then(async () => {
      if (await answerFast(req, res)) return;
      res.setHeader("Content-Type", "text/plain");
      res.end("next");
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("the server's door for the SAML endpoints", () => {
  it("answers what the registered function takes, with every answer's headers, and leaves the rest to Next", async () => {
    const seen: FastRequest[] = [];
    provideFastRoutes((req) => {
      seen.push(req);
      if (!req.url.startsWith("/saml2/")) return null;
      return Promise.resolve({
        status: 303,
        headers: [
          ["Location", "/next"],
          ["Set-Cookie", "a=1; Path=/"],
          ["Set-Cookie", "b=2; Path=/"],
        ],
        body: "é",
      });
    });
    provideHttpPolicy(async () => ({ https: true, formActionOrigins: [] }));
    const base = await start();

    const answered = await fetch(`${base}/saml2/idp/k/sso?x=1`, {
      redirect: "manual",
      headers: { "X-Forwarded-For": "203.0.113.9", Cookie: "pc_sso=abc" },
    });
    expect(answered.status).toBe(303);
    expect(answered.headers.get("location")).toBe("/next");
    expect(answered.headers.getSetCookie()).toEqual(["a=1; Path=/", "b=2; Path=/"]);
    for (const { key, value } of SECURITY_HEADERS) expect(answered.headers.get(key)).toBe(value);
    expect(answered.headers.get("strict-transport-security")).toBe(HSTS_VALUE); // set by the wiring, kept
    expect(answered.headers.get("content-length")).toBe("2"); // bytes, not characters
    expect(await answered.text()).toBe("é");
    // The function saw the request after the wiring: the client address from the socket, not the header.
    const req = seen.at(-1)!;
    expect(req).toMatchObject({ method: "GET", url: "/saml2/idp/k/sso?x=1" });
    expect(req.header(CLIENT_ADDRESS_HEADER)).toBe("127.0.0.1");
    expect(req.header("cookie")).toBe("pc_sso=abc");
    expect(req.header("x-absent")).toBeNull();

    const declined = await fetch(`${base}/sso/login`);
    expect(await declined.text()).toBe("next");
  });

  it("leaves everything to Next before a function is registered", async () => {
    const base = await start();
    expect(await (await fetch(`${base}/saml2/idp/k/metadata`)).text()).toBe("next");
  });
});
