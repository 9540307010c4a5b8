// Row ids made outside Prisma (bulk imports, the hot path's prepared statements).
import { randomIdBytes } from "../crypto/random";

/** A collision-resistant id in the same alphabet and length as Prisma's cuid(). */
export function newRowId(): string {
  return (
    "c" +
    randomIdBytes(15)
      .toString("base64url")
      .toLowerCase()
      .replace(/[^a-z0-9]/g, "0")
      .slice(0, 24)
  );
}
