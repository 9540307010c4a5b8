// Reports > Administrator Log: keyset-paged, newest first.
import { listAuditEntries, type AuditEntryRow } from "../db/admin-audit-log";
import { assertCan, type Actor } from "./actor";
import { decodeCursor, pageOf } from "./keyset";

export const ADMIN_LOG_PAGE_SIZE = 50;

export type AdminLogEntry = Omit<AuditEntryRow, "before" | "after"> & { before: unknown; after: unknown };

const parse = (s: string | null): unknown => {
  if (s === null) return null;
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
};

export async function listAdministratorLog(actor: Actor, opts: { cursor?: string }) {
  assertCan(actor, "adminlog:view");
  const page = pageOf(
    await listAuditEntries({ limit: ADMIN_LOG_PAGE_SIZE + 1, before: decodeCursor(opts.cursor) }),
    ADMIN_LOG_PAGE_SIZE,
  );
  return {
    rows: page.rows.map((r): AdminLogEntry => ({ ...r, before: parse(r.before), after: parse(r.after) })),
    nextCursor: page.nextCursor,
  };
}
