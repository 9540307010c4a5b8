// The SQLite database file of a `file:` DATABASE_URL, and the checkpoint setting its
// connections get in the server (./wal-checkpointer.mjs). Plain ESM: server.mjs and lib/db use it.

/** Set by server.mjs ("background") when it runs the checkpointer, for itself and its workers. */
export const CHECKPOINTER_ENV = "PORTCULLIS_WAL_CHECKPOINTER";
/** A connection's own checkpoint threshold while the background checkpointer runs (pages of 4 KiB). */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 4_000;

/** The `wal_autocheckpoint` pragma value for this process's connections, or null for SQLite's default. */
export function walAutocheckpointPages(env = process.env) {
  return env[CHECKPOINTER_ENV] === "background" ? FALLBACK_AUTOCHECKPOINT_PAGES : null;
}

/** The file a `file:` DATABASE_URL names, as @libsql/client resolves it. */
export function sqlitePathOf(url) {
  if (!url.startsWith("file:")) throw new Error("not a file: database URL");
  let rest = url.slice("file:".length).split(/[?#]/)[0];
  if (rest.startsWith("//")) {
    // file:///abs/path (empty authority) or file://localhost/abs/path
    const slash = rest.indexOf("/", 2);
    const host = rest.slice(2, slash < 0 ? undefined : slash);
    if (host !== "" && host.toLowerCase() !== "localhost") throw new Error(`invalid host in file URL: ${host}`);
    rest = slash < 0 ? "" : rest.slice(slash);
  }
  return decodeURIComponent(rest);
}
