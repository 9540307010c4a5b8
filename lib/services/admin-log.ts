// Reports > Administrator Log: keyset-paged, newest first.
import { listAuditEntries, type AuditEntryRow } from "../db/admin-audit-log";
import { assertCan, type Actor } from "./actor";

export const ADMIN_LOG_PAGE_SIZE = 50;

function encodeCursor(r: AuditEntryRow) {
  return Buffer.from(`${r.createdAt.toISOString()}|${r.id}`).toString("base64url");
}

function decodeCursor(c: string | undefined): { createdAt: Date; id: string } | undefined {
  if (!c || c.length > 200) return undefined;
  const [iso, id] = Buffer.from(c, "base64url").toString("utf8").split("|");
  const createdAt = new Date(iso ?? "");
  return id && !Number.isNaN(createdAt.getTime()) ? { createdAt, id } : undefined;
}

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
  const rows = await listAuditEntries({ limit: ADMIN_LOG_PAGE_SIZE + 1, before: decodeCursor(opts.cursor) });
  const more = rows.length > ADMIN_LOG_PAGE_SIZE;
  const pageRows = rows.slice(0, ADMIN_LOG_PAGE_SIZE);
  const last = pageRows[pageRows.length - 1];
  return {
    rows: pageRows.map((r): AdminLogEntry => ({ ...r, before: parse(r.before), after: parse(r.after) })),
    nextCursor: more && last ? encodeCursor(last) : null,
  };
}
