// Duo's Admin API (/admin/v1, /admin/v2), the subset Portcullis serves (docs/duo-api.openapi.yaml).
// Another thin door, like the console's actions: every change goes through the same use
// cases (lib/services/users, groups, …) with an ApiActor whose permissions are the
// application's grants, so the same checks, validation and Administrator Log entries apply.
// Each call is also recorded in the Administrator Log (admin_api.request) with its outcome.
import { isAppError } from "../../errors";
import {
  DuoApiError,
  duplicateResource,
  forbidden,
  internalError,
  invalidParameter,
  methodNotAllowed,
  notFound,
  ok,
  fail,
  type Envelope,
} from "../../duo-api/envelope";
import {
  adminLogObject,
  authLogObject,
  bypassCodeObject,
  groupObject,
  GROUP_STATUS_IN,
  integrationObject,
  RESULT_IN,
  userObject,
  USER_STATUS_IN,
} from "../../duo-api/format";
import { grantFor, GRANT_LABELS, permissionsOf } from "../../duo-api/grants";
import type { Permission } from "../../authz";
import {
  applicationIdsByKeys,
  applicationKeys,
  findApiUser,
  findApiUserByName,
  listAuditEntriesSince,
  listAuthLogWindow,
  listGroupsByOffset,
  listMembersByOffset,
  listUsersByOffset,
} from "../../db/api-listings";
import { listAuthenticators } from "../../db/authenticators";
import { listApplications, findApplicationByKey } from "../../db/applications";
import { countTenant } from "../../db/stats";
import { MAX_ALIASES } from "../users/user-schema";
import {
  addToGroup,
  createUser,
  deleteUser,
  generateBypassCodes,
  getUserPage,
  removeBypassCode,
  removeFromGroup,
  updateUser,
} from "../users/manage-users";
import { createGroup, deleteGroup, getGroup, updateGroup } from "../groups/manage-groups";
import { browserOs } from "../auth-log-user-agent";
import { assertCan, audit, type ApiActor } from "../actor";
import { parseGrants } from "../../duo-api/grants";
import { authenticate, callParams, ParamReader, refusedApplication, type ApiRequest } from "./request";
import type { ApiCredentialRecord } from "./api-applications";

export type ApiResult = { status: number; envelope: Envelope };

type Ctx = { actor: ApiActor; p: ParamReader; req: ApiRequest; seg: string[] };
type Handler = (ctx: Ctx) => Promise<{ response: unknown; metadata?: Record<string, unknown> }>;
type Route = { method: string; pattern: string[]; handler: Handler };

// ------------------------------------------------------------------ paging

/** limit/offset as Duo reads them; metadata.next_offset only while more rows follow (the clients stop on its absence). */
function paging(p: ParamReader, defaultLimit: number, maxLimit: number) {
  const limit = p.int("limit", { min: 1, max: maxLimit, fallback: defaultLimit })!;
  const offset = p.int("offset", { min: 0, max: 1_000_000_000, fallback: 0 })!;
  return { limit, offset };
}

function pageMetadata(offset: number, count: number, total: number) {
  const meta: Record<string, unknown> = { total_objects: total };
  if (offset + count < total) meta.next_offset = offset + count;
  if (offset > 0) meta.prev_offset = Math.max(0, offset - count || offset);
  return meta;
}

// ------------------------------------------------------------------ users

async function userResponse(actor: ApiActor, id: string) {
  assertCan(actor, "users:view");
  const u = await findApiUser(id);
  if (!u) throw notFound();
  return userObject(u, await listAuthenticators(u.id));
}

/** alias1..alias4 and aliases=alias1=a&alias2=b, merged over the current aliases (Duo's numbering). */
function aliasesFrom(p: ParamReader, current: string[]): string[] | undefined {
  const slots = [...current];
  let touched = false;
  const set = (n: number, v: string, name: string) => {
    if (!Number.isInteger(n) || n < 1 || n > MAX_ALIASES) throw invalidParameter(name);
    slots[n - 1] = v;
    touched = true;
  };
  for (let i = 1; i <= 4; i++) {
    const v = p.get(`alias${i}`);
    if (v !== undefined) set(i, v, `alias${i}`);
  }
  const list = p.get("aliases");
  if (list !== undefined) {
    if (list.length > 2000) throw invalidParameter("aliases");
    for (const [k, v] of new URLSearchParams(list)) {
      const m = /^alias([1-8])$/.exec(k);
      if (!m) throw invalidParameter("aliases");
      set(Number(m[1]), v, "aliases");
    }
  }
  return touched ? slots.filter((a) => a !== undefined && a !== "") : undefined;
}

function statusIn(p: ParamReader): "ACTIVE" | "BYPASS" | "DISABLED" | undefined {
  const s = p.get("status");
  if (s === undefined) return undefined;
  const v = USER_STATUS_IN[s.toLowerCase()];
  if (!v) throw invalidParameter("status");
  return v;
}

function refuseUnsupported(p: ParamReader, names: string[]) {
  // Stored nowhere here: refusing is better than dropping them silently.
  for (const n of names) if (p.has(n) && p.get(n) !== "") throw invalidParameter(n);
}

const listUsers: Handler = async ({ actor, p }) => {
  assertCan(actor, "users:view");
  const username = p.get("username");
  if (username !== undefined) {
    const u = await findApiUserByName(username);
    return { response: u ? [userObject(u, await listAuthenticators(u.id))] : [] };
  }
  const { limit, offset } = paging(p, 100, 300);
  const { rows, total } = await listUsersByOffset(offset, limit);
  return { response: rows.map((u) => userObject(u)), metadata: pageMetadata(offset, rows.length, total) };
};

const createUserHandler: Handler = async ({ actor, p }) => {
  refuseUnsupported(p, ["notes", "firstname", "lastname"]);
  const username = p.required("username");
  const created = await createUser(actor, {
    username,
    realName: p.get("realname") ?? null,
    email: p.get("email") ?? null,
    status: statusIn(p) ?? "ACTIVE",
    aliases: aliasesFrom(p, []) ?? [],
    groupIds: [],
  });
  return { response: await userResponse(actor, created.id) };
};

const getUserHandler: Handler = async ({ actor, seg }) => ({ response: await userResponse(actor, seg[3]!) });

const modifyUser: Handler = async ({ actor, p, seg }) => {
  refuseUnsupported(p, ["notes", "firstname", "lastname"]);
  assertCan(actor, "users:manage");
  const current = await findApiUser(seg[3]!);
  if (!current) throw notFound();
  const username = p.get("username");
  // Renaming is not a use case here (usernames identify users in the SAML NameID).
  if (username !== undefined && username.trim().toLowerCase() !== current.username.toLowerCase())
    throw invalidParameter("username");
  await updateUser(actor, current.id, {
    email: p.has("email") ? p.get("email") : current.email,
    realName: p.has("realname") ? p.get("realname") : current.realName,
    status: statusIn(p) ?? current.status,
    aliases: aliasesFrom(p, current.aliases) ?? current.aliases,
  });
  return { response: await userResponse(actor, current.id) };
};

const deleteUserHandler: Handler = async ({ actor, seg }) => {
  assertCan(actor, "users:manage");
  // "Deletes a user. If the user is already deleted, does nothing."
  if (await findApiUser(seg[3]!)) await deleteUser(actor, seg[3]!);
  return { response: "" };
};

const userGroups: Handler = async ({ actor, p, seg }) => {
  assertCan(actor, "users:view");
  assertCan(actor, "groups:view");
  const u = await findApiUser(seg[3]!);
  if (!u) throw notFound();
  const { limit, offset } = paging(p, 100, 500);
  const page = u.groups.slice(offset, offset + limit);
  return { response: page.map(groupObject), metadata: pageMetadata(offset, page.length, u.groups.length) };
};

const addUserGroup: Handler = async ({ actor, p, seg }) => {
  const groupId = p.required("group_id");
  const u = await findApiUser(seg[3]!);
  assertCan(actor, "users:manage");
  if (!u) throw notFound();
  if (!u.groups.some((g) => g.id === groupId)) {
    const group = await getGroup(actor, groupId).catch((e: unknown) => {
      throw isAppError(e) && e.code === "not_found" ? invalidParameter("group_id") : e;
    });
    await addToGroup(actor, u.id, group.group.id);
  }
  return { response: "" };
};

const removeUserGroup: Handler = async ({ actor, seg }) => {
  assertCan(actor, "users:manage");
  const u = await findApiUser(seg[3]!);
  if (!u) throw notFound();
  if (u.groups.some((g) => g.id === seg[5])) await removeFromGroup(actor, u.id, seg[5]!);
  return { response: "" };
};

const listBypassCodes: Handler = async ({ actor, p, seg }) => {
  const page = await getUserPage(actor, seg[3]!);
  const { limit, offset } = paging(p, 100, 500);
  const rows = page.bypassCodes.slice(offset, offset + limit);
  return {
    response: rows.map((c) => bypassCodeObject(c, null)),
    metadata: pageMetadata(offset, rows.length, page.bypassCodes.length),
  };
};

/** Duo replaces a user's bypass codes with new ones; the request is validated before anything is deleted. */
const createBypassCodes: Handler = async ({ actor, p, seg }) => {
  assertCan(actor, "users:helpdesk");
  if (p.has("codes")) throw invalidParameter("codes"); // codes are always generated here
  const count = p.int("count", { min: 1, max: 10, fallback: 10 })!;
  const validSecs = p.int("valid_secs", { min: 0, max: 365 * 86400, fallback: 0 })!;
  const reuse = p.int("reuse_count", { min: 0, max: 100, fallback: 1 })!;
  if (reuse === 0 && validSecs === 0) throw invalidParameter("valid_secs"); // an unlimited code must expire
  const page = await getUserPage(actor, seg[3]!);
  for (const c of page.bypassCodes) await removeBypassCode(actor, page.user.id, c.id);
  const { codes } = await generateBypassCodes(actor, page.user.id, {
    count,
    reuseCount: reuse === 0 ? null : reuse,
    expiresInMinutes: validSecs === 0 ? null : Math.max(1, Math.ceil(validSecs / 60)),
  });
  return { response: codes };
};

// ------------------------------------------------------------------ groups

const groupStatusIn = (p: ParamReader, fallback: string) => {
  const s = p.get("status");
  if (s === undefined) return fallback;
  const v = GROUP_STATUS_IN[s.toLowerCase()];
  if (!v) throw invalidParameter("status");
  return v;
};

const listGroupsHandler: Handler = async ({ actor, p }) => {
  assertCan(actor, "groups:view");
  const { limit, offset } = paging(p, 100, 100);
  const { rows, total } = await listGroupsByOffset(offset, limit);
  return { response: rows.map(groupObject), metadata: pageMetadata(offset, rows.length, total) };
};

const createGroupHandler: Handler = async ({ actor, p }) => {
  const g = await createGroup(actor, {
    name: p.required("name"),
    description: p.get("desc") ?? "",
    status: groupStatusIn(p, "ACTIVE"),
  });
  return { response: groupObject(g) };
};

const getGroupHandler: Handler = async ({ actor, seg }) => {
  const { group } = await getGroup(actor, seg[3]!);
  return { response: groupObject(group) };
};

const modifyGroup: Handler = async ({ actor, p, seg }) => {
  assertCan(actor, "groups:manage");
  const { group } = await getGroup(actor, seg[3]!);
  await updateGroup(actor, group.id, {
    name: p.get("name") ?? group.name,
    description: p.has("desc") ? (p.get("desc") ?? "") : (group.description ?? ""),
    status: groupStatusIn(p, group.status),
  });
  const { group: saved } = await getGroup(actor, group.id);
  return { response: groupObject(saved) };
};

const deleteGroupHandler: Handler = async ({ actor, seg }) => {
  await deleteGroup(actor, seg[3]!);
  return { response: "" };
};

const groupUsers: Handler = async ({ actor, p, seg }) => {
  assertCan(actor, "users:view");
  const { group } = await getGroup(actor, seg[3]!);
  const { limit, offset } = paging(p, 100, 500);
  const { rows, total } = await listMembersByOffset(group.id, offset, limit);
  return {
    response: rows.map((u) => ({ user_id: u.id, username: u.username })),
    metadata: pageMetadata(offset, rows.length, total),
  };
};

// ------------------------------------------------------------------ integrations

const listIntegrations: Handler = async ({ actor, p }) => {
  assertCan(actor, "applications:view");
  const { limit, offset } = paging(p, 100, 300);
  const all = await listApplications({ sort: "name", dir: "asc" });
  const page = all.slice(offset, offset + limit);
  const full = await Promise.all(page.map((a) => findApplicationByKey(a.key)));
  return {
    response: full.filter((a) => a !== null).map((a) => integrationObject({ ...a, grants: parseGrants(a.apiGrants) })),
    metadata: pageMetadata(offset, page.length, all.length),
  };
};

const getIntegration: Handler = async ({ actor, seg }) => {
  assertCan(actor, "applications:view");
  const a = /^[A-Za-z0-9]{1,64}$/.test(seg[3]!) ? await findApplicationByKey(seg[3]!) : null;
  if (!a) throw notFound();
  return { response: integrationObject({ ...a, grants: parseGrants(a.apiGrants) }) };
};

// ------------------------------------------------------------------ logs and info

const DAY_MS = 86_400_000;

const authenticationLog: Handler = async ({ actor, p }) => {
  assertCan(actor, "authlog:view");
  const mintime = p.int("mintime", { min: 0, max: 9_999_999_999_999 });
  const maxtime = p.int("maxtime", { min: 0, max: 9_999_999_999_999 });
  if (mintime === undefined) throw invalidParameter("mintime");
  if (maxtime === undefined) throw invalidParameter("maxtime");
  // Duo: 13-digit millisecond timestamps, mintime strictly before maxtime, within 180 days.
  if (maxtime <= mintime || maxtime - mintime > 180 * DAY_MS) throw invalidParameter("maxtime");
  const limit = p.int("limit", { min: 1, max: 1000, fallback: 100 })!;
  const sortParam = p.get("sort") ?? "ts:desc";
  if (sortParam !== "ts:desc" && sortParam !== "ts:asc") throw invalidParameter("sort");
  // next_offset: "<ms>,<txid>" in one value, or the two values repeated (as duo_client sends a list).
  const rawOffset = p.all("next_offset");
  let after: { createdAt: Date; id: string } | undefined;
  if (rawOffset.length) {
    const parts = rawOffset.length === 1 ? rawOffset[0]!.split(",") : rawOffset;
    const [ms, id] = parts;
    if (parts.length !== 2 || !/^\d{1,16}$/.test(ms!) || !/^[A-Za-z0-9_-]{1,64}$/.test(id!))
      throw invalidParameter("next_offset");
    after = { createdAt: new Date(Number(ms)), id: id! };
  }
  const results = p.all("results").map((r) => {
    const v = RESULT_IN[r];
    if (!v) throw invalidParameter("results");
    return v;
  });
  const applications = p.all("applications");
  const applicationIds = applications.length ? await applicationIdsByKeys(applications) : undefined;
  const { rows, total } = await listAuthLogWindow({
    since: new Date(mintime),
    until: new Date(maxtime),
    sort: sortParam === "ts:asc" ? "asc" : "desc",
    after,
    userIds: p.all("users"),
    applicationIds: applications.length ? (applicationIds!.length ? applicationIds : ["-"]) : undefined,
    results,
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const keys = await applicationKeys([...new Set(page.map((r) => r.applicationId).filter((x) => x !== null))]);
  const last = page[page.length - 1];
  return {
    response: {
      authlogs: page.map((r) =>
        authLogObject(r, r.applicationId ? (keys.get(r.applicationId) ?? null) : null, {
          browser: browserOs(r.userAgent)?.browser ?? "",
          os: browserOs(r.userAgent)?.os ?? "",
        }),
      ),
      metadata: {
        total_objects: total,
        ...(rows.length > limit && last ? { next_offset: [String(last.createdAt.getTime()), last.id] } : {}),
      },
    },
  };
};

const administratorLog: Handler = async ({ actor, p }) => {
  assertCan(actor, "adminlog:view");
  const mintime = p.int("mintime", { min: 0, max: 9_999_999_999, fallback: 0 })!;
  const rows = await listAuditEntriesSince(new Date(mintime * 1000), 1000);
  return { response: rows.map(adminLogObject) };
};

const infoSummary: Handler = async ({ actor }) => {
  assertCan(actor, "dashboard:view");
  const counts = await countTenant();
  return {
    response: {
      admin_count: counts.admins,
      integration_count: counts.applications,
      user_count: counts.users,
      group_count: counts.groups,
      telephony_credits_remaining: 0,
    },
  };
};

// ------------------------------------------------------------------ routing

const R = (method: string, path: string, handler: Handler): Route => ({
  method,
  pattern: path.split("/").filter(Boolean),
  handler,
});

export const ROUTES: readonly Route[] = [
  R("GET", "admin/v1/users", listUsers),
  R("POST", "admin/v1/users", createUserHandler),
  R("GET", "admin/v1/users/:id", getUserHandler),
  R("POST", "admin/v1/users/:id", modifyUser),
  R("DELETE", "admin/v1/users/:id", deleteUserHandler),
  R("GET", "admin/v1/users/:id/groups", userGroups),
  R("POST", "admin/v1/users/:id/groups", addUserGroup),
  R("DELETE", "admin/v1/users/:id/groups/:gid", removeUserGroup),
  R("GET", "admin/v1/users/:id/bypass_codes", listBypassCodes),
  R("POST", "admin/v1/users/:id/bypass_codes", createBypassCodes),
  R("GET", "admin/v1/groups", listGroupsHandler),
  R("POST", "admin/v1/groups", createGroupHandler),
  R("GET", "admin/v1/groups/:id", getGroupHandler),
  R("GET", "admin/v2/groups/:id", getGroupHandler),
  R("POST", "admin/v1/groups/:id", modifyGroup),
  R("DELETE", "admin/v1/groups/:id", deleteGroupHandler),
  R("GET", "admin/v2/groups/:id/users", groupUsers),
  R("GET", "admin/v1/integrations", listIntegrations),
  R("GET", "admin/v1/integrations/:ikey", getIntegration),
  R("GET", "admin/v2/logs/authentication", authenticationLog),
  R("GET", "admin/v1/logs/administrator", administratorLog),
  R("GET", "admin/v1/info/summary", infoSummary),
];

/** Path segments, percent-decoded one by one; null when a segment is malformed. */
export function segmentsOf(path: string): string[] | null {
  try {
    const seg = path.split("/").filter(Boolean).map(decodeURIComponent);
    return seg.every((s) => s.length <= 256 && !s.includes("/")) ? seg : null;
  } catch {
    return null;
  }
}

function match(method: string, seg: string[]): Route | "method" | null {
  const same = ROUTES.filter(
    (r) => r.pattern.length === seg.length && r.pattern.every((p, i) => p.startsWith(":") || p === seg[i]),
  );
  if (!same.length) return null;
  // A literal segment beats a parameter (e.g. /users/enroll would, before /users/:id).
  return same.find((r) => r.method === method) ?? "method";
}

const FIELD_PARAMS: Record<string, string> = {
  realName: "realname",
  description: "desc",
  groupIds: "group_id",
  groupId: "group_id",
  expiresInMinutes: "valid_secs",
  reuseCount: "reuse_count",
};

/** A use case's AppError in Duo's terms. */
export function toDuoError(e: unknown): DuoApiError {
  if (e instanceof DuoApiError) return e;
  if (isAppError(e)) {
    if (e.code === "not_found") return notFound();
    if (e.code === "forbidden") {
      const permission = (e.cause as { permission?: Permission } | undefined)?.permission;
      const grant = permission ? grantFor(permission) : null;
      return forbidden(grant ? `${GRANT_LABELS[grant]} is not enabled for this application` : undefined);
    }
    if (e.code === "validation" || e.code === "conflict" || e.code === "bad_request") {
      const [field, message] = Object.entries(e.fieldErrors ?? {})[0] ?? ["", e.message];
      const param = FIELD_PARAMS[field] ?? field;
      if (/already (taken|exists|used)|just taken/i.test(message)) return duplicateResource(param || undefined);
      return invalidParameter(param || "request");
    }
  }
  return internalError();
}

/** Handles one Admin API request: credentials, route, use case, envelope, and its Administrator Log entry. */
export async function handleAdminApi(req: ApiRequest): Promise<ApiResult> {
  let app: ApiCredentialRecord | undefined;
  let result: ApiResult;
  let actor: ApiActor | undefined;
  try {
    const seg = segmentsOf(req.path);
    if (!seg) throw notFound();
    const auth = await authenticate(req, "admin-api");
    app = auth.app;
    actor = {
      kind: "api",
      adminId: null,
      email: `Admin API: ${app.name} (${app.key})`,
      applicationId: app.id,
      permissions: permissionsOf(app.grants),
      ip: req.ip,
    };
    const route = match(req.method, seg);
    if (!route) throw notFound();
    if (route === "method") throw methodNotAllowed();
    const out = await route.handler({ actor, p: new ParamReader(callParams(req)), req, seg });
    result = { status: 200, envelope: ok(out.response, out.metadata) };
  } catch (e) {
    const err = toDuoError(e);
    if (err.status >= 500) console.error(JSON.stringify({ at: "duo-api.admin", path: req.path, error: String(e) }));
    app ??= refusedApplication(e);
    result = { status: err.status, envelope: fail(err) };
  }
  // Every call of a known application is in the Administrator Log; unknown keys only in the server log.
  if (app) {
    await audit(actor ?? null, {
      actorLabel: actor?.email ?? `Admin API: ${app.name} (${app.key})`,
      action: "admin_api.request",
      targetType: "application",
      targetId: app.id,
      targetLabel: `${req.method} ${req.path}`.slice(0, 300),
      after:
        result.envelope.stat === "OK"
          ? { status: result.status }
          : { status: result.status, code: result.envelope.code, message: result.envelope.message },
      ip: req.ip,
    });
  } else {
    console.warn(
      JSON.stringify({ at: "duo-api.admin", refused: true, path: req.path, status: result.status, ip: req.ip }),
    );
  }
  return result;
}
