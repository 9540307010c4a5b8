// A stand-in for Cisco Secure Endpoint's cloud API v1 on loopback (the vendor's cloud is not
// reachable here), speaking its documented wire format: HTTP Basic auth with the 3rd Party
// API Client ID and API key; { version, metadata, data } envelopes; errors as
// { version, metadata, errors: [{ error_code, description, details }], data: {} }.
//   GET /v1/version
//   GET /v1/computers[?limit=N][&hostname[]=h ...]
//   GET /v1/computers/{connector_guid}
// Used by the vitest suites and by Playwright (e2e/support/fake-cisco.ts).
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export type FakeComputer = {
  connector_guid: string;
  hostname: string;
  operating_system: string;
  is_compromised: boolean;
  last_seen: string;
};

export type FakeCisco = {
  url: string;
  clientId: string;
  apiKey: string;
  computers: FakeComputer[];
  /** Requests seen (method and path with query), oldest first. */
  requests: string[];
  /** Delays every answer (to test timeouts). */
  delayMs: number;
  addComputer(hostname: string, opts?: { compromised?: boolean; os?: string; guid?: string }): FakeComputer;
  setCompromised(hostnameOrGuid: string, compromised: boolean): void;
  close(): Promise<void>;
};

const VERSION = "v1.2.0";

export async function startFakeCisco(
  opts: { port?: number; host?: string; clientId?: string; apiKey?: string } = {},
): Promise<FakeCisco> {
  const host = opts.host ?? "127.0.0.1";
  const state: Omit<FakeCisco, "url" | "close"> & { url: string } = {
    url: "",
    clientId: opts.clientId ?? "a1b2c3d4e5f6a7b8c9d0",
    apiKey: opts.apiKey ?? "6a7c1f4e-1111-4c2b-9d3e-0123456789ab",
    computers: [],
    requests: [],
    delayMs: 0,
    addComputer(hostname, o = {}) {
      const c: FakeComputer = {
        connector_guid: o.guid ?? randomUUID(),
        hostname,
        operating_system: o.os ?? "Windows 11 Enterprise",
        is_compromised: !!o.compromised,
        last_seen: new Date().toISOString(),
      };
      state.computers.push(c);
      return c;
    },
    setCompromised(key, compromised) {
      const c = state.computers.find((x) => x.connector_guid === key || x.hostname.toLowerCase() === key.toLowerCase());
      if (!c) throw new Error(`fake Cisco: no computer ${key}`);
      c.is_compromised = compromised;
    },
  };

  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Length": Buffer.byteLength(text),
    });
    res.end(text);
  };
  const meta = (self: string, results?: { total: number; count: number }) => ({
    links: { self },
    ...(results && {
      results: { total: results.total, current_item_count: results.count, index: 0, items_per_page: 500 },
    }),
  });
  const fail = (res: http.ServerResponse, self: string, status: number, description: string, details: string[]) =>
    send(res, status, {
      version: VERSION,
      metadata: meta(self),
      errors: [{ error_code: status, description, details }],
      data: {},
    });
  const view = (c: FakeComputer, base: string) => ({
    connector_guid: c.connector_guid,
    hostname: c.hostname,
    active: true,
    connector_version: "8.4.0.30201",
    operating_system: c.operating_system,
    internal_ips: ["10.0.0.23"],
    external_ip: "203.0.113.7",
    group_guid: "b077d6bc-bbdf-42f7-8838-a06053fbd98a",
    install_date: "2026-01-05T10:00:00Z",
    is_compromised: c.is_compromised,
    isolation: { available: true, status: "not_isolated" },
    last_seen: c.last_seen,
    links: { computer: `${base}/v1/computers/${c.connector_guid}` },
  });

  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? "/", state.url || "http://127.0.0.1");
    state.requests.push(`${req.method} ${u.pathname}${u.search}`);
    const self = `${state.url}${u.pathname}${u.search}`;
    const answer = () => {
      if (req.method !== "GET")
        return fail(res, self, 405, "Method Not Allowed", [`${req.method} is not supported here`]);
      if (u.pathname === "/v1/version") return send(res, 200, { version: VERSION, metadata: meta(self), data: {} });
      const m = /^Basic (.+)$/.exec(req.headers.authorization ?? "");
      const [id, ...rest] = m ? Buffer.from(m[1]!, "base64").toString("utf8").split(":") : [];
      if (id !== state.clientId || rest.join(":") !== state.apiKey)
        return fail(res, self, 401, "Unauthorized", ["Unknown API key or Client ID"]);
      if (u.pathname === "/v1/computers" || u.pathname === "/v1/computers/") {
        const hosts = u.searchParams.getAll("hostname[]").map((h) => h.toLowerCase());
        let list = hosts.length
          ? state.computers.filter((c) => hosts.some((h) => c.hostname.toLowerCase().startsWith(h)))
          : state.computers;
        const total = list.length;
        const limit = Number(u.searchParams.get("limit") ?? "500");
        if (!Number.isInteger(limit) || limit < 1 || limit > 500)
          return fail(res, self, 400, "Bad Request", ["limit must be an integer between 1 and 500"]);
        list = list.slice(0, limit);
        return send(res, 200, {
          version: VERSION,
          metadata: meta(self, { total, count: list.length }),
          data: list.map((c) => view(c, state.url)),
        });
      }
      const one = /^\/v1\/computers\/([A-Za-z0-9-]+)$/.exec(u.pathname);
      if (one) {
        const c = state.computers.find((x) => x.connector_guid === one[1]);
        if (!c) return fail(res, self, 404, "Not Found", [`connector_guid ${one[1]} not found`]);
        return send(res, 200, { version: VERSION, metadata: meta(self), data: view(c, state.url) });
      }
      return fail(res, self, 404, "Not Found", ["Unknown resource"]);
    };
    if (state.delayMs > 0) setTimeout(answer, state.delayMs).unref();
    else answer();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  state.url = `http://${host}:${(server.address() as AddressInfo).port}`;
  return Object.assign(state, {
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
