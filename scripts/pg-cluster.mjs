// A throwaway PostgreSQL cluster for tests, migration checks and benchmarks: initdb + pg_ctl
// into a temporary folder, listening only on 127.0.0.1 on a free port, trust authentication,
// no durability (fsync off: nothing here outlives the run). Run as root, the server runs as
// the `postgres` user (initdb refuses root). `stop()` ends it and removes the folder; it is
// also stopped when this process exits.
//
//   import { startCluster } from "./pg-cluster.mjs";
//   const pg = await startCluster();      // { port, url(db), adminUrl, stop() }
//
// Binaries: $PORTCULLIS_PG_BINDIR, else the newest /usr/lib/postgresql/<version>/bin (Debian's
// `postgresql` package), else initdb/pg_ctl on PATH.
// Port: a free one from $PORTCULLIS_PG_PORTS ("4500-4599") when set, else one the OS picks.
import { execFileSync, spawnSync } from "node:child_process";
import { appendFileSync, chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export function pgBinDir() {
  if (process.env.PORTCULLIS_PG_BINDIR) return process.env.PORTCULLIS_PG_BINDIR;
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => existsSync(path.join(debian, v, "bin", "initdb")))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length) return path.join(debian, versions[0], "bin");
  }
  const which = spawnSync("sh", ["-c", "command -v initdb"], { encoding: "utf8" });
  if (which.status === 0 && which.stdout.trim()) return path.dirname(which.stdout.trim());
  return null;
}

export function pgAvailable() {
  return pgBinDir() !== null;
}

function portFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });
}

async function freePort() {
  const range = process.env.PORTCULLIS_PG_PORTS;
  if (range) {
    const [lo, hi] = range.split("-").map(Number);
    const start = lo + Math.floor(Math.random() * (hi - lo + 1));
    for (let i = 0; i <= hi - lo; i++) {
      const p = lo + ((start - lo + i) % (hi - lo + 1));
      if (await portFree(p)) return p;
    }
    throw new Error(`no free port in PORTCULLIS_PG_PORTS=${range}`);
  }
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const asRoot = typeof process.getuid === "function" && process.getuid() === 0;

/** Runs a PostgreSQL binary, as the postgres user when we are root. */
function pgExec(bin, args, opts = {}) {
  const file = path.join(pgBinDir(), bin);
  const [cmd, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", file, ...args]] : [file, args];
  return execFileSync(cmd, argv, { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8", ...opts });
}

/**
 * Starts a cluster. `settings` are extra postgresql.conf lines (e.g. { shared_buffers: "512MB" }).
 * The default collation is ICU's en-US (what a production database typically has), so a query
 * that silently depends on byte order shows up in tests.
 */
export async function startCluster({ settings = {}, prefix = "portcullis-pg-" } = {}) {
  const bindir = pgBinDir();
  if (!bindir)
    throw new Error(
      "PostgreSQL is not installed (no initdb): on Debian `apt-get install -y --no-install-recommends postgresql`, or set PORTCULLIS_PG_BINDIR.",
    );
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const data = path.join(dir, "data");
  const icu = spawnSync(path.join(bindir, "initdb"), ["--help"], { encoding: "utf8" }).stdout.includes("icu-locale");
  const ids = asRoot ? [Number(pgExecId("-u")), Number(pgExecId("-g"))] : null;
  if (ids) chownSync(dir, ids[0], ids[1]);
  pgExec("initdb", [
    "-D",
    data,
    "-U",
    "postgres",
    "--auth=trust",
    "--encoding=UTF8",
    "--no-sync",
    ...(icu ? ["--locale-provider=icu", "--icu-locale=en-US", "--locale=C.UTF-8"] : ["--locale=C.UTF-8"]),
  ]);
  const port = await freePort();
  const conf = {
    listen_addresses: "'127.0.0.1'",
    port,
    unix_socket_directories: `'${dir}'`,
    fsync: "off",
    synchronous_commit: "off",
    full_page_writes: "off",
    max_connections: 300,
    shared_buffers: "128MB",
    log_min_messages: "warning",
    ...settings,
  };
  appendFileSync(
    path.join(data, "postgresql.conf"),
    "\n# scripts/pg-cluster.mjs\n" +
      Object.entries(conf)
        .map(([k, v]) => `${k} = ${v}\n`)
        .join(""),
  );
  try {
    pgExec("pg_ctl", ["-D", data, "-l", path.join(dir, "server.log"), "-w", "-t", "60", "start"]);
  } catch (e) {
    const log = existsSync(path.join(dir, "server.log")) ? readFileSync(path.join(dir, "server.log"), "utf8") : "";
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`PostgreSQL did not start: ${e.message}\n${log}`);
  }
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    process.removeListener("exit", stop);
    try {
      pgExec("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
    } catch {
      // already gone
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.on("exit", stop);
  const url = (db = "postgres") => `postgresql://postgres@127.0.0.1:${port}/${db}`;
  return { dir, port, url, adminUrl: url("postgres"), stop };
}

function pgExecId(flag) {
  return execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim();
}

// CLI: `node scripts/pg-cluster.mjs` starts one and prints its URL until Ctrl-C (for trying
// the product on PostgreSQL: DATABASE_URL=<url> npm start).
if (import.meta.url === `file://${process.argv[1]}`) {
  const pg = await startCluster();
  console.log(`PostgreSQL ${path.basename(path.dirname(pgBinDir()))} on port ${pg.port}: ${pg.url("postgres")}`);
  console.log(`  psql ${pg.url("postgres")}   (Ctrl-C stops it and removes ${pg.dir})`);
  for (const sig of ["SIGINT", "SIGTERM"])
    process.on(sig, () => {
      pg.stop();
      process.exit(0);
    });
  setInterval(() => {}, 1 << 30);
}
