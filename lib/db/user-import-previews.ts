// Repository: checked CSV files of Users > Import between preview and import, with the
// import's progress (lib/services/users/csv-import.ts). Keyed by the hash of the token.
import { dbReady } from "./client";

export type UserImportPreviewRow = {
  tokenHash: string;
  adminId: string | null;
  sha256: string;
  fileName: string;
  rows: string;
  committing: boolean;
  total: number;
  done: number;
  finished: boolean;
  expiresAt: Date;
};

/** Stores a preview; keeps at most `keep` live previews (the oldest go first). */
export async function insertImportPreview(
  data: Omit<UserImportPreviewRow, "committing" | "total" | "done" | "finished">,
  keep: number,
  now = new Date(),
): Promise<void> {
  const db = await dbReady();
  await db.userImportPreview.deleteMany({ where: { expiresAt: { lte: now } } });
  await db.userImportPreview.create({ data });
  const old = await db.userImportPreview.findMany({
    orderBy: [{ createdAt: "desc" }, { tokenHash: "asc" }],
    skip: keep,
    select: { tokenHash: true },
  });
  if (old.length) await db.userImportPreview.deleteMany({ where: { tokenHash: { in: old.map((o) => o.tokenHash) } } });
}

export async function findImportPreview(tokenHash: string, now = new Date()): Promise<UserImportPreviewRow | null> {
  const row = await (await dbReady()).userImportPreview.findUnique({ where: { tokenHash } });
  return row && row.expiresAt > now ? row : null;
}

/** Claims a preview for its import; false when another request is importing it already. */
export async function claimImportPreview(tokenHash: string): Promise<boolean> {
  const r = await (
    await dbReady()
  ).userImportPreview.updateMany({
    where: { tokenHash, committing: false, finished: false },
    data: { committing: true, total: 0, done: 0 },
  });
  return r.count === 1;
}

export async function startImportProgress(tokenHash: string, total: number): Promise<void> {
  await (await dbReady()).userImportPreview.updateMany({ where: { tokenHash }, data: { total, done: 0 } });
}

/** The import is done: its progress stays readable until the preview expires; its rows go. */
export async function finishImportProgress(tokenHash: string, total: number): Promise<void> {
  await (
    await dbReady()
  ).userImportPreview.updateMany({
    where: { tokenHash },
    data: { done: total, finished: true, committing: false, rows: "[]" },
  });
}

export async function releaseImportPreview(tokenHash: string): Promise<void> {
  await (await dbReady()).userImportPreview.updateMany({ where: { tokenHash }, data: { committing: false } });
}

export async function recordImportProgress(tokenHash: string, done: number): Promise<void> {
  await (await dbReady()).userImportPreview.updateMany({ where: { tokenHash, finished: false }, data: { done } });
}

export async function deleteImportPreview(tokenHash: string): Promise<void> {
  await (await dbReady()).userImportPreview.deleteMany({ where: { tokenHash } });
}

export async function purgeImportPreviews(now = new Date()): Promise<void> {
  await (await dbReady()).userImportPreview.deleteMany({ where: { expiresAt: { lte: now } } });
}
