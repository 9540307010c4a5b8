#!/usr/bin/env node
// The Portcullis server: Next's request handler behind a small Node server that owns what
// Next cannot — the client address from the socket (proxy headers only from configured
// proxies), the nonce-based Content-Security-Policy and HSTS (lib/http/request-wiring.mjs),
// and an optional HTTPS listener. `npm start`, `npm run demo`, `npm run dev` and the e2e server
// run it through scripts/start.mjs:
//
//   node server.mjs [--dev]
//
// Every core: in production the process is a node:cluster primary that forks
// PORTCULLIS_WORKERS workers (default: one per core) and serves nothing itself; each worker is
// a full Portcullis (startPortcullisServer) on the same ports (the primary owns the listening
// sockets and hands connections to the workers in turn). Workers share the database and keep
// their caches consistent through it (lib/services/config-sync.ts). Worker 1 alone runs the
// once-per-server jobs (purge, device check listeners, first-run setup code; see
// instrumentation.ts): the primary loads no Next code, and a worker that dies is forked again
// with the same index, so the jobs come back with it. With one worker, or `--dev`, there is no
// primary: the process serves directly. On SQLite the primary (or, with no primary, a thread of
// the one process) also checkpoints the WAL, off the request path (lib/db/wal-checkpointer.mjs).
import cluster from "node:cluster";
import http from "node:http";
import https from "node:https";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { CHECKPOINTER_ENV } from "./lib/db/sqlite-file.mjs";
import { startWalCheckpointer } from "./lib/db/wal-checkpointer.mjs";
import { markClientAddressServer } from "./lib/http/client-address.mjs";
import { answerFast } from "./lib/http/fast-routes.mjs";
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
      .then(async () => {
        // The SSO endpoint by HTTP-Redirect and the metadata URL: answered here, not by Next's
        // pipeline (lib/http/fast-routes.mjs). Under --dev, Next answers everything.
        if (!dev && (await answerFast(req, res))) return;
        return handle(req, res);
      })
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

/** The cluster primary: forks the workers, forks again any that dies, stops them all on a signal. */
function runPrimary(config) {
  const count = config.workers;
  const byIndex = new Map();
  const ready = new Set();
  let stopping = false;
  let announced = false;
  const fork = (index) => {
    const worker = cluster.fork({ PORTCULLIS_WORKER_INDEX: String(index) });
    byIndex.set(index, worker);
    worker.on("message", (m) => {
      if (relayConfigChange(index, m)) return;
      if (m?.type !== "portcullis:ready") return;
      ready.add(index);
      if (!announced && ready.size === count) {
        announced = true;
        const where = config.host ?? "all interfaces";
        console.log(`[server] listening on http port ${m.httpPort} (${where}) with ${count} workers`);
        if (m.httpsPort) console.log(`[server] listening on https port ${m.httpsPort} (${where})`);
        if (config.trustedProxies.length)
          console.log(`[server] trusted proxies (${config.proxyHeader}): ${config.trustedProxies.join(", ")}`);
      }
    });
    worker.on("exit", (code, signal) => {
      if (byIndex.get(index) === worker) byIndex.delete(index);
      if (stopping) {
        if (byIndex.size === 0) process.exit(0);
        return;
      }
      if (!ready.has(index)) {
        // It never served: the same start would fail again (a port in use, a bad setting).
        console.error(`[server] worker ${index} failed to start (${signal ?? `exit ${code}`}); stopping`);
        stop(1);
        return;
      }
      ready.delete(index);
      console.error(`[server] worker ${index} exited (${signal ?? `exit ${code}`}); starting it again`);
      setTimeout(() => !stopping && fork(index), 1_000).unref();
    });
  };
  // A configuration change in one worker (lib/services/config-sync.ts): every other worker
  // clears its caches, then the worker that changed it is told, so its save returns only when
  // the whole server has the change. A worker that does not answer within 2 s is not waited for.
  const relays = new Map(); // id -> { from, waiting: Set<index>, timer }
  const finishRelay = (id) => {
    const relay = relays.get(id);
    if (!relay) return;
    relays.delete(id);
    clearTimeout(relay.timer);
    const origin = byIndex.get(relay.from);
    if (origin?.isConnected()) origin.send({ type: "portcullis:config-changed-done", id });
  };
  function relayConfigChange(from, m) {
    if (m?.type === "portcullis:config-cleared" && typeof m.id === "string") {
      const relay = relays.get(m.id);
      relay?.waiting.delete(from);
      if (relay && relay.waiting.size === 0) finishRelay(m.id);
      return true;
    }
    if (m?.type !== "portcullis:config-changed" || typeof m.id !== "string") return false;
    const waiting = new Set();
    for (const [i, w] of byIndex) {
      if (i === from || !w.isConnected()) continue;
      waiting.add(i);
      w.send({ type: "portcullis:config-clear", id: m.id, token: m.token });
    }
    relays.set(m.id, { from, waiting, timer: setTimeout(() => finishRelay(m.id), 2_000).unref() });
    if (waiting.size === 0) finishRelay(m.id);
    return true;
  }
  const stop = (exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(exitCode), 8_000).unref();
    if (byIndex.size === 0) process.exit(exitCode);
    for (const w of byIndex.values()) w.process.kill("SIGTERM");
  };
  for (let i = 1; i <= count; i++) fork(i);
  for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => stop(0));
  process.on("SIGHUP", () => {
    for (const w of byIndex.values()) w.process.kill("SIGHUP");
  });
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
  const primary = cluster.isPrimary && !dev && config.workers > 1;
  // SQLite: the WAL is checkpointed in the background (lib/db/wal-checkpointer.mjs), by the
  // primary or, with no primary, by a thread of this process; its connections and the workers'
  // (which inherit the variable) leave the checkpoint to it.
  if (cluster.isPrimary && process.env.DATABASE_URL?.startsWith("file:")) {
    process.env[CHECKPOINTER_ENV] = "background";
    startWalCheckpointer({ databaseUrl: process.env.DATABASE_URL, thread: !primary });
  }
  if (primary) {
    runPrimary(config);
    return;
  }
  const server = await startPortcullisServer({ dev, config });
  if (cluster.isWorker) {
    process.send?.({ type: "portcullis:ready", httpPort: server.httpPort, httpsPort: server.httpsPort });
  } else {
    const where = config.host ?? "all interfaces";
    console.log(`[server] listening on http port ${server.httpPort} (${where})`);
    if (server.httpsPort) console.log(`[server] listening on https port ${server.httpsPort} (${where})`);
    if (config.trustedProxies.length)
      console.log(`[server] trusted proxies (${config.proxyHeader}): ${config.trustedProxies.join(", ")}`);
  }

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
