// SQLite's WAL checkpoint, off the request path (issue 11).
//
// In WAL mode every commit appends pages to the -wal file, and by default the connection whose
// commit takes the WAL past 1,000 pages copies them back into the database file then and there
// (a checkpoint, with its fsyncs). A sign-in round trip writes ~20 pages, so every ~50th round
// trip stopped its worker's event loop for 8-80 ms, and the checkpoint was ~40% of the write's
// time (scripts/bench-sqlite-write.mts). With this checkpointer the server's own connections
// raise that threshold to a fallback (FALLBACK_AUTOCHECKPOINT_PAGES) and one background loop
// checkpoints the file every CHECKPOINT_INTERVAL_MS on a connection of its own, in PASSIVE mode:
// it copies what no reader still needs, never waits for a reader or takes the write lock, so
// writers go on meanwhile. At 700 round trips/s (2 workers) a tick finds ~1,500 new pages; a
// tick with nothing to copy reads the WAL index and returns.
//
// What it cannot do: start the WAL file over. SQLite restarts it only when a writer begins while
// every frame has been copied, and under steady writes new frames arrive while each checkpoint
// runs. So every FALLBACK_AUTOCHECKPOINT_PAGES pages (~190 round trips) a writer still
// checkpoints by itself: the few frames left and the fsyncs, then the WAL starts over. 4,000
// pages keeps the WAL index in one hash block (4,096 frames), which every read searches; a
// larger fallback measured no better. bench:sqlite-write at 700 round trips/s: the write's time
// on the event loop mean x0.71-0.75, p99 x0.11-0.31 of SQLite's default, the worst case about
// the same; the process's CPU x1.10-1.19 (the copying, now on another core).
//
// Where it runs (server.mjs): in the cluster primary, which serves nothing, on its own thread;
// with one worker (no primary), in a worker thread of the server process. Only the server sets
// PORTCULLIS_WAL_CHECKPOINTER for itself and its workers; scripts, tests and other tools keep
// SQLite's default. If the loop stops (an error is logged, each distinct one once), connections
// still checkpoint themselves at the fallback size, so the WAL stays bounded.
//
// Plain ESM, loaded by server.mjs without Next. The settings connections read are in
// ./sqlite-file.mjs, which Next bundles with lib/db.
import { existsSync } from "node:fs";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { FALLBACK_AUTOCHECKPOINT_PAGES, sqlitePathOf } from "./sqlite-file.mjs";

export const CHECKPOINT_INTERVAL_MS = 100;

/**
 * The checkpoint loop on the calling thread: every `intervalMs`, a PASSIVE checkpoint of the file
 * at `path` (never created here: a tick before the file exists does nothing). `report` gets each
 * checkpoint's result, or an error (the connection is then reopened on the next tick).
 */
async function runLoop(path, intervalMs, report) {
  const { default: Database } = await import("libsql");
  let db = null;
  const tick = () => {
    try {
      if (!db) {
        if (!existsSync(path)) return;
        db = new Database(path);
        db.pragma("busy_timeout = 0");
        db.pragma("synchronous = NORMAL");
      }
      let [row] = db.pragma("wal_checkpoint(PASSIVE)");
      if (Number(row.busy) === 0 && Number(row.log) === -1) {
        // This connection has not seen the file in WAL mode: it was opened before the server's
        // first connection switched it (a first start). A read makes it look again.
        db.prepare("SELECT 1 FROM sqlite_master LIMIT 1").all();
        [row] = db.pragma("wal_checkpoint(PASSIVE)");
      }
      report({
        type: "checkpoint",
        busy: Number(row.busy),
        log: Number(row.log),
        checkpointed: Number(row.checkpointed),
      });
    } catch (e) {
      try {
        db?.close();
      } catch {
        // closing a broken connection
      }
      db = null;
      // Another connection holds a lock this one may not wait for (a migration, a file being
      // switched to WAL): the next tick tries again.
      if (e?.code === "SQLITE_BUSY") return;
      report({ type: "error", message: e instanceof Error ? e.message : String(e) });
    }
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  return () => {
    clearInterval(timer);
    db?.close();
    db = null;
  };
}

/**
 * Starts the background checkpointer for `databaseUrl` (null for anything but a `file:` URL).
 * `thread`: in a worker thread of this process (a server process that serves requests) rather
 * than on this thread (the cluster primary). `log` receives each distinct error once, and the
 * recovery after one; `onCheckpoint` (tests, benches) each result.
 */
export function startWalCheckpointer({
  databaseUrl,
  thread,
  intervalMs = CHECKPOINT_INTERVAL_MS,
  log = (line) => console.error(line),
  onCheckpoint,
}) {
  if (!databaseUrl?.startsWith("file:")) return null;
  const path = sqlitePathOf(databaseUrl);
  let lastError = null;
  const report = (m) => {
    if (m.type === "error") {
      if (m.message !== lastError)
        log(
          `[db] WAL checkpoint failed: ${m.message} (connections checkpoint by themselves past ${FALLBACK_AUTOCHECKPOINT_PAGES} pages)`,
        );
      lastError = m.message;
      return;
    }
    if (lastError !== null) log("[db] WAL checkpoints work again");
    lastError = null;
    onCheckpoint?.(m);
  };
  if (!thread) {
    const stopped = runLoop(path, intervalMs, report).catch((e) => {
      report({ type: "error", message: e instanceof Error ? e.message : String(e) });
      return () => {};
    });
    return { stop: async () => (await stopped)() };
  }
  const worker = new Worker(new URL(import.meta.url), {
    workerData: { portcullisWalCheckpointer: { path, intervalMs, everyCheckpoint: Boolean(onCheckpoint) } },
    // The loop holds one connection and a few small objects.
    resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 2 },
    stdout: false,
    stderr: false,
  });
  worker.unref();
  worker.on("message", report);
  worker.on("error", (e) => report({ type: "error", message: `checkpointer thread: ${e.message}` }));
  worker.on("exit", (code) => {
    if (!stopping) report({ type: "error", message: `checkpointer thread exited (${code})` });
  });
  let stopping = false;
  return {
    stop: async () => {
      stopping = true;
      await worker.terminate();
    },
  };
}

if (!isMainThread && workerData?.portcullisWalCheckpointer) {
  const { path, intervalMs, everyCheckpoint } = workerData.portcullisWalCheckpointer;
  // The server's thread tells its process only of failures and of the first checkpoint after
  // one (for the log), not ten times a second that all is well.
  let failing = false;
  const report = (m) => {
    const wanted = m.type === "error" || everyCheckpoint || failing;
    failing = m.type === "error";
    if (wanted) parentPort.postMessage(m);
  };
  runLoop(path, intervalMs, report).catch((e) =>
    report({ type: "error", message: e instanceof Error ? e.message : String(e) }),
  );
}
