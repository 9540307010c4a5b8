#!/usr/bin/env node
// The Portcullis server: Next's request handler behind a small Node server that owns what
// Next cannot — the client address from the socket (proxy headers only from configured
// proxies), the nonce-based Content-Security-Policy and HSTS (lib/http/request-wiring.mjs),
// and an optional HTTPS listener. `npm start`, `npm run demo`, `npm run dev` and the e2e server
// run it through scripts/start.mjs:
//
//   node server.mjs [--dev]
//
// startPortcullisServer() is the unit a process runs; a cluster primary can fork one worker
// per core that each call it on the same ports (node:cluster shares the listening sockets).
// Nothing here is process-global beyond the marker that this process sets the client address.
import http from "node:http";
import https from "node:https";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { markClientAddressServer } from "./lib/http/client-address.mjs";
import { createRequestWiring } from "./lib/http/request-wiring.mjs";
import { readTlsFiles, serverConfigFrom, ServerConfigError } from "./lib/http/server-config.mjs";

const root = path.dirname(fileURLToPath(import.meta.url));

function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server.address().port);
    });
  });
}

/**
 * Prepares Next and starts the listeners. Options: dev (next dev), dir (the app), config
 * (lib/http/server-config.mjs; from the environment by default).
 * Returns { httpPort, httpsPort, close(), reloadTls() }.
 */
export async function startPortcullisServer({ dev = false, dir = root, config = serverConfigFrom(process.env) } = {}) {
  markClientAddressServer();
  const { default: next } = await import("next");
  const app = next({ dev, dir, port: config.port, hostname: config.host });
  const handle = app.getRequestHandler();
  await app.prepare();

  const wire = createRequestWiring({ trustedProxies: config.trustedProxies, proxyHeader: config.proxyHeader, dev });
  const onRequest = (req, res) => {
    wire(req, res)
      .then(() => handle(req, res))
      .catch((e) => {
        console.error("[server] request failed", e);
        if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
        res.end("Internal Server Error");
      });
  };

  const servers = [];
  const httpServer = http.createServer(onRequest);
  servers.push(httpServer);
  const httpPort = await listen(httpServer, config.port, config.host);

  let httpsServer = null;
  let httpsPort = null;
  if (config.tls) {
    httpsServer = https.createServer({ ...readTlsFiles(config.tls.certPath, config.tls.keyPath) }, onRequest);
    servers.push(httpsServer);
    httpsPort = await listen(httpsServer, config.tls.port, config.host);
  }

  return {
    httpPort,
    httpsPort,
    /** Reads the certificate files again (after a renewal); new connections use them. */
    reloadTls() {
      if (httpsServer) httpsServer.setSecureContext(readTlsFiles(config.tls.certPath, config.tls.keyPath));
    },
    async close() {
      await Promise.all(
        servers.map(
          (s) =>
            new Promise((resolve) => {
              s.close(() => resolve());
              s.closeIdleConnections();
            }),
        ),
      );
      await app.close?.();
    },
  };
}

async function main() {
  const dev = process.argv.includes("--dev");
  process.env.NODE_ENV ??= dev ? "development" : "production";
  let config;
  try {
    config = serverConfigFrom(process.env);
  } catch (e) {
    if (e instanceof ServerConfigError) {
      console.error(`\n  Portcullis cannot start: ${e.message}\n  See README.md "Configuration".\n`);
      process.exit(1);
    }
    throw e;
  }
  const server = await startPortcullisServer({ dev, config });
  const where = config.host ?? "all interfaces";
  console.log(`[server] listening on http port ${server.httpPort} (${where})`);
  if (server.httpsPort) console.log(`[server] listening on https port ${server.httpsPort} (${where})`);
  if (config.trustedProxies.length)
    console.log(`[server] trusted proxies (${config.proxyHeader}): ${config.trustedProxies.join(", ")}`);

  process.on("SIGHUP", () => {
    try {
      server.reloadTls();
      console.log("[server] TLS certificate reloaded");
    } catch (e) {
      console.error(`[server] TLS certificate not reloaded: ${e.message}`);
    }
  });
  let stopping = false;
  for (const sig of ["SIGINT", "SIGTERM"]) {
    process.on(sig, () => {
      if (stopping) return;
      stopping = true;
      setTimeout(() => process.exit(0), 5_000).unref();
      server.close().then(
        () => process.exit(0),
        () => process.exit(0),
      );
    });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((e) => {
    console.error("[server] failed to start", e);
    process.exit(1);
  });
}
