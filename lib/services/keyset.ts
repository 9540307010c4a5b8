// Opaque keyset cursors on (createdAt, id) for newest-first listings.

export type Keyset = { createdAt: Date; id: string };

export function encodeCursor(r: Keyset): string {
  return Buffer.from(`${r.createdAt.toISOString()}|${r.id}`).toString("base64url");
}

export function decodeCursor(c: string | undefined): Keyset | undefined {
  if (!c || c.length > 200) return undefined;
  const [iso, id] = Buffer.from(c, "base64url").toString("utf8").split("|");
  const createdAt = new Date(iso ?? "");
  return id && !Number.isNaN(createdAt.getTime()) ? { createdAt, id } : undefined;
}

/** Takes one row more than a page to know whether another page follows. */
export function pageOf<T extends Keyset>(rows: T[], size: number): { rows: T[]; nextCursor: string | null } {
  const pageRows = rows.slice(0, size);
  const last = pageRows[pageRows.length - 1];
  return { rows: pageRows, nextCursor: rows.length > size && last ? encodeCursor(last) : null };
}
