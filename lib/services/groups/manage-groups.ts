// Groups: list, create, edit, delete, members. Status applies to members at sign-in
// (lib/login/access.ts: a Disabled group denies, a Bypass group skips two-factor).
import { z } from "zod";
import { AppError, validationError } from "../../errors";
import { FieldErrors, validateAll } from "../../validation";
import {
  addMembers,
  deleteGroupRow,
  findGroupById,
  findGroupByName,
  findUsersByIds,
  groupUsage,
  insertGroupRow,
  listGroups,
  listMembers,
  removeMember,
  searchUsersForGroup,
  updateGroupRow,
  type GroupRow,
} from "../../db/groups";
import { configChanged } from "../config-sync";
import { assertCan, audit, type Actor } from "../actor";
import { changedFields } from "../audit-diff";
import { GROUP_STATUSES, GROUP_STATUS_HELP, GROUP_STATUS_LABELS } from "./group-status";

export { GROUP_STATUSES, GROUP_STATUS_HELP, GROUP_STATUS_LABELS };

export const GROUPS_PAGE_SIZE = 50;
export const MEMBERS_PAGE_SIZE = 50;
export const MAX_MEMBERS_PER_ADD = 100;

export const groupSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Enter a group name.")
    .max(100, "The group name has at most 100 characters.")
    .refine(
      (v) => !v.includes(";"),
      "The group name cannot contain a semicolon (it separates groups in user CSV files).",
    ),
  description: z
    .string()
    .trim()
    .max(500, "The description has at most 500 characters.")
    .transform((v) => v || null),
  status: z.enum(GROUP_STATUSES, { error: "Choose Active, Bypass or Disabled." }),
});
export type GroupInput = z.infer<typeof groupSchema>;

const cursorOf = (key: string) => Buffer.from(key).toString("base64url");
function keyOf(cursor: string | undefined): string | undefined {
  if (!cursor || cursor.length > 400) return undefined;
  const v = Buffer.from(cursor, "base64url").toString("utf8");
  return v || undefined;
}

/** A page of groups with member counts; `q` is a name prefix; sorted by name. */
export async function listGroupsForConsole(actor: Actor, opts: { q?: string; cursor?: string; dir?: string }) {
  assertCan(actor, "groups:view");
  const dir = opts.dir === "desc" ? "desc" : "asc";
  const q = (opts.q ?? "").trim().slice(0, 100);
  const rows = await listGroups({ prefix: q, after: keyOf(opts.cursor), dir, limit: GROUPS_PAGE_SIZE + 1 });
  const page = rows.slice(0, GROUPS_PAGE_SIZE);
  const last = page[page.length - 1];
  return { rows: page, nextCursor: rows.length > GROUPS_PAGE_SIZE && last ? cursorOf(last.nameNormalized) : null };
}

async function requireGroup(id: string): Promise<GroupRow> {
  const g = await findGroupById(id);
  if (!g) throw new AppError("not_found", "That group does not exist or was deleted.");
  return g;
}

async function checkNameFree(errors: FieldErrors, name: string | undefined, exceptId?: string) {
  if (name === undefined) return;
  const other = await findGroupByName(name);
  if (other && other.id !== exceptId) errors.add("name", `A group named “${other.name}” already exists.`);
}

const snapshot = (g: Pick<GroupRow, "name" | "description" | "status">) => ({
  name: g.name,
  description: g.description,
  status: g.status,
});

function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: string }).code === "P2002";
}

export async function createGroup(actor: Actor, input: unknown): Promise<GroupRow> {
  assertCan(actor, "groups:manage");
  const data = await validateAll(groupSchema, input, (f, errors) => checkNameFree(errors, f.name));
  let group: GroupRow;
  try {
    group = await insertGroupRow(data);
  } catch (e) {
    if (isUniqueViolation(e)) throw validationError({ name: "A group with this name already exists." });
    throw e;
  }
  await audit(actor, {
    action: "group.create",
    targetType: "group",
    targetId: group.id,
    targetLabel: group.name,
    after: snapshot(group),
  });
  return group;
}

export async function getGroup(actor: Actor, id: string) {
  assertCan(actor, "groups:view");
  const group = await requireGroup(id);
  return { group, usage: await groupUsage(id) };
}

/** Saves a group's settings; returns false (and writes nothing) when nothing changed. */
export async function updateGroup(actor: Actor, id: string, input: unknown): Promise<boolean> {
  assertCan(actor, "groups:manage");
  const current = await requireGroup(id);
  const data = await validateAll(groupSchema, input, (f, errors) => checkNameFree(errors, f.name, id));
  const diff = changedFields(snapshot(current), snapshot(data), ["name", "description", "status"]);
  if (!diff) return false;
  let saved: GroupRow;
  try {
    saved = await updateGroupRow(id, data);
  } catch (e) {
    if (isUniqueViolation(e)) throw validationError({ name: "A group with this name already exists." });
    throw e;
  }
  await audit(actor, { action: "group.update", targetType: "group", targetId: id, targetLabel: saved.name, ...diff });
  return true;
}

/** Deletes a group: its memberships and its place in applications' permitted groups go too. */
export async function deleteGroup(actor: Actor, id: string): Promise<void> {
  assertCan(actor, "groups:manage");
  const current = await requireGroup(id);
  const usage = await groupUsage(id);
  await deleteGroupRow(id);
  // Applications' permitted groups and policy assignments are cached configuration.
  if (usage.applications.length || usage.policyAssignments) await configChanged();
  await audit(actor, {
    action: "group.delete",
    targetType: "group",
    targetId: id,
    targetLabel: current.name,
    before: { ...snapshot(current), members: usage.memberCount, applications: usage.applications.map((a) => a.name) },
  });
}

export async function listGroupMembers(actor: Actor, id: string, opts: { cursor?: string; q?: string }) {
  assertCan(actor, "groups:view");
  await requireGroup(id);
  const rows = await listMembers(id, {
    after: keyOf(opts.cursor),
    prefix: (opts.q ?? "").trim().slice(0, 100),
    limit: MEMBERS_PAGE_SIZE + 1,
  });
  const page = rows.slice(0, MEMBERS_PAGE_SIZE);
  const last = page[page.length - 1];
  return { rows: page, nextCursor: rows.length > MEMBERS_PAGE_SIZE && last ? cursorOf(last.usernameNormalized) : null };
}

/** Users to add: username or email prefix, at most 20, each marked when already a member. */
export async function findUsersToAdd(actor: Actor, id: string, q: string) {
  assertCan(actor, "groups:manage");
  await requireGroup(id);
  const query = q.trim();
  if (query.length === 0 || query.length > 254) return [];
  return searchUsersForGroup(id, query, 20);
}

export async function addGroupMembers(actor: Actor, id: string, userIds: string[]): Promise<{ added: string[] }> {
  assertCan(actor, "groups:manage");
  const group = await requireGroup(id);
  const ids = [...new Set(userIds.filter((u) => typeof u === "string" && u.length > 0 && u.length < 64))];
  if (ids.length === 0) throw validationError({ userIds: "Choose at least one user to add." });
  if (ids.length > MAX_MEMBERS_PER_ADD)
    throw validationError({ userIds: `Add at most ${MAX_MEMBERS_PER_ADD} users at a time.` });
  const users = await findUsersByIds(ids);
  if (users.length !== ids.length) throw validationError({ userIds: "A chosen user no longer exists. Search again." });
  const addedIds = await addMembers(id, ids);
  const byId = new Map(users.map((u) => [u.id, u.username]));
  const added = addedIds.map((u) => byId.get(u) ?? u);
  if (added.length)
    await audit(actor, {
      action: "group.members_add",
      targetType: "group",
      targetId: id,
      targetLabel: group.name,
      after: { added },
    });
  return { added };
}

export async function removeGroupMember(actor: Actor, id: string, userId: string): Promise<void> {
  assertCan(actor, "groups:manage");
  const group = await requireGroup(id);
  const [user] = await findUsersByIds([userId]);
  const removed = await removeMember(id, userId);
  if (!removed) throw new AppError("not_found", "That user is not a member of this group.");
  await audit(actor, {
    action: "group.members_remove",
    targetType: "group",
    targetId: id,
    targetLabel: group.name,
    before: { removed: [user?.username ?? userId] },
  });
}
