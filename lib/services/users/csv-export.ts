// Export of the directory as CSV, in the import's format (so an export imports again).
// Streams keyset batches: at no time are more than EXPORT_BATCH users in memory.
import { stringify } from "csv-stringify/sync";
import { exportUsersBatch, type ExportUser } from "../../db/user-csv";
import { assertCan, audit, type Actor } from "../actor";
import { CSV_COLUMNS, LIST_SEPARATOR, USER_STATUS_LABELS, neutralizeFormula } from "./csv-format";

export const EXPORT_BATCH = 1000;

export function exportRecord(
  u: Pick<ExportUser, "username" | "email" | "realName" | "aliases" | "groups" | "status">,
): string[] {
  return [
    u.username,
    u.email ?? "",
    u.realName ?? "",
    u.aliases.join(LIST_SEPARATOR),
    u.groups.join(LIST_SEPARATOR),
    USER_STATUS_LABELS[u.status] ?? u.status,
  ].map(neutralizeFormula);
}

export function exportFileName(now = new Date()): string {
  return `portcullis-users-${now.toISOString().slice(0, 10)}.csv`;
}

/**
 * The CSV text in chunks: a UTF-8 BOM (spreadsheets then read accents right) and the header,
 * then one chunk per batch of users ordered by username. Audited once, when it starts.
 */
export async function* exportUsersCsv(actor: Actor, batchSize = EXPORT_BATCH): AsyncGenerator<string> {
  assertCan(actor, "users:view");
  await audit(actor, { action: "user.export", targetType: "user", targetLabel: "Users CSV" });
  yield "\uFEFF" + stringify([[...CSV_COLUMNS]], { record_delimiter: "\r\n" });
  let after: string | undefined;
  for (;;) {
    const batch = await exportUsersBatch(after, batchSize);
    if (batch.length === 0) return;
    yield stringify(batch.map(exportRecord), { record_delimiter: "\r\n" });
    if (batch.length < batchSize) return;
    after = batch[batch.length - 1]!.usernameNormalized;
  }
}
