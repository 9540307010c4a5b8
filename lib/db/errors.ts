// Database errors the repositories react to, the same on both providers.

/**
 * The columns of a unique violation (Prisma's P2002), or null when `e` is not one. With driver
 * adapters they are in `meta.driverAdapterError.cause.constraint.fields` (`meta.target` is
 * empty): plain names on SQLite, identifiers as PostgreSQL prints them (`"applicationId"`,
 * quoted when not lowercase) on PostgreSQL. An empty list means the database did not say.
 */
export function uniqueViolationFields(e: unknown): string[] | null {
  const err = e as {
    code?: string;
    message?: string;
    detail?: string;
    meta?: { target?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: unknown } } } };
  } | null;
  // The drivers' own errors (lib/db/fast-sql.ts): libsql's SQLITE_CONSTRAINT_UNIQUE ("UNIQUE
  // constraint failed: T.a, T.b") and PostgreSQL's 23505 ('Key ("a", b)=(…) already exists.').
  if (err?.code === "SQLITE_CONSTRAINT_UNIQUE" || err?.code === "SQLITE_CONSTRAINT_PRIMARYKEY") {
    const list = /constraint failed: (.*)$/.exec(err.message ?? "")?.[1];
    return list ? list.split(",").map((f) => f.trim().replace(/^.*\./, "")) : [];
  }
  if (err?.code === "23505" && !("meta" in (err ?? {}))) {
    const list = /^Key \((.*)\)=/.exec(err.detail ?? "")?.[1];
    return list ? list.split(",").map((f) => f.trim().replace(/^"(.*)"$/, "$1")) : [];
  }
  if (err?.code !== "P2002") return null;
  const fields = err.meta?.driverAdapterError?.cause?.constraint?.fields ?? err.meta?.target;
  if (!Array.isArray(fields)) return [];
  return fields.map((f) =>
    String(f)
      .trim()
      .replace(/^"(.*)"$/, "$1")
      .replaceAll('""', '"'),
  );
}
