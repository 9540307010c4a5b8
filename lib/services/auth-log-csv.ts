// CSV export of the Authentication Log for the current filters: the whole result, streamed
// in keyset batches (no cap, constant memory), newest first, one header row. Cells that a
// spreadsheet would run as a formula (= + - @ tab CR at the start) get a leading apostrophe.
import { stringify } from "csv-stringify/sync";
import { listAuthLogs } from "../db/auth-log";
import { assertCan, audit, type Actor } from "./actor";
import { describeAuthLogRow, resolveAuthLogQuery } from "./auth-log";
import type { AuthLogQuery } from "./auth-log-filters";

export const CSV_BATCH_SIZE = 1000;

export const CSV_COLUMNS = [
  "Time (UTC)",
  "User",
  "Application",
  "Result",
  "Reason",
  "Reason code",
  "Factor",
  "IP address",
  "Browser/OS",
  "User agent",
  "Endpoint",
  "Event ID",
] as const;

/** Neutralises spreadsheet formulas (CSV injection, OWASP): a leading = + - @ tab or CR. */
export function safeCell(value: string | null | undefined): string {
  if (value == null) return "";
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const line = (cells: string[]) => stringify([cells.map(safeCell)], { record_delimiter: "\r\n" });

/** Yields the CSV text chunk by chunk (header first); the caller streams it to the client. */
export async function* exportAuthenticationLogCsv(
  actor: Actor,
  query: AuthLogQuery,
  opts: { batchSize?: number } = {},
): AsyncGenerator<string> {
  assertCan(actor, "authlog:view");
  const { where } = await resolveAuthLogQuery(query);
  await audit(actor, {
    action: "authlog.export",
    targetType: "authlog",
    targetLabel: "Authentication Log CSV",
    after: { filters: query },
  });
  yield "\uFEFF" + line([...CSV_COLUMNS]);
  const size = opts.batchSize ?? CSV_BATCH_SIZE;
  let before: { createdAt: Date; id: string } | undefined;
  for (;;) {
    const rows = await listAuthLogs({ limit: size, before, filter: where });
    if (rows.length === 0) return;
    let out = "";
    for (const r of rows.map(describeAuthLogRow)) {
      out += line([
        r.createdAt.toISOString(),
        r.username ?? "",
        r.applicationName ?? "",
        r.resultLabel,
        r.reasonLabel,
        r.reason,
        r.factorLabel ?? "",
        r.ip ?? "",
        r.browserOs ?? "",
        r.userAgent ?? "",
        r.endpointId ?? "",
        r.id,
      ]);
    }
    yield out;
    if (rows.length < size) return;
    const last = rows[rows.length - 1]!;
    before = { createdAt: last.createdAt, id: last.id };
  }
}

/** The download's file name: authentication-log-<UTC timestamp>.csv */
export const csvFileName = (now = new Date()) =>
  `authentication-log-${now.toISOString().slice(0, 19).replace(/[:T]/g, "-")}.csv`;
