// A minimal reverse proxy on loopback for the client-address tests: it forwards every request
// to the Portcullis server from a chosen source address (127.0.0.2, which the e2e server lists
// in PORTCULLIS_TRUSTED_PROXIES) and appends the address it "saw" the client come from to
// X-Forwarded-For, as nginx's $proxy_add_x_forwarded_for does. The Host header is passed on
// unchanged, so the browser stays on the proxy's origin.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type ReverseProxy = { origin: string; requests: number; stop: () => Promise<void> };

export async function startReverseProxy(opts: {
  /** The Portcullis server, e.g. http://127.0.0.1:3100. */
  target: string;
  /** Source address of the proxy's connections to the server. */
  sourceAddress: string;
  /** The client address the proxy reports (appended to X-Forwarded-For). */
  clientAddress: string;
}): Promise<ReverseProxy> {
  const target = new URL(opts.target);
  const state = { requests: 0 };
  const server = http.createServer((req, res) => {
    state.requests++;
    const headers = { ...req.headers };
    const prior = req.headers["x-forwarded-for"];
    headers["x-forwarded-for"] = [prior, opts.clientAddress].filter(Boolean).join(", ");
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        localAddress: opts.sourceAddress,
        method: req.method,
        path: req.url,
        headers,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.rawHeaders);
        up.pipe(res);
      },
    );
    upstream.on("error", () => {
      if (!res.headersSent) res.writeHead(502, { "Content-Type": "text/plain" });
      res.end("Bad gateway");
    });
    req.pipe(upstream);
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    get requests() {
      return state.requests;
    },
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
