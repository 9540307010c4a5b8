// The e2e tests' data helper: one long-lived process per Playwright worker (started by the
// `tenant` worker fixture in e2e/support/fixtures.ts through e2e/support/tenant.ts) that
// writes what a spec needs straight into the e2e server's SQLite database and removes it
// again. Run as
//   PORTCULLIS_DATA_DIR=<abs e2e/.data> node scripts/with-env.mjs tsx e2e/support/tenant-script.mts
// so that it uses the running server's database file and secrets. It reads one JSON request
// per line on stdin ({ id, op, args }) and answers one JSON line on stdout
// ({ id, ok: true, result } or { id, ok: false, error }).
//
// Applications and policies are created through lib/services as the Owner (the same
// validation and the same rows as the console writes); users, groups, authenticators and log
// rows that the console cannot make (locked-out users, enrolled authenticators with a known
// secret, thousands of log rows) through lib/db. Every object is new, and objects a test
// changes later are changed through the console; what the server caches across objects (the
// Single Logout origins of the logout pages' frame-src) is invalidated by the services'
// configChanged(), which reaches the server's workers through config.version within 250 ms
// (lib/services/config-sync.ts), as a save on another instance would.
import { createInterface } from "node:readline";
import { hashPassword } from "../../lib/crypto/password.ts";
import { sealSecret } from "../../lib/crypto/secrets.ts";
import { insertAuthenticator, insertBypassCodes } from "../../lib/db/authenticators.ts";
import { dbReady } from "../../lib/db/client.ts";
import { readSettings } from "../../lib/db/settings.ts";
import {
  findGroupIdByName,
  findUserIdByUsername,
  insertGroup,
  insertUser,
  normalizeIdentifier,
} from "../../lib/db/users.ts";
import { bypassCodeRequestSchema, issueBypassCodes } from "../../lib/mfa/bypass-codes.ts";
import { userTotpSealContext } from "../../lib/mfa/totp-enrollment.ts";
import type { Actor } from "../../lib/services/actor.ts";
import { idpUrls } from "../../lib/services/applications/idp-urls.ts";
import { protectApplication, saveApplication } from "../../lib/services/applications/manage-applications.ts";
import { createAdministrator } from "../../lib/services/admins/manage-admins.ts";
import {
  getApiApplication,
  protectApiApplication,
  resetSecretKey,
  saveApiApplication,
} from "../../lib/services/duo-api/api-applications.ts";
import { addInventoryIntegration, setIntegrationEnabled } from "../../lib/services/endpoints/integrations.ts";
import { applyApplicationPolicy, applyGroupPolicy } from "../../lib/services/policies/assignments.ts";
import { createPolicy } from "../../lib/services/policies/manage-policies.ts";
import { env } from "../../lib/env.ts";

const db = await dbReady();

/** The Owner created by the setup project acts for every service call. */
async function owner(): Promise<Actor> {
  const a = await db.admin.findFirst({ where: { role: "OWNER" }, orderBy: { createdAt: "asc" } });
  if (!a) throw new Error("no Owner yet: the setup project creates it");
  return { adminId: a.id, email: a.email, role: "OWNER", ip: "127.0.0.1" };
}

type UserSpec = {
  username: string;
  email?: string | null;
  realName?: string | null;
  password?: string | null;
  status?: "ACTIVE" | "BYPASS" | "DISABLED" | "LOCKED_OUT";
  failedAttempts?: number;
  aliases?: string[];
  groupIds?: string[];
  /** An enrolled authenticator app with this base32 secret (the test computes its codes). */
  totpSecret?: string;
  /** Authenticators shown in the console only (no usable secret). */
  authenticators?: { type: "TOTP" | "WEBAUTHN"; name: string }[];
};

type AppSpec = {
  name: string;
  entityId: string;
  acs: string[];
  sloUrl?: string | null;
  defaultRelayState?: string | null;
  nameIdFormat?: string;
  nameIdAttribute?: "username" | "email" | "userId";
  attributes?: Array<{ source: string; samlName: string }>;
  permittedGroupIds?: string[];
  requireSignedRequests?: boolean;
  spCertificatePem?: string | null;
};

async function createUser(u: UserSpec): Promise<string> {
  const { id } = await insertUser({
    username: u.username,
    email: u.email ?? null,
    realName: u.realName ?? null,
    status: u.status,
    passwordHash: u.password ? await hashPassword(u.password) : null,
    aliases: u.aliases,
    groupIds: u.groupIds,
  });
  if (u.status === "LOCKED_OUT")
    await db.user.update({ where: { id }, data: { failedAttempts: u.failedAttempts ?? 10, lockedAt: new Date() } });
  if (u.totpSecret)
    await insertAuthenticator(id, {
      type: "TOTP",
      name: "E2E authenticator app",
      secretSealed: sealSecret(u.totpSecret, userTotpSealContext(id)),
    });
  for (const [i, a] of (u.authenticators ?? []).entries())
    await insertAuthenticator(
      id,
      a.type === "TOTP"
        ? { type: "TOTP", name: a.name, secretSealed: "e2e-not-a-real-secret" }
        : { type: "WEBAUTHN", name: a.name, credentialId: `e2e-${id}-${i}`, publicKey: "e2e" },
    );
  return id;
}

async function createApplication(spec: AppSpec) {
  const actor = await owner();
  const created = await protectApplication(actor, "generic-saml");
  const { app } = await saveApplication(actor, created.id, {
    name: spec.name,
    notes: "",
    spEntityId: spec.entityId,
    acs: spec.acs.map((url, i) => ({ index: i + 1, url, binding: BINDING_POST, isDefault: i === 0 })),
    sloUrl: spec.sloUrl ?? "",
    spLoginUrl: "",
    defaultRelayState: spec.defaultRelayState ?? "",
    nameIdFormat: spec.nameIdFormat ?? created.nameIdFormat,
    nameIdAttribute: spec.nameIdAttribute ?? created.nameIdAttribute,
    signatureAlgorithm: "SHA256",
    signResponse: true,
    signAssertion: true,
    attributes: spec.attributes ?? [],
    requireSignedRequests: spec.requireSignedRequests ?? false,
    spCertificatePem: spec.spCertificatePem ?? "",
    userAccess: spec.permittedGroupIds?.length ? "GROUPS" : "ALL",
    permittedGroupIds: spec.permittedGroupIds ?? [],
  });
  const stored = await readSettings(["publicBaseUrl"]);
  const base =
    typeof stored.publicBaseUrl === "string" ? stored.publicBaseUrl : env().PORTCULLIS_BASE_URL.replace(/\/+$/, "");
  return { id: app.id, key: app.key, name: app.name, ...idpUrls(base, app.key) };
}
const BINDING_POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";

const ops: Record<string, (args: never) => Promise<unknown>> = {
  async createUsers(args: { users: UserSpec[] }) {
    const out: Record<string, string> = {};
    for (const u of args.users) out[u.username] = await createUser(u);
    return out;
  },
  async findUsers(args: { usernames: string[] }) {
    const found: Record<string, unknown> = {};
    for (const username of args.usernames) {
      const u = await db.user.findUnique({
        where: { usernameNormalized: normalizeIdentifier(username) },
        select: {
          username: true,
          email: true,
          realName: true,
          status: true,
          isEnrolled: true,
          deletedAt: true,
          aliases: { select: { alias: true } },
          memberships: { select: { group: { select: { name: true } } } },
        },
      });
      found[username] = u
        ? {
            username: u.username,
            email: u.email,
            realName: u.realName,
            status: u.status,
            isEnrolled: u.isEnrolled,
            deletedAt: u.deletedAt,
            aliases: u.aliases.map((a) => a.alias).sort(),
            groups: u.memberships.map((m) => m.group.name).sort(),
          }
        : null;
    }
    return found;
  },
  async removeUsers(args: { ids: string[] }) {
    await db.user.deleteMany({ where: { id: { in: args.ids } } });
    return null;
  },
  async removeUsersByName(args: { usernames: string[] }) {
    await db.user.deleteMany({ where: { usernameNormalized: { in: args.usernames.map(normalizeIdentifier) } } });
    return null;
  },
  async createGroups(args: { groups: { name: string; status?: string; description?: string }[] }) {
    const out: Record<string, string> = {};
    for (const g of args.groups)
      out[g.name] =
        (await findGroupIdByName(g.name)) ??
        (await insertGroup({ name: g.name, status: g.status, description: g.description ?? "End-to-end tests" })).id;
    return out;
  },
  async removeGroups(args: { ids: string[]; names?: string[] }) {
    await db.group.deleteMany({
      where: {
        OR: [{ id: { in: args.ids } }, { nameNormalized: { in: (args.names ?? []).map(normalizeIdentifier) } }],
      },
    });
    return null;
  },
  async issueBypassCodes(args: { userId: string; count: number; reuseCount: number }) {
    const request = bypassCodeRequestSchema.parse({ count: args.count, reuseCount: args.reuseCount });
    const issued = await issueBypassCodes(request, new Date());
    await insertBypassCodes(args.userId, issued.rows, null);
    return issued.codes;
  },
  createApplication: (args: AppSpec) => createApplication(args),
  /** An Admin API or Auth API application with a secret key, as Protect, Generate secret key and Save make it. */
  async createApiApplication(args: { template: "admin-api" | "auth-api"; name: string; grants?: string[] }) {
    const actor = await owner();
    const app = await protectApiApplication(actor, args.template);
    const skey = await resetSecretKey(actor, app.id);
    await saveApiApplication(actor, app.id, { name: args.name, notes: "", grants: args.grants ?? [] });
    const view = await getApiApplication(actor, app.id);
    return { id: app.id, name: args.name, ikey: app.key, skey, hostname: view.apiHostname };
  },
  async removeApplications(args: { ids: string[] }) {
    await db.application.deleteMany({ where: { id: { in: args.ids } } });
    return null;
  },
  async createPolicy(args: { name: string; settings: Record<string, unknown> }) {
    return (await createPolicy(await owner(), { name: args.name, description: "", settings: args.settings })).id;
  },
  async applyPolicy(args: { applicationId: string; policyId: string; groupIds?: string[] }) {
    const actor = await owner();
    if (args.groupIds) await applyGroupPolicy(actor, args.applicationId, args.policyId, args.groupIds);
    else await applyApplicationPolicy(actor, args.applicationId, args.policyId);
    return null;
  },
  async removePolicies(args: { ids: string[]; names?: string[] }) {
    await db.policy.deleteMany({
      where: { isGlobal: false, OR: [{ id: { in: args.ids } }, { name: { in: args.names ?? [] } }] },
    });
    return null;
  },
  async createAdmin(args: { name: string; email: string; password: string; role: string }) {
    return (await createAdministrator(await owner(), args)).id;
  },
  /** Administrators by email; never the setup project's Owner, whose session every spec uses. */
  async removeAdmins(args: { emails: string[] }) {
    const { adminId } = await owner();
    await db.admin.deleteMany({
      where: { emailNormalized: { in: args.emails.map((e) => e.trim().toLowerCase()) }, id: { not: adminId } },
    });
    return null;
  },
  async createInventory(args: { name: string; enabled?: boolean }) {
    const actor = await owner();
    const { integration, token } = await addInventoryIntegration(actor, { name: args.name });
    if (args.enabled) await setIntegrationEnabled(actor, integration.id, true);
    return { id: integration.id, token };
  },
  /** Integrations by id or kind, with their endpoints and device certificates. */
  async removeIntegrations(args: { ids?: string[]; kinds?: string[] }) {
    const where = { OR: [{ id: { in: args.ids ?? [] } }, { kind: { in: args.kinds ?? [] } }] };
    const ids = (await db.endpointIntegration.findMany({ where, select: { id: true } })).map((i) => i.id);
    await db.endpointIntegration.deleteMany({ where: { id: { in: ids } } });
    return ids.length;
  },
  /** Endpoints by device ID (their device certificates go with them). */
  async removeEndpoints(args: { deviceIds: string[] }) {
    return (await db.endpoint.deleteMany({ where: { deviceId: { in: args.deviceIds } } })).count;
  },
  async insertAuthLog(args: {
    username: string;
    count: number;
    start: string;
    stepMs: number;
    ties?: number;
    result: string;
    reason: string;
    factor?: string;
    applicationName?: string;
    ip?: string;
    endpointId?: string;
  }) {
    const start = new Date(args.start).getTime();
    // Every `ties`-th group of rows shares one timestamp, so paging crosses equal times.
    const data = Array.from({ length: args.count }, (_, i) => ({
      createdAt: new Date(start + Math.floor(i / (args.ties ?? 1)) * args.stepMs),
      username: args.username,
      result: args.result,
      reason: args.reason,
      factor: args.factor ?? "password",
      applicationName: args.applicationName ?? null,
      endpointId: args.endpointId ?? null,
      ip: args.ip ?? `192.0.2.${(i % 250) + 1}`,
      userAgent:
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
      detail: JSON.stringify({ sequence: i }),
    }));
    return (await db.authLog.createMany({ data })).count;
  },
  async userIdOf(args: { username: string }) {
    return findUserIdByUsername(args.username);
  },
};

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  const { id, op, args } = JSON.parse(line) as { id: number; op: string; args: unknown };
  try {
    const fn = ops[op];
    if (!fn) throw new Error(`unknown operation ${op}`);
    const result = await fn(args as never);
    process.stdout.write(JSON.stringify({ id, ok: true, result: result ?? null }) + "\n");
  } catch (e) {
    const error =
      e instanceof Error ? `${e.name}: ${e.message}${"code" in e ? ` (${String(e.code)})` : ""}` : String(e);
    process.stdout.write(JSON.stringify({ id, ok: false, error }) + "\n");
  }
}
process.exit(0);
