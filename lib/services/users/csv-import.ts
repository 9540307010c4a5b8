// Bulk import of users from CSV: parse (csv-parse, with limits), check every row against the
// file and the directory, show a per-row verdict, and only when no row is bad write
// everything in one transaction. The preview is kept on the server, keyed by a random token
// and the file's SHA-256: the import writes exactly the rows that were previewed.
//
// Rules (also explained on the import page):
// - A new username creates a user (status Active unless the file says otherwise, not
//   enrolled). An existing username updates that user: a filled email, realname or status
//   cell replaces the value, an empty one keeps it; a filled aliases cell replaces all the
//   user's aliases; each group in the groups cell is added (import never removes a user
//   from a group).
// - Groups must exist (import does not create groups: a typo would otherwise make a new one).
import { createHash, randomBytes } from "node:crypto";
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { AppError } from "../../errors";
import { normalizeIdentifier } from "../../db/users";
import { findGroupsByNormalizedNames } from "../../db/groups";
import {
  findAliasOwners,
  findUsersByNormalizedUsernames,
  writeUserImport,
  type ExistingUser,
  type ImportCreate,
  type ImportUpdate,
} from "../../db/user-csv";
import { endUserSessions } from "../../login/revocation";
import {
  claimImportPreview,
  deleteImportPreview,
  findImportPreview,
  finishImportProgress,
  insertImportPreview,
  recordImportProgress,
  releaseImportPreview,
  startImportProgress,
} from "../../db/user-import-previews";
import { assertCan, audit, type Actor } from "../actor";
import {
  CSV_COLUMNS,
  MAX_ALIASES,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  MAX_RECORD_BYTES,
  USER_STATUS_LABELS,
  parseStatus,
  restoreFormula,
  splitList,
  type CsvColumn,
} from "./csv-format";

export type CsvRow = { line: number; cellCount: number; cells: Record<CsvColumn, string> };

export type Verdict = "create" | "update" | "unchanged" | "error";
export type RowVerdict = { line: number; username: string; verdict: Verdict; problems: string[]; changes: string[] };

export type ImportPreview = {
  token: string | null; // null when a row is bad: nothing can be imported
  sha256: string;
  fileName: string;
  rowCount: number;
  counts: Record<Verdict, number>;
  /** Every bad row, then the first MAX_PREVIEW_OK_ROWS others, in file order. */
  rows: RowVerdict[];
  hiddenOkRows: number;
};

export const MAX_PREVIEW_OK_ROWS = 500;
const PREVIEW_TTL_MS = 30 * 60 * 1000;
const MAX_STORED_PREVIEWS = 20;

const fileError = (message: string) => new AppError("validation", message, { fieldErrors: { file: message } });

// ---------------------------------------------------------------- parsing

/** Decodes and parses the file; file-level problems (encoding, CSV syntax, header, size) throw. */
export function parseUsersCsv(bytes: Uint8Array): CsvRow[] {
  if (bytes.byteLength === 0)
    throw fileError("The file is empty. Choose a CSV file with a header row and one user per line.");
  if (bytes.byteLength > MAX_IMPORT_BYTES)
    throw fileError(`The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it into smaller files.`);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes); // drops a UTF-8 BOM
  } catch {
    throw fileError("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again.");
  }
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true, // checked per row below, so that the preview can explain it
      skip_empty_lines: true,
      max_record_size: MAX_RECORD_BYTES,
      to: MAX_IMPORT_ROWS + 2, // header + limit + one to notice the excess
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw fileError(`The file is not valid CSV: ${msg.slice(0, 200)}`);
  }
  const [header, ...data] = records;
  if (!header) throw fileError("The file is empty. Choose a CSV file with a header row and one user per line.");
  const names = header.record.map((h) => h.trim().toLowerCase());
  const unknown = names.filter((n) => !(CSV_COLUMNS as readonly string[]).includes(n));
  const missing = CSV_COLUMNS.filter((c) => !names.includes(c));
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  if (unknown.length || missing.length || repeated.length) {
    const parts = [
      missing.length ? `missing ${missing.map((m) => `“${m}”`).join(", ")}` : "",
      unknown.length ? `unknown ${unknown.map((m) => `“${m || "(empty)"}”`).join(", ")}` : "",
      repeated.length ? `repeated ${repeated.map((m) => `“${m}”`).join(", ")}` : "",
    ].filter(Boolean);
    throw fileError(`The first row must be the header ${CSV_COLUMNS.join(",")} (${parts.join("; ")}).`);
  }
  if (data.length === 0) throw fileError("The file has a header row but no users.");
  if (data.length > MAX_IMPORT_ROWS)
    throw fileError(
      `The file has more than ${MAX_IMPORT_ROWS.toLocaleString("en-US")} users. Split it into smaller files.`,
    );
  const index = Object.fromEntries(CSV_COLUMNS.map((c) => [c, names.indexOf(c)])) as Record<CsvColumn, number>;
  return data.map(({ record, info }) => ({
    line: info.lines,
    cellCount: record.length,
    cells: Object.fromEntries(
      CSV_COLUMNS.map((c) => [c, restoreFormula((record[index[c]] ?? "").trim()).trim()]),
    ) as Record<CsvColumn, string>,
  }));
}

// ---------------------------------------------------------------- checking

type Planned = { row: CsvRow; verdict: RowVerdict; create?: ImportCreate; update?: ImportUpdate };

const emailSchema = z.email();
const CONTROL = /[\u0000-\u001f\u007f]/;
const q = (s: string) => `“${s}”`;
const lines = (ls: number[]) => (ls.length === 1 ? `line ${ls[0]}` : `lines ${ls.join(", ")}`);

/** Checks every row against the rest of the file and the directory; plans the writes. */
export async function checkRows(rows: CsvRow[]): Promise<Planned[]> {
  // Pass 1: each row on its own.
  const parsed = rows.map((row) => {
    const problems: string[] = [];
    const c = row.cells;
    if (row.cellCount !== CSV_COLUMNS.length)
      problems.push(
        `This row has ${row.cellCount} cells; the header has ${CSV_COLUMNS.length}. Put quotes around a value that contains a comma.`,
      );
    const username = c.username;
    const un = normalizeIdentifier(username);
    if (!username) problems.push("Username is missing.");
    else if (username.length > 100) problems.push("Username is longer than 100 characters.");
    else if (CONTROL.test(username)) problems.push("Username contains a control character.");
    const email = c.email || null;
    if (email && (email.length > 254 || !emailSchema.safeParse(email).success))
      problems.push(`Email ${q(email)} is not a valid email address.`);
    const realName = c.realname || null;
    if (realName && realName.length > 100) problems.push("Real name is longer than 100 characters.");
    if (realName && CONTROL.test(realName)) problems.push("Real name contains a control character.");
    let status: string | null = null;
    if (c.status) {
      status = parseStatus(c.status);
      if (!status) problems.push(`Status ${q(c.status)} is not one of Active, Bypass or Disabled.`);
    }
    const aliases = splitList(c.aliases);
    if (aliases.length > MAX_ALIASES)
      problems.push(`Has ${aliases.length} aliases; a user has at most ${MAX_ALIASES}.`);
    const seen = new Set<string>();
    for (const a of aliases) {
      const an = normalizeIdentifier(a);
      if (a.length > 100) problems.push(`Alias ${q(a.slice(0, 20) + "…")} is longer than 100 characters.`);
      else if (CONTROL.test(a)) problems.push(`Alias ${q(a)} contains a control character.`);
      if (seen.has(an)) problems.push(`Alias ${q(a)} is listed twice.`);
      if (an === un) problems.push(`Alias ${q(a)} is the same as the username.`);
      seen.add(an);
    }
    const groups = [...new Map(splitList(c.groups).map((g) => [normalizeIdentifier(g), g])).entries()];
    return { row, problems, username, un, email, realName, status, aliases, aliasKeys: [...seen], groups };
  });

  // Pass 2: across the file.
  const usernameLines = new Map<string, number[]>();
  const aliasLines = new Map<string, number[]>();
  for (const p of parsed) {
    if (p.un) usernameLines.set(p.un, [...(usernameLines.get(p.un) ?? []), p.row.line]);
    for (const a of p.aliasKeys) aliasLines.set(a, [...(aliasLines.get(a) ?? []), p.row.line]);
  }
  for (const p of parsed) {
    const others = (usernameLines.get(p.un) ?? []).filter((l) => l !== p.row.line);
    if (p.un && others.length) p.problems.push(`Username ${q(p.username)} is also on ${lines(others)}.`);
    for (const [i, a] of p.aliasKeys.entries()) {
      const otherAlias = (aliasLines.get(a) ?? []).filter((l) => l !== p.row.line);
      if (otherAlias.length) p.problems.push(`Alias ${q(p.aliases[i] ?? a)} is also an alias on ${lines(otherAlias)}.`);
      const asUsername = (usernameLines.get(a) ?? []).filter((l) => l !== p.row.line);
      if (asUsername.length) p.problems.push(`Alias ${q(p.aliases[i] ?? a)} is the username on ${lines(asUsername)}.`);
    }
  }

  // Pass 3: against the directory (a few batched queries for the whole file).
  const allAliases = [...aliasLines.keys()];
  const allUsernames = [...usernameLines.keys()];
  const [existingUsers, aliasOwners, groupRows] = await Promise.all([
    findUsersByNormalizedUsernames([...allUsernames, ...allAliases]),
    findAliasOwners([...allAliases, ...allUsernames]),
    findGroupsByNormalizedNames([...new Set(parsed.flatMap((p) => p.groups.map(([k]) => k)))]),
  ]);
  const userByName = new Map<string, ExistingUser>(existingUsers.map((u) => [u.usernameNormalized, u]));
  const groupByName = new Map(groupRows.map((g) => [g.nameNormalized, g]));

  return parsed.map((p): Planned => {
    const existing = p.un ? userByName.get(p.un) : undefined;
    if (existing?.deletedAt)
      p.problems.push(`User ${q(existing.username)} is in the trash. Restore it or empty the trash first.`);
    if (!existing && p.un) {
      const owner = aliasOwners.get(p.un);
      if (owner) p.problems.push(`Username ${q(p.username)} is already an alias of user ${q(owner.username)}.`);
    }
    for (const [i, a] of p.aliasKeys.entries()) {
      const label = p.aliases[i] ?? a;
      const owner = aliasOwners.get(a);
      if (owner && owner.userId !== existing?.id)
        p.problems.push(`Alias ${q(label)} already belongs to user ${q(owner.username)}.`);
      const namesake = userByName.get(a);
      if (namesake && namesake.id !== existing?.id)
        p.problems.push(`Alias ${q(label)} is the username of another user.`);
    }
    const unknownGroups = p.groups.filter(([k]) => !groupByName.has(k)).map(([, g]) => g);
    if (unknownGroups.length)
      p.problems.push(
        `${unknownGroups.length === 1 ? "Group" : "Groups"} ${unknownGroups.map(q).join(", ")} ${unknownGroups.length === 1 ? "does" : "do"} not exist. Create ${unknownGroups.length === 1 ? "it" : "them"} on the Groups page first.`,
      );
    const groupIds = p.groups.map(([k]) => groupByName.get(k)?.id).filter((id): id is string => !!id);
    if (p.status === "LOCKED_OUT" && !existing) p.problems.push("A new user cannot be imported as Locked Out.");
    if (p.status === "LOCKED_OUT" && existing && existing.status !== "LOCKED_OUT")
      p.problems.push("Locked Out cannot be set by import; use Active, Bypass or Disabled.");

    const base = { line: p.row.line, username: p.username };
    if (p.problems.length)
      return { row: p.row, verdict: { ...base, verdict: "error", problems: p.problems, changes: [] } };
    if (!existing) {
      const status = p.status ?? "ACTIVE";
      return {
        row: p.row,
        verdict: { ...base, verdict: "create", problems: [], changes: [] },
        create: { username: p.username, email: p.email, realName: p.realName, status, aliases: p.aliases, groupIds },
      };
    }
    // An update: only what the file fills in, and only what differs.
    const set: ImportUpdate["set"] = {};
    const changes: string[] = [];
    if (p.email !== null && p.email !== existing.email) {
      set.email = p.email;
      changes.push("email");
    }
    if (p.realName !== null && p.realName !== existing.realName) {
      set.realName = p.realName;
      changes.push("real name");
    }
    if (p.status !== null && p.status !== existing.status) {
      set.status = p.status;
      changes.push(`status to ${USER_STATUS_LABELS[p.status] ?? p.status}`);
    }
    let aliases: string[] | undefined;
    if (p.aliases.length) {
      const same = [...p.aliases].sort().join("\n") === [...existing.aliasLabels].sort().join("\n");
      if (!same) {
        aliases = p.aliases;
        changes.push("aliases");
      }
    }
    const current = new Set(existing.groupIds);
    const addGroupIds = [...new Set(groupIds)].filter((g) => !current.has(g));
    if (addGroupIds.length)
      changes.push(`added to ${addGroupIds.length === 1 ? "1 group" : `${addGroupIds.length} groups`}`);
    if (!changes.length)
      return {
        row: p.row,
        verdict: { ...base, username: existing.username, verdict: "unchanged", problems: [], changes: [] },
      };
    return {
      row: p.row,
      verdict: { ...base, username: existing.username, verdict: "update", problems: [], changes },
      update: { id: existing.id, set, aliases, addGroupIds },
    };
  });
}

// ---------------------------------------------------------------- previews kept on the server

// Previews and the progress of their import live in the database (lib/db/user-import-previews.ts):
// with several workers or instances, the preview, the import and the progress bar's polls may
// each reach a different process. The token the console holds is stored hashed.
const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");

function summarize(planned: Planned[], fileName: string, sha256: string, token: string | null): ImportPreview {
  const counts: Record<Verdict, number> = { create: 0, update: 0, unchanged: 0, error: 0 };
  for (const p of planned) counts[p.verdict.verdict] += 1;
  let okShown = 0;
  const rows = planned.map((p) => p.verdict).filter((v) => v.verdict === "error" || okShown++ < MAX_PREVIEW_OK_ROWS);
  return {
    token,
    sha256,
    fileName,
    rowCount: planned.length,
    counts,
    rows,
    hiddenOkRows: planned.length - counts.error - Math.min(MAX_PREVIEW_OK_ROWS, planned.length - counts.error),
  };
}

const cleanFileName = (name: string) => name.replace(/[\u0000-\u001f\u007f]/g, "").slice(0, 200) || "users.csv";

/** Step 1: parse and check an uploaded file; nothing is written. A token is issued only when every row is fine. */
export async function previewUserImport(
  actor: Actor,
  file: { name: string; bytes: Uint8Array },
): Promise<ImportPreview> {
  assertCan(actor, "users:manage");
  const rows = parseUsersCsv(file.bytes);
  const sha256 = createHash("sha256").update(file.bytes).digest("hex");
  const planned = await checkRows(rows);
  const fileName = cleanFileName(file.name);
  const ok = planned.every((p) => p.verdict.verdict !== "error") && planned.some((p) => p.create || p.update);
  let token: string | null = null;
  if (ok) {
    token = randomBytes(18).toString("base64url");
    await insertImportPreview(
      {
        tokenHash: tokenHash(token),
        adminId: actor.adminId,
        sha256,
        fileName,
        rows: JSON.stringify(rows),
        expiresAt: new Date(Date.now() + PREVIEW_TTL_MS),
      },
      MAX_STORED_PREVIEWS,
    );
  }
  return summarize(planned, fileName, sha256, token);
}

export type ImportResult =
  { ok: true; created: number; updated: number; unchanged: number } | { ok: false; preview: ImportPreview };

/**
 * Step 2: imports the previewed rows. The rows are checked again (the directory may have
 * changed since the preview); if one is now bad nothing is written and the new preview is
 * returned. Otherwise all rows are written in a single transaction.
 */
export async function commitUserImport(actor: Actor, token: string, sha256: string): Promise<ImportResult> {
  assertCan(actor, "users:manage");
  const hash = tokenHash(token);
  const stored = await findImportPreview(hash);
  if (!stored || stored.adminId !== actor.adminId || stored.finished)
    throw new AppError("conflict", "This preview has expired or was already imported. Upload the file again.");
  if (stored.sha256 !== sha256)
    throw new AppError("conflict", "The file does not match the preview. Upload the file again.");
  if (stored.committing || !(await claimImportPreview(hash)))
    throw new AppError("conflict", "This file is already being imported.");
  let finished = false;
  try {
    const planned = await checkRows(JSON.parse(stored.rows) as CsvRow[]);
    if (planned.some((p) => p.verdict.verdict === "error")) {
      await deleteImportPreview(hash);
      finished = true;
      return { ok: false, preview: summarize(planned, stored.fileName, sha256, null) };
    }
    const creates = planned.flatMap((p) => (p.create ? [p.create] : []));
    const updates = planned.flatMap((p) => (p.update ? [p.update] : []));
    const unchanged = planned.length - creates.length - updates.length;
    await startImportProgress(hash, creates.length + updates.length);
    // Progress writes in order, one at a time; the last one is awaited before the result.
    let progressWrites: Promise<void> = Promise.resolve();
    try {
      await writeUserImport(creates, updates, (done) => {
        progressWrites = progressWrites.then(() => recordImportProgress(hash, done)).catch(() => {});
      });
    } catch (e) {
      if (typeof e === "object" && e !== null && (e as { code?: string }).code === "P2002") {
        throw new AppError(
          "conflict",
          "Another change to the directory collided with this import (a username or alias was just taken). Nothing was imported; upload the file again.",
          { cause: e },
        );
      }
      throw e;
    }
    await progressWrites;
    await finishImportProgress(hash, creates.length + updates.length);
    finished = true;
    // Users the file disabled: whatever their browsers hold ends now.
    const disabled = new Set(updates.filter((u) => u.set.status === "DISABLED").map((u) => u.id));
    for (const p of planned)
      if (p.update && disabled.has(p.update.id))
        await endUserSessions({ id: p.update.id, username: p.verdict.username }, "status_disabled", {
          ip: actor.ip,
          by: actor.email,
          detail: { via: "import" },
        });
    await audit(actor, {
      action: "user.import",
      targetType: "user",
      targetLabel: `${stored.fileName} (${creates.length} created, ${updates.length} updated)`,
      after: {
        file: stored.fileName,
        sha256,
        rows: planned.length,
        created: creates.length,
        updated: updates.length,
        unchanged,
      },
    });
    return { ok: true, created: creates.length, updated: updates.length, unchanged };
  } finally {
    if (!finished) await releaseImportPreview(hash);
  }
}

/** How far an import has got (for the progress bar); null when unknown to this administrator. */
export async function importProgress(
  actor: Actor,
  token: string,
): Promise<{ total: number; done: number; finished: boolean } | null> {
  assertCan(actor, "users:manage");
  const p = await findImportPreview(tokenHash(token));
  if (!p || p.adminId !== actor.adminId || !(p.committing || p.finished)) return null;
  return { total: p.total, done: p.done, finished: p.finished };
}
