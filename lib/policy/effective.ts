// The effective policy for one sign-in: section by section, a group policy wins over the
// application's policy, which wins over the Global Policy (Duo's precedence). A section a
// custom policy leaves unset is inherited whole from the next layer down. Pure.
import type { CustomPolicySettings, GlobalPolicySettings } from "./settings";

export type PolicyScope = "global" | "application" | "group";
/** Where a section's value came from (for reasons in the Authentication Log and the app page). */
export type PolicySource = { policyId: string; policyName: string; scope: PolicyScope; groupId?: string };

export type StoredPolicy<S> = { id: string; name: string; settings: S };
export type GroupPolicy = StoredPolicy<CustomPolicySettings> & { groupId: string };

/** Every section of `T`, each mapped to the source that set it (absent when no layer did). */
export type SectionSources<T> = { [K in keyof T]-?: undefined extends T[K] ? PolicySource | undefined : PolicySource };

export type EffectivePolicy = { settings: GlobalPolicySettings; sources: SectionSources<GlobalPolicySettings> };

/** Merges layers (lowest precedence first) section by section: the last layer that sets a section wins. */
export function mergeSections<T extends object, S>(
  base: { settings: T; source: S },
  overrides: readonly { settings: Partial<T>; source: S }[],
): { settings: T; sources: Partial<Record<keyof T, S>> } {
  const settings = { ...base.settings };
  const sources: Partial<Record<keyof T, S>> = {};
  for (const key of Object.keys(base.settings) as (keyof T)[]) {
    if (base.settings[key] !== undefined) sources[key] = base.source;
  }
  for (const layer of overrides) {
    for (const key of Object.keys(layer.settings) as (keyof T)[]) {
      const value = layer.settings[key];
      if (value === undefined) continue;
      settings[key] = value as T[keyof T];
      sources[key] = layer.source;
    }
  }
  return { settings, sources };
}

/**
 * The effective policy: group > application > global. `groupPolicies` are the group-scoped
 * policies of the application for groups the user is in, highest precedence first.
 */
export function effectivePolicy(
  global: StoredPolicy<GlobalPolicySettings>,
  appPolicy?: StoredPolicy<CustomPolicySettings> | null,
  groupPolicies: readonly GroupPolicy[] = [],
): EffectivePolicy {
  const layers: { settings: CustomPolicySettings; source: PolicySource }[] = [];
  if (appPolicy)
    layers.push({
      settings: appPolicy.settings,
      source: { policyId: appPolicy.id, policyName: appPolicy.name, scope: "application" },
    });
  // Lowest precedence first: the last group in the list is applied first, the first one last.
  for (const g of [...groupPolicies].reverse()) {
    layers.push({
      settings: g.settings,
      source: { policyId: g.id, policyName: g.name, scope: "group", groupId: g.groupId },
    });
  }
  const merged = mergeSections<GlobalPolicySettings, PolicySource>(
    { settings: global.settings, source: { policyId: global.id, policyName: global.name, scope: "global" } },
    layers,
  );
  return { settings: merged.settings, sources: merged.sources as SectionSources<GlobalPolicySettings> };
}

export type PolicyAssignmentInput = { groupId: string | null; policy: StoredPolicy<CustomPolicySettings> };

/**
 * Picks the application's layers for one user from its assignments (in precedence order):
 * the first whole-application assignment, and the group assignments for the user's groups.
 */
export function selectPolicies(
  assignments: readonly PolicyAssignmentInput[],
  userGroupIds: readonly string[],
): { appPolicy: StoredPolicy<CustomPolicySettings> | null; groupPolicies: GroupPolicy[] } {
  const groups = new Set(userGroupIds);
  const appPolicy = assignments.find((a) => a.groupId === null)?.policy ?? null;
  const groupPolicies = assignments
    .filter((a): a is PolicyAssignmentInput & { groupId: string } => a.groupId !== null && groups.has(a.groupId))
    .map((a) => ({ ...a.policy, groupId: a.groupId }));
  return { appPolicy, groupPolicies };
}
