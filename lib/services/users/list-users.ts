// Use case: the Users list (Users page). Search by username, email or alias prefix; filter
// by status, enrollment and group; sort by username, status or last login; keyset-paged.
// The query comes from the page's URL search params and is parsed here, so a bookmarked or
// hand-edited URL is validated like a form. Fast at 100,000 users: every variant is an index
// range (see listUserRows), the groups of a page come in one query, and nothing is counted.
import { z } from "zod";
import { groupsOfUsers, listUserRows, normalizeIdentifier, type UserListAfter, type UserSortKey } from "../../db/users";
import { assertCan, type Actor } from "../actor";
import { USER_STATUSES } from "./user-schema";

export const PAGE_SIZE = 50;
export const USER_SORTS = ["username", "status", "lastLogin"] as const;

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);
/** Empty or malformed values fall back to "no filter" rather than an error page. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (one(v) === "" ? undefined : one(v)), schema.optional().catch(undefined));

export const listUsersQuerySchema = z.object({
  q: optional(z.string().trim().max(200)),
  status: optional(z.enum(USER_STATUSES)),
  enrollment: optional(z.enum(["enrolled", "not_enrolled"])),
  group: optional(z.string().max(64)),
  sort: optional(z.enum(USER_SORTS)),
  dir: optional(z.enum(["asc", "desc"])),
  cursor: optional(z.string().max(600)),
});
export type ListUsersQuery = z.input<typeof listUsersQuerySchema>;

export type UserListItem = {
  id: string;
  username: string;
  realName: string | null;
  email: string | null;
  status: string;
  isEnrolled: boolean;
  lastLoginAt: Date | null;
  groups: { id: string; name: string }[];
};

export type UserListPage = { rows: UserListItem[]; nextCursor: string | null; sort: UserSortKey; dir: "asc" | "desc" };

// ------------------------------------------------------------------ cursors

/** Opaque cursor of a row for a sort: base64url of JSON [sort, ...values]. */
export function encodeUserCursor(
  sort: UserSortKey,
  row: { usernameNormalized: string; status: string; lastLoginAt: Date | null; id: string },
): string {
  const values =
    sort === "username"
      ? [row.usernameNormalized]
      : sort === "status"
        ? [row.status, row.usernameNormalized]
        : [row.lastLoginAt ? row.lastLoginAt.toISOString() : null, row.id];
  return Buffer.from(JSON.stringify([sort, ...values])).toString("base64url");
}

/** The keyset position of a cursor, or undefined when it is malformed or made for another sort. */
export function decodeUserCursor(cursor: string | undefined, sort: UserSortKey): UserListAfter | undefined {
  if (!cursor) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
  if (!Array.isArray(v) || v[0] !== sort) return undefined;
  const str = (x: unknown) => typeof x === "string" && x.length <= 300;
  if (sort === "username" && str(v[1])) return { sort, username: v[1] as string };
  if (sort === "status" && str(v[1]) && str(v[2])) return { sort, status: v[1] as string, username: v[2] as string };
  if (sort === "lastLogin" && str(v[2]) && (v[1] === null || str(v[1]))) {
    const at = v[1] === null ? null : new Date(v[1] as string);
    if (at && Number.isNaN(at.getTime())) return undefined;
    return { sort, lastLoginAt: at, id: v[2] as string };
  }
  return undefined;
}

// ------------------------------------------------------------------ the use case

export async function listUsers(
  actor: Actor,
  query: ListUsersQuery | Record<string, unknown>,
  pageSize = PAGE_SIZE,
): Promise<UserListPage> {
  assertCan(actor, "users:view");
  const q = listUsersQuerySchema.parse(query);
  const sort: UserSortKey = q.sort ?? "username";
  // Username reads A→Z by default; last login newest first.
  const dir = q.dir ?? (q.sort && q.sort !== "username" ? (q.sort === "lastLogin" ? "desc" : "asc") : "asc");
  const prefix = q.q ? normalizeIdentifier(q.q) : undefined;
  const rows = await listUserRows({
    filter: {
      prefix,
      status: q.status,
      enrolled: q.enrollment ? q.enrollment === "enrolled" : undefined,
      groupId: q.group,
    },
    sort,
    dir,
    after: decodeUserCursor(q.cursor, sort),
    take: pageSize + 1,
  });
  const pageRows = rows.slice(0, pageSize);
  const last = pageRows[pageRows.length - 1];
  const groups = await groupsOfUsers(pageRows.map((r) => r.id));
  return {
    rows: pageRows.map((r) => ({
      id: r.id,
      username: r.username,
      realName: r.realName,
      email: r.email,
      status: r.status,
      isEnrolled: r.isEnrolled,
      lastLoginAt: r.lastLoginAt,
      groups: groups.get(r.id) ?? [],
    })),
    nextCursor: rows.length > pageSize && last ? encodeUserCursor(sort, last) : null,
    sort,
    dir,
  };
}
