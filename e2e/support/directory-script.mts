// End users and groups for the end-to-end tests, written straight into the e2e database
// (there is no Users page yet). Run by e2e/support/directory.ts as
//   PORTCULLIS_DATA_DIR=<abs e2e/.data> node scripts/with-env.mjs tsx e2e/support/directory-script.mts '<json>'
// so that it uses the running server's SQLite file and secrets. Idempotent: users and
// groups that exist are left as they are. Prints one JSON line: { users, groups, codes }.
// Operations (any combination, in this order):
//   groups, users            create (a user with totpSecret gets an enrolled authenticator app)
//   status {username: s}     set a user's status (ACTIVE | BYPASS | DISABLED)
//   bypassCodes {username, count?, reuseCount?}   issue codes (printed once, stored hashed)
//   globalPolicy {...}       replace the Global Policy's settings (validated)
//   removeApplications [id]  test teardown
//   reset true               test teardown of the MFA specs, which run before the specs that
//                            expect a new tenant (navigation): removes every end user, group,
//                            policy, sign-in state and Authentication Log row
//   resetEndpoints true      teardown of the policy sign-in specs: removes every endpoint (and
//                            its certificates), Trusted Endpoints integration and the device
//                            identity settings (device check URL, trusted proxies)
import { hashPassword } from "../../lib/crypto/password.ts";
import { sealSecret } from "../../lib/crypto/secrets.ts";
import { deleteApplication, findApplicationById } from "../../lib/db/applications.ts";
import { insertAuthenticator, insertBypassCodes, listAuthenticators } from "../../lib/db/authenticators.ts";
import { dbReady } from "../../lib/db/client.ts";
import { ensureGlobalPolicy } from "../../lib/db/policies.ts";
import { findGroupIdByName, findUserIdByUsername, insertGroup, insertUser } from "../../lib/db/users.ts";
import { bypassCodeRequestSchema, issueBypassCodes } from "../../lib/mfa/bypass-codes.ts";
import { userTotpSealContext } from "../../lib/mfa/totp-enrollment.ts";
import {
  DEFAULT_GLOBAL_POLICY_SETTINGS,
  globalPolicySettingsSchema,
  serializePolicySettings,
} from "../../lib/policy/settings.ts";

type UserSpec = {
  username: string;
  email?: string;
  realName?: string;
  status?: string;
  password: string;
  aliases?: string[];
  groups?: string[];
  totpSecret?: string;
};
type Input = {
  groups?: string[];
  users?: UserSpec[];
  status?: Record<string, string>;
  bypassCodes?: { username: string; count?: number; reuseCount?: number };
  globalPolicy?: unknown;
  removeApplications?: string[];
  reset?: boolean;
  resetEndpoints?: boolean;
};

const input = JSON.parse(process.argv[2] ?? "{}") as Input;
const groups: Record<string, string> = {};
const users: Record<string, string> = {};
let codes: string[] = [];

async function userId(username: string): Promise<string> {
  const id = await findUserIdByUsername(username);
  if (!id) throw new Error(`no user ${username}`);
  return id;
}

for (const name of input.groups ?? [])
  groups[name] = (await findGroupIdByName(name)) ?? (await insertGroup({ name, description: "End-to-end tests" })).id;
for (const u of input.users ?? []) {
  const { totpSecret, ...spec } = u;
  let id = await findUserIdByUsername(u.username);
  if (!id) {
    const groupIds = (u.groups ?? []).map((g) => {
      const gid = groups[g];
      if (!gid) throw new Error(`group ${g} is not in the input's groups`);
      return gid;
    });
    id = (
      await insertUser({
        ...spec,
        email: u.email ?? null,
        realName: u.realName ?? null,
        passwordHash: await hashPassword(u.password),
        groupIds,
      })
    ).id;
  }
  users[u.username] = id;
  if (totpSecret && (await listAuthenticators(id)).length === 0) {
    await insertAuthenticator(id, {
      type: "TOTP",
      name: "E2E authenticator app",
      secretSealed: sealSecret(totpSecret, userTotpSealContext(id)),
    });
  }
}
const db = await dbReady();
for (const [username, status] of Object.entries(input.status ?? {})) {
  await db.user.update({ where: { id: await userId(username) }, data: { status } });
}
if (input.bypassCodes) {
  const request = bypassCodeRequestSchema.parse({
    count: input.bypassCodes.count ?? 1,
    reuseCount: input.bypassCodes.reuseCount ?? 1,
  });
  const issued = await issueBypassCodes(request, new Date());
  await insertBypassCodes(await userId(input.bypassCodes.username), issued.rows, null);
  codes = issued.codes;
}
if (input.globalPolicy !== undefined) {
  const settings = globalPolicySettingsSchema.parse(
    input.globalPolicy ?? structuredClone(DEFAULT_GLOBAL_POLICY_SETTINGS),
  );
  const row = await ensureGlobalPolicy(serializePolicySettings(settings));
  await db.policy.update({ where: { id: row.id }, data: { settings: serializePolicySettings(settings) } });
}
for (const id of input.removeApplications ?? []) if (await findApplicationById(id)) await deleteApplication(id);
if (input.reset) {
  await db.$transaction([
    db.authLog.deleteMany({}),
    db.ssoSession.deleteMany({}),
    db.loginTransaction.deleteMany({}),
    db.policyAssignment.deleteMany({}),
    db.policy.deleteMany({}),
    db.user.deleteMany({}),
    db.group.deleteMany({}),
  ]);
}

if (input.resetEndpoints) {
  await db.$transaction([
    db.deviceCertificate.deleteMany({}),
    db.endpoint.deleteMany({}),
    db.endpointIntegration.deleteMany({}),
    db.setting.deleteMany({ where: { key: "trustedEndpoints.deviceCheck" } }),
  ]);
}

console.log(JSON.stringify({ users, groups, codes }));
process.exit(0);
