// Use cases: add a user and everything on the user page (Users > user). Duo's roles:
// users:manage (Owner, Administrator, User Manager) edits, adds, deletes and restores;
// users:helpdesk (also Help Desk) unlocks, issues bypass codes and reset links; the rest
// only view. Every change is audited with the fields that changed (never codes or tokens).
import { createHash, randomBytes } from "node:crypto";
import { AppError, validationError } from "../../errors";
import { FieldErrors, parseOrThrow, validateAll } from "../../validation";
import { ADMIN_UNLOCK } from "../../mfa/lockout";
import { bypassCodeRequestSchema, issueBypassCodes, MAX_LIVE_BYPASS_CODES } from "../../mfa/bypass-codes";
import {
  deleteAuthenticator,
  deleteBypassCode,
  insertBypassCodes,
  listAuthenticators,
  listBypassCodes,
} from "../../db/authenticators";
import {
  addUserToGroup,
  findGroupById,
  findTakenIdentifiers,
  findUserDetail,
  insertUser,
  normalizeIdentifier,
  removeUserFromGroup,
  unlockUserRow,
  updateUserProfile,
  type UserDetail,
} from "../../db/users";
import { listGroupOptions } from "../../db/groups";
import { listTrashedUsers, restoreUser, softDeleteUser, TRASH_RETENTION_MS } from "../../db/user-trash";
import { replaceResetToken } from "../../db/user-reset-tokens";
import { endUserSessions } from "../../login/revocation";
import { changedFields } from "../audit-diff";
import { assertCan, audit, type Actor } from "../actor";
import { decodeCursor, encodeCursor } from "../keyset";
import { getTenantSettings } from "../settings/tenant-settings";
import { createUserSchema, userProfileSchema } from "./user-schema";

export const RESET_LINK_TTL_MS = 24 * 60 * 60 * 1000;

/** Aliases are typed into one text area: their errors go beside it. */
const WHOLE = { whole: ["aliases", "groupIds"] } as const;

const notFound = () => new AppError("not_found", "This user does not exist or was deleted.");

function isUniqueViolation(e: unknown): boolean {
  return (e as { code?: string }).code === "P2002";
}

/** Records field errors for names another user holds (usernames and aliases share one namespace). */
async function checkIdentifiersFree(
  errors: FieldErrors,
  opts: { username?: string; aliases: string[]; exceptUserId?: string },
) {
  const wanted = [...(opts.username ? [opts.username] : []), ...opts.aliases].map(normalizeIdentifier);
  if (wanted.length === 0) return;
  const taken = await findTakenIdentifiers(wanted, opts.exceptUserId);
  if (opts.username && taken.has(normalizeIdentifier(opts.username)))
    errors.add(
      "username",
      "This username is already taken (usernames and aliases are unique, deleted users included until purged).",
    );
  const own = opts.username ? normalizeIdentifier(opts.username) : undefined;
  const repeat = own !== undefined && opts.aliases.some((a) => normalizeIdentifier(a) === own);
  if (repeat) errors.add("aliases", "An alias cannot repeat the username.");
  const clash = opts.aliases.find((a) => taken.has(normalizeIdentifier(a)));
  if (clash) errors.add("aliases", `The alias "${clash}" is already used by another user as a username or alias.`);
}

async function liveUser(id: string): Promise<UserDetail> {
  const user = typeof id === "string" && id.length <= 64 ? await findUserDetail(id) : null;
  if (!user || user.deletedAt) throw notFound();
  return user;
}

/** The audited fields; aliases in a stable order, so that reordering them is no change. */
const snapshot = (u: Pick<UserDetail, "email" | "realName" | "status" | "aliases">) => ({
  email: u.email,
  realName: u.realName,
  status: u.status,
  aliases: [...u.aliases].sort((a, b) => normalizeIdentifier(a).localeCompare(normalizeIdentifier(b))),
});

// ------------------------------------------------------------------ add

export async function createUser(actor: Actor, input: unknown): Promise<{ id: string; username: string }> {
  assertCan(actor, "users:manage");
  const groups = await listGroupOptions();
  const known = new Set(groups.map((g) => g.id));
  // Every field is checked, the stored names included, before anything is refused.
  const data = await validateAll(
    createUserSchema,
    input,
    async (f, errors) => {
      await checkIdentifiersFree(errors, { username: f.username, aliases: f.aliases ?? [] });
      if (f.groupIds?.some((g) => !known.has(g)))
        errors.add("groupIds", "A selected group no longer exists. Reload the page.");
    },
    WHOLE,
  );
  const groupIds = [...new Set(data.groupIds)];
  let created: { id: string; username: string };
  try {
    created = await insertUser({
      username: data.username,
      email: data.email,
      realName: data.realName,
      status: data.status,
      aliases: data.aliases,
      groupIds,
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw validationError({ username: "This username or one of the aliases was just taken. Choose another." });
    throw e;
  }
  const groupNames = groups.filter((g) => groupIds.includes(g.id)).map((g) => g.name);
  await audit(actor, {
    action: "user.create",
    targetType: "user",
    targetId: created.id,
    targetLabel: created.username,
    after: { ...snapshot({ ...data, aliases: data.aliases }), groups: groupNames },
  });
  return created;
}

// ------------------------------------------------------------------ read

export type UserPageData = {
  user: UserDetail;
  authenticators: Awaited<ReturnType<typeof listAuthenticators>>;
  bypassCodes: {
    id: string;
    remainingUses: number | null;
    usedCount: number;
    expiresAt: Date | null;
    lastUsedAt: Date | null;
    createdAt: Date;
  }[];
  allGroups: { id: string; name: string; status: string }[];
};

export async function getUserPage(actor: Actor, id: string): Promise<UserPageData> {
  assertCan(actor, "users:view");
  const user = await liveUser(id);
  const [authenticators, codes, allGroups] = await Promise.all([
    listAuthenticators(id),
    listBypassCodes(id),
    listGroupOptions(),
  ]);
  // The hashes never leave the service.
  const bypassCodes = codes.map(({ id, remainingUses, usedCount, expiresAt, lastUsedAt, createdAt }) => ({
    id,
    remainingUses,
    usedCount,
    expiresAt,
    lastUsedAt,
    createdAt,
  }));
  return { user, authenticators, bypassCodes, allGroups };
}

// ------------------------------------------------------------------ edit

/** Saves the user's details; returns false (and writes nothing) when nothing changed. */
export async function updateUser(actor: Actor, id: string, input: unknown): Promise<boolean> {
  assertCan(actor, "users:manage");
  const before = await liveUser(id);
  const data = await validateAll(
    userProfileSchema,
    input,
    async (f, errors) => {
      if (f.status === "LOCKED_OUT" && before.status !== "LOCKED_OUT")
        errors.add("status", "Choose Active, Bypass or Disabled. Users become Locked Out only by failed attempts.");
      if (f.aliases?.some((a) => normalizeIdentifier(a) === normalizeIdentifier(before.username)))
        errors.add("aliases", "An alias cannot repeat the username.");
      if (f.aliases) await checkIdentifiersFree(errors, { aliases: f.aliases, exceptUserId: id });
    },
    WHOLE,
  );
  const diff = changedFields(snapshot(before), snapshot(data), ["email", "realName", "status", "aliases"]);
  if (!diff) return false;
  try {
    await updateUserProfile(id, data);
  } catch (e) {
    if (isUniqueViolation(e))
      throw validationError({ aliases: "One of the aliases was just taken by another user. Choose another." });
    throw e;
  }
  await audit(actor, {
    action: "user.update",
    targetType: "user",
    targetId: id,
    targetLabel: before.username,
    ...diff,
  });
  // Disabled: whatever the user's browsers hold ends now.
  if (data.status === "DISABLED" && before.status !== "DISABLED")
    await endUserSessions(before, "status_disabled", { ip: actor.ip, by: actor.email });
  return true;
}

export async function addToGroup(actor: Actor, id: string, groupId: string): Promise<string> {
  assertCan(actor, "users:manage");
  const user = await liveUser(id);
  const group = typeof groupId === "string" && groupId ? await findGroupById(groupId) : null;
  if (!group) throw validationError({ groupId: "Choose a group." });
  if (!(await addUserToGroup(id, group.id)))
    throw validationError({ groupId: `${user.username} is already in ${group.name}.` });
  await audit(actor, {
    action: "user.group_add",
    targetType: "user",
    targetId: id,
    targetLabel: user.username,
    after: { group: group.name },
  });
  return group.name;
}

export async function removeFromGroup(actor: Actor, id: string, groupId: string): Promise<string> {
  assertCan(actor, "users:manage");
  const user = await liveUser(id);
  const group = typeof groupId === "string" && groupId ? await findGroupById(groupId) : null;
  if (!group || !(await removeUserFromGroup(id, group.id)))
    throw new AppError("conflict", "The user is not in this group (any more).");
  await audit(actor, {
    action: "user.group_remove",
    targetType: "user",
    targetId: id,
    targetLabel: user.username,
    before: { group: group.name },
  });
  return group.name;
}

// ------------------------------------------------------------------ help desk

export async function unlockUser(actor: Actor, id: string): Promise<void> {
  assertCan(actor, "users:helpdesk");
  const user = await liveUser(id);
  if (!(await unlockUserRow(id, { ...ADMIN_UNLOCK })))
    throw new AppError("conflict", `${user.username} is not locked out.`);
  await audit(actor, {
    action: "user.unlock",
    targetType: "user",
    targetId: id,
    targetLabel: user.username,
    before: { status: "LOCKED_OUT", failedAttempts: user.failedAttempts },
    after: { status: ADMIN_UNLOCK.status, failedAttempts: 0 },
  });
}

/** Generates bypass codes; returns them once (only their hashes are stored). */
export async function generateBypassCodes(
  actor: Actor,
  id: string,
  input: unknown,
  now = new Date(),
): Promise<{ codes: string[]; expiresAt: Date | null; reuseCount: number | null }> {
  assertCan(actor, "users:helpdesk");
  const user = await liveUser(id);
  const request = parseOrThrow(bypassCodeRequestSchema, input);
  const existing = await listBypassCodes(id);
  const live = existing.filter(
    (c) => (c.expiresAt === null || c.expiresAt > now) && (c.remainingUses === null || c.remainingUses > 0),
  ).length;
  if (live + request.count > MAX_LIVE_BYPASS_CODES) {
    throw validationError({
      count: `${user.username} has ${live} unused bypass code${live === 1 ? "" : "s"}; a user holds at most ${MAX_LIVE_BYPASS_CODES}. Delete some first or generate ${Math.max(0, MAX_LIVE_BYPASS_CODES - live)} or fewer.`,
    });
  }
  const { codes, rows } = await issueBypassCodes(request, now);
  await insertBypassCodes(id, rows, actor.adminId);
  const expiresAt = rows[0]?.expiresAt ?? null;
  await audit(actor, {
    action: "user.bypass_codes_generate",
    targetType: "user",
    targetId: id,
    targetLabel: user.username,
    after: {
      count: request.count,
      reuseCount: request.reuseCount ?? "unlimited",
      expiresAt: expiresAt?.toISOString() ?? "never",
    },
  });
  return { codes, expiresAt, reuseCount: request.reuseCount };
}

export async function removeBypassCode(actor: Actor, id: string, codeId: string): Promise<void> {
  assertCan(actor, "users:helpdesk");
  const user = await liveUser(id);
  if (!(await deleteBypassCode(id, String(codeId))))
    throw new AppError("conflict", "This bypass code was already deleted.");
  await audit(actor, {
    action: "user.bypass_code_delete",
    targetType: "user",
    targetId: id,
    targetLabel: user.username,
    before: { bypassCode: codeId },
  });
}

/** A one-time link that lets the user set a password; older unused links of the user stop working. */
export async function createResetLink(
  actor: Actor,
  id: string,
  now = new Date(),
): Promise<{ url: string; expiresAt: Date }> {
  assertCan(actor, "users:helpdesk");
  const user = await liveUser(id);
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + RESET_LINK_TTL_MS);
  await replaceResetToken(id, hashResetToken(token), expiresAt);
  const { publicBaseUrl } = await getTenantSettings();
  await audit(actor, {
    action: "user.reset_link",
    targetType: "user",
    targetId: id,
    targetLabel: user.username,
    after: { expiresAt: expiresAt.toISOString() },
  });
  return { url: `${publicBaseUrl}/sso/reset/${token}`, expiresAt };
}

export function hashResetToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

// ------------------------------------------------------------------ manage: authenticators, delete

export async function removeAuthenticator(actor: Actor, id: string, authenticatorId: string): Promise<void> {
  assertCan(actor, "users:manage");
  const user = await liveUser(id);
  const list = await listAuthenticators(id);
  const target = list.find((a) => a.id === authenticatorId);
  if (!target || !(await deleteAuthenticator(id, target.id)))
    throw new AppError("conflict", "This authenticator was already removed.");
  await audit(actor, {
    action: "user.authenticator_remove",
    targetType: "user",
    targetId: id,
    targetLabel: user.username,
    before: { authenticator: `${target.type} ${target.name}` },
  });
  // What the user's sessions proved may have been this authenticator: they end.
  await endUserSessions(user, "authenticator_removed", {
    ip: actor.ip,
    by: actor.email,
    detail: { authenticator: target.name },
  });
}

export async function deleteUser(actor: Actor, id: string, now = new Date()): Promise<string> {
  assertCan(actor, "users:manage");
  const user = await liveUser(id);
  if (!(await softDeleteUser(id, now))) throw notFound();
  await audit(actor, {
    action: "user.delete",
    targetType: "user",
    targetId: id,
    targetLabel: user.username,
    before: { deletedAt: null },
    after: { deletedAt: now.toISOString() },
  });
  await endUserSessions(user, "user_deleted", { ip: actor.ip, by: actor.email }, now);
  return user.username;
}

export async function restoreDeletedUser(actor: Actor, id: string, now = new Date()): Promise<string> {
  assertCan(actor, "users:manage");
  const user = typeof id === "string" && id.length <= 64 ? await findUserDetail(id) : null;
  if (!user?.deletedAt || !(await restoreUser(id, now)))
    throw new AppError("not_found", "This user is not in the trash (restored already, or purged after 7 days).");
  await audit(actor, {
    action: "user.restore",
    targetType: "user",
    targetId: id,
    targetLabel: user.username,
    before: { deletedAt: user.deletedAt.toISOString() },
    after: { deletedAt: null },
  });
  // Nothing from before the deletion (or issued while it was in the trash) comes back.
  await endUserSessions(user, "user_restored", { ip: actor.ip, by: actor.email }, now);
  return user.username;
}

export type TrashItem = {
  id: string;
  username: string;
  realName: string | null;
  email: string | null;
  deletedAt: Date;
  purgeAt: Date;
};

export async function listTrash(
  actor: Actor,
  opts: { cursor?: string; now?: Date } = {},
  pageSize = 50,
): Promise<{ rows: TrashItem[]; nextCursor: string | null }> {
  assertCan(actor, "users:view");
  const position = decodeCursor(opts.cursor);
  const after = position ? { deletedAt: position.createdAt, id: position.id } : undefined;
  const rows = await listTrashedUsers({ now: opts.now, take: pageSize + 1, after });
  const page = rows.slice(0, pageSize);
  const last = page[page.length - 1];
  return {
    rows: page.map((r) => ({ ...r, purgeAt: new Date(r.deletedAt.getTime() + TRASH_RETENTION_MS) })),
    nextCursor: rows.length > pageSize && last ? encodeCursor({ createdAt: last.deletedAt, id: last.id }) : null,
  };
}

/** Groups for the list's filter and the pickers. */
export async function listUserGroupOptions(actor: Actor): Promise<{ id: string; name: string; status: string }[]> {
  assertCan(actor, "users:view");
  return listGroupOptions();
}
