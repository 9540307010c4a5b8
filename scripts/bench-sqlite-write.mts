// bench:sqlite-write — the sign-in round trip's one write on SQLite, with SQLite's default WAL
// checkpoint (the baseline: the connection whose commit takes the WAL past 1,000 pages copies it
// into the database file then and there, on the request path) against the server's
// (lib/db/wal-checkpointer.mjs: its connections leave that to a background thread), in
// alternating blocks of the same run on the same migrated database.
//
// Each round trip is the real statements (lib/db/sign-in-state.ts ssoRoundTripSteps through
// lib/db/fast-sql.ts): replay entry, session participant, Authentication Log row, and the two
// SAML trace entries with messages of a real round trip's size (a 1.1 KB AuthnRequest, a 6.5 KB
// signed Response). Writes are paced at --rate round trips/s (default 700, the target for
// the server), in 10 ms bursts. Printed per mode: the write's time on the calling thread (the
// write is synchronous, so this is how long a worker's event loop is held: p50/p99/max and mean),
// the process's CPU per round trip (every thread: the checkpointer's too); then the ratios. The
// header gives the WAL pages one round trip writes.
//
//   npm run bench:sqlite-write [-- --round-trips 3000 --blocks 6 --rate 700]
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import Database from "libsql";
import { benchDatabase, benchProvider } from "./bench/database.mts";

const { values: args } = parseArgs({
  options: {
    "round-trips": { type: "string", default: "3000" },
    blocks: { type: "string", default: "6" },
    rate: { type: "string", default: "700" },
  },
});
const PER_BLOCK = Math.max(100, Number(args["round-trips"]));
const BLOCKS = Math.max(2, Number(args.blocks));
const RATE = Math.max(10, Number(args.rate));
if (benchProvider !== "sqlite")
  throw new Error("bench:sqlite-write measures SQLite's WAL; PostgreSQL has no such checkpoint");

const bench = await benchDatabase("portcullis-bench-write-");
try {
  const { SqliteFastSql, sqlitePathOf } = await import("../lib/db/fast-sql");
  const { ssoRoundTripSteps } = await import("../lib/db/sign-in-state");
  const { CHECKPOINTER_ENV } = await import("../lib/db/sqlite-file.mjs");
  const { startWalCheckpointer } = await import("../lib/db/wal-checkpointer.mjs");
  const { insertUser } = await import("../lib/db/users");
  const { createSsoSession } = await import("../lib/login/session");
  const { insertBenchApp } = await import("./bench-server.mts");

  const app = await insertBenchApp();
  const user = await insertUser({ username: "bench", email: "bench@example.com", realName: "Bench User" });
  const session = await createSsoSession(user.id, { pwd: Date.now() });
  const file = sqlitePathOf(bench.url);
  const sessionId = session.id;

  // Each mode's connection gets its pragmas when it opens (lib/db/libsql-connections.ts).
  const open = async (background: boolean) => {
    if (background) process.env[CHECKPOINTER_ENV] = "background";
    else delete process.env[CHECKPOINTER_ENV];
    const c = new SqliteFastSql(file);
    await c.read([{ sql: "SELECT 1", args: [] }]);
    delete process.env[CHECKPOINTER_ENV];
    return c;
  };
  const modes = [
    { label: "SQLite's default (checkpoint on the request path)", background: false, sql: await open(false) },
    { label: "the server's (checkpoint in the background)", background: true, sql: await open(true) },
  ];
  const admin = new Database(file);

  const requestXml = `<samlp:AuthnRequest ${"x".repeat(1_050)}/>`;
  const responseXml = `<samlp:Response ${"y".repeat(6_450)}/>`;
  const roundTrip = (now: Date) =>
    ssoRoundTripSteps(
      {
        replay: {
          key: `urn:bench:sp\n_${randomBytes(16).toString("hex")}`,
          expiresAt: new Date(now.getTime() + 600_000),
        },
        participant: {
          sessionId,
          applicationId: app.id,
          sessionIndex: `_${randomBytes(20).toString("hex")}`,
          nameId: "bench@example.com",
          nameIdFormat: "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
        },
        authLog: {
          userId: user.id,
          username: "bench",
          applicationId: app.id,
          applicationName: "Bench SP",
          ip: "127.0.0.1",
          userAgent: "bench",
          factor: "sso_session",
          result: "SUCCESS",
          reason: "sso_session",
          detail: { assurance: "sso_session", reasons: [] },
        },
        traces: [
          {
            applicationId: app.id,
            direction: "IN",
            messageType: "AuthnRequest",
            binding: "redirect",
            messageId: "_r",
            verdict: "ACCEPTED",
            reasonCode: null,
            reason: null,
            summary: { acs: "http://127.0.0.1:9/acs" },
            xml: requestXml,
          },
          {
            applicationId: app.id,
            direction: "OUT",
            messageType: "Response",
            binding: "post",
            messageId: "_s",
            verdict: "SENT",
            reasonCode: null,
            reason: null,
            summary: { to: "http://127.0.0.1:9/acs" },
            xml: responseXml,
          },
        ],
      },
      now,
    );

  // WAL pages a round trip writes: 100 round trips on the connection that leaves the checkpoint
  // to the background, with none running, from an empty WAL.
  admin.pragma("wal_checkpoint(TRUNCATE)");
  for (let i = 0; i < 100; i++) await modes[1]!.sql.write(roundTrip(new Date()));
  const pagesPerRoundTrip = Number((admin.pragma("wal_checkpoint(PASSIVE)") as { log: number }[])[0]!.log) / 100;

  type Totals = { times: number[]; cpuMs: number; count: number };
  const totals = modes.map((): Totals => ({ times: [], cpuMs: 0, count: 0 }));
  const perBurst = Math.max(1, Math.round(RATE / 100));

  for (let b = 0; b < BLOCKS; b++) {
    const m = b % modes.length;
    const mode = modes[m]!;
    const t = totals[m]!;
    admin.pragma("wal_checkpoint(TRUNCATE)"); // each block starts from an empty WAL
    const checkpointer = mode.background ? startWalCheckpointer({ databaseUrl: bench.url, thread: true }) : null;
    const cpu0 = process.cpuUsage();
    let done = 0;
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        void (async () => {
          for (let i = 0; i < perBurst && done < PER_BLOCK; i++, done++) {
            const steps = roundTrip(new Date());
            const t0 = performance.now();
            const r = await mode.sql.write(steps);
            t.times.push(performance.now() - t0);
            if (!r.ok) throw new Error("a round trip was refused as a replay");
          }
          if (done >= PER_BLOCK) {
            clearInterval(timer);
            resolve();
          }
        })().catch((e) => {
          clearInterval(timer);
          reject(e);
        });
      }, 10);
    });
    await checkpointer?.stop();
    const cpu = process.cpuUsage(cpu0);
    t.cpuMs += (cpu.user + cpu.system) / 1000;
    t.count += PER_BLOCK;
  }

  const summary = totals.map((t) => {
    const sorted = [...t.times].sort((x, y) => x - y);
    const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
    return {
      p50: q(0.5),
      p99: q(0.99),
      max: sorted.at(-1)!,
      mean: t.times.reduce((a, x) => a + x, 0) / t.times.length,
      cpu: t.cpuMs / t.count,
    };
  });
  console.log(
    `bench:sqlite-write: ${BLOCKS} alternating blocks of ${PER_BLOCK} round trips at ${RATE}/s, ${pagesPerRoundTrip.toFixed(1)} WAL pages each (${bench.describe})`,
  );
  modes.forEach((mode, i) => {
    const s = summary[i]!;
    console.log(
      `  ${mode.label}: the write on the calling thread p50 ${s.p50.toFixed(3)} ms, p99 ${s.p99.toFixed(3)} ms, max ${s.max.toFixed(2)} ms, mean ${s.mean.toFixed(3)} ms; process CPU ${s.cpu.toFixed(3)} ms per round trip`,
    );
  });
  const [a, b] = summary as [(typeof summary)[0], (typeof summary)[0]];
  console.log(
    `  ratio server / default: mean x${(b.mean / a.mean).toFixed(2)}, p99 x${(b.p99 / a.p99).toFixed(2)}, max x${(b.max / a.max).toFixed(2)}, process CPU x${(b.cpu / a.cpu).toFixed(2)}`,
  );
  admin.close();
  for (const m of modes) m.sql.close();
} finally {
  bench.remove();
}
process.exit(0);
