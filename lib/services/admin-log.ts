// Reports > Administrator Log: keyset-paged, newest first, filtered (time, administrator,
// action, object type, name search), every value in words (lib/services/admin-log-format.ts),
// one entry in full for the detail drawer, and the CSV export of everything that matches.
import { stringify } from "csv-stringify/sync";
import { listAdmins } from "../db/admins";
import { findAuditEntry, findNamesForAudit, listAuditEntries, type AuditEntryRow } from "../db/admin-audit-log";
import { assertCan, audit, type Actor } from "./actor";
import {
  ACTION_LABELS,
  actionLabel,
  changedFieldLabels,
  describeSnapshot,
  objectLabel,
  OBJECT_LABELS,
  referencedIds,
  summaryOf,
  type AuditField,
  type AuditNames,
} from "./admin-log-format";
import { NO_ADMINISTRATOR, type AdminLogQuery } from "./admin-log-filters";
import { safeCell } from "./auth-log-csv";
import { decodeCursor, pageOf } from "./keyset";

export const ADMIN_LOG_PAGE_SIZE = 50;
export const ADMIN_LOG_CSV_BATCH = 1000;

/** One entry as the console shows it. */
export type AdminLogEntry = {
  id: string;
  createdAt: Date;
  actorLabel: string;
  action: string;
  actionLabel: string;
  targetType: string | null;
  objectLabel: string;
  targetLabel: string | null;
  /** Labels of the fields the entry records. */
  changes: string[];
  /** "Label: value; …" of the values after (before, for a removal): the table's Details column. */
  summary: string;
  before: AuditField[];
  after: AuditField[];
  ip: string | null;
};

const parse = (s: string | null): unknown => {
  if (s === null) return null;
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
};

async function namesFor(rows: { before: unknown; after: unknown }[]): Promise<AuditNames> {
  const groups = new Set<string>();
  const applications = new Set<string>();
  for (const r of rows)
    for (const s of [r.before, r.after]) {
      const ids = referencedIds(s);
      ids.groups.forEach((g) => groups.add(g));
      ids.applications.forEach((a) => applications.add(a));
    }
  return findNamesForAudit({ groups: [...groups], applications: [...applications] });
}

async function describeRows(rows: AuditEntryRow[]): Promise<AdminLogEntry[]> {
  const parsed = rows.map((r) => ({ ...r, before: parse(r.before), after: parse(r.after) }));
  const names = await namesFor(parsed);
  return parsed
    .map((r) => ({
      id: r.id,
      createdAt: r.createdAt,
      actorLabel: r.actorLabel,
      action: r.action,
      actionLabel: actionLabel(r.action),
      targetType: r.targetType,
      objectLabel: objectLabel(r.targetType),
      targetLabel: r.targetLabel,
      changes: changedFieldLabels(r.before, r.after),
      before: describeSnapshot(r.before, names),
      after: describeSnapshot(r.after, names),
      summary: "",
      ip: r.ip,
    }))
    .map((e) => ({ ...e, summary: summaryOf(e.before, e.after) }));
}

const filterOf = (q: AdminLogQuery) => ({
  since: q.since,
  until: q.until,
  adminId: q.adminId,
  actionIs: q.action,
  targetType: q.targetType,
  search: q.search,
});

export async function listAdministratorLog(actor: Actor, opts: { cursor?: string; query?: AdminLogQuery }) {
  assertCan(actor, "adminlog:view");
  const page = pageOf(
    await listAuditEntries({
      limit: ADMIN_LOG_PAGE_SIZE + 1,
      before: decodeCursor(opts.cursor),
      ...filterOf(opts.query ?? {}),
    }),
    ADMIN_LOG_PAGE_SIZE,
  );
  return { rows: await describeRows(page.rows), nextCursor: page.nextCursor };
}

/** One entry in full (the detail drawer); null when there is none with this ID. */
export async function getAdministratorLogEntry(actor: Actor, id: string): Promise<AdminLogEntry | null> {
  assertCan(actor, "adminlog:view");
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) return null;
  const row = await findAuditEntry(id);
  return row ? ((await describeRows([row]))[0] ?? null) : null;
}

/** The filters' choices: the administrators and every known action and object type. */
export async function adminLogFilterOptions(actor: Actor) {
  assertCan(actor, "adminlog:view");
  const admins = await listAdmins();
  return {
    administrators: admins.map((a) => ({ value: a.id, label: `${a.name} (${a.email})` })),
    actions: Object.entries(ACTION_LABELS)
      .map(([value, label]) => ({ value, label }))
      .sort((a, b) => a.label.localeCompare(b.label)),
    objects: Object.entries(OBJECT_LABELS)
      .map(([value, label]) => ({ value, label }))
      .sort((a, b) => a.label.localeCompare(b.label)),
  };
}

export const ADMIN_LOG_CSV_COLUMNS = [
  "Time (UTC)",
  "Administrator",
  "Action",
  "Action code",
  "Object",
  "Name",
  "Before",
  "After",
  "IP address",
  "Entry ID",
] as const;

const line = (cells: string[]) => stringify([cells.map(safeCell)], { record_delimiter: "\r\n" });
const fieldsText = (fields: AuditField[]) => fields.map((f) => `${f.label}: ${f.value}`).join("; ");

/** The CSV export of every entry matching the filters, streamed in keyset batches; recorded in the log itself. */
export async function* exportAdministratorLogCsv(
  actor: Actor,
  query: AdminLogQuery,
  filters: Record<string, string>,
  opts: { batchSize?: number } = {},
): AsyncGenerator<string> {
  assertCan(actor, "adminlog:view");
  // The log records who was filtered for by name, not by internal ID.
  if (filters.administrator && filters.administrator !== NO_ADMINISTRATOR) {
    const admin = (await listAdmins()).find((a) => a.id === filters.administrator);
    filters = { ...filters, administrator: admin ? admin.email : "(removed administrator)" };
  } else if (filters.administrator === NO_ADMINISTRATOR) filters = { ...filters, administrator: "none" };
  await audit(actor, {
    action: "adminlog.export",
    targetType: "adminlog",
    targetLabel: "Administrator Log CSV",
    after: { filters },
  });
  yield "\uFEFF" + line([...ADMIN_LOG_CSV_COLUMNS]);
  const size = opts.batchSize ?? ADMIN_LOG_CSV_BATCH;
  let before: { createdAt: Date; id: string } | undefined;
  for (;;) {
    const rows = await listAuditEntries({ limit: size, before, ...filterOf(query) });
    if (rows.length === 0) return;
    let out = "";
    for (const e of await describeRows(rows))
      out += line([
        e.createdAt.toISOString(),
        e.actorLabel,
        e.actionLabel,
        e.action,
        e.objectLabel,
        e.targetLabel ?? "",
        fieldsText(e.before),
        fieldsText(e.after),
        e.ip ?? "",
        e.id,
      ]);
    yield out;
    const last = rows[rows.length - 1]!;
    before = { createdAt: last.createdAt, id: last.id };
    if (rows.length < size) return;
  }
}

export const adminLogCsvFileName = (now = new Date()) =>
  `administrator-log-${now.toISOString().slice(0, 19).replace(/[:T]/g, "-")}.csv`;
