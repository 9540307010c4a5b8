// The effective policy for one sign-in, read from the database: the Global Policy (created
// with Duo's defaults on first use) and the application's assignments, merged by lib/policy
// (group > application > global, section by section).
//
// Parsed policies are cached per process on globalThis (route handlers and server actions are
// bundled separately by Next); whoever changes a policy or an assignment calls
// invalidatePolicyCache(), which makes the change in force in every worker of the server when
// the save returns and in other instances within 250 ms (lib/services/config-sync.ts). The TTL is only a backstop.
import { ensureGlobalPolicy, listAssignmentsForApplication, type PolicyRow } from "../../db/policies";
import {
  DEFAULT_GLOBAL_POLICY_SETTINGS,
  effectivePolicy,
  parsePolicySettings,
  selectPolicies,
  serializePolicySettings,
  type CustomPolicySettings,
  type EffectivePolicy,
  type GlobalPolicySettings,
  type PolicyAssignmentInput,
  type StoredPolicy,
} from "../../policy";
import { configChanged, configEpoch, registerConfigCache, syncConfig } from "../config-sync";

const TTL_MS = 60_000;
type Entry<T> = { value: T; at: number };
type Cache = { global?: Entry<StoredPolicy<GlobalPolicySettings>>; apps: Map<string, Entry<PolicyAssignmentInput[]>> };
const shared = globalThis as unknown as { portcullisPolicyCache?: Cache };
const cache: Cache = (shared.portcullisPolicyCache ??= { apps: new Map() });

const fresh = <T>(e: Entry<T> | undefined): e is Entry<T> => !!e && Date.now() - e.at < TTL_MS;

function clear(): void {
  cache.global = undefined;
  cache.apps.clear();
}
registerConfigCache("policies", clear);

/** Call after any change to a policy or an assignment: every worker and instance drops its cached policies. */
export async function invalidatePolicyCache(): Promise<void> {
  await configChanged();
}

const toCustom = (p: PolicyRow): StoredPolicy<CustomPolicySettings> => ({
  id: p.id,
  name: p.name,
  settings: parsePolicySettings(p.settings, "custom"),
});

export async function getGlobalPolicy(): Promise<StoredPolicy<GlobalPolicySettings>> {
  await syncConfig();
  if (fresh(cache.global)) return cache.global.value;
  const epoch = configEpoch();
  const row = await ensureGlobalPolicy(
    serializePolicySettings(structuredClone(DEFAULT_GLOBAL_POLICY_SETTINGS) as GlobalPolicySettings),
  );
  const value = { id: row.id, name: row.name, settings: parsePolicySettings(row.settings, "global") };
  if (epoch === configEpoch()) cache.global = { value, at: Date.now() };
  return value;
}

async function assignmentsFor(applicationId: string): Promise<PolicyAssignmentInput[]> {
  await syncConfig();
  const hit = cache.apps.get(applicationId);
  if (fresh(hit)) return hit.value;
  const epoch = configEpoch();
  const rows = await listAssignmentsForApplication(applicationId);
  const value = rows.map((r) => ({ groupId: r.groupId, policy: toCustom(r.policy) }));
  if (epoch === configEpoch()) cache.apps.set(applicationId, { value, at: Date.now() });
  return value;
}

/** The policy a user signing in to `applicationId` (null: the portal) is held to. */
export async function getEffectivePolicy(
  applicationId: string | null,
  userGroupIds: readonly string[],
): Promise<EffectivePolicy> {
  const [global, assignments] = await Promise.all([
    getGlobalPolicy(),
    applicationId ? assignmentsFor(applicationId) : Promise.resolve([]),
  ]);
  const { appPolicy, groupPolicies } = selectPolicies(assignments, userGroupIds);
  return effectivePolicy(global, appPolicy, groupPolicies);
}
