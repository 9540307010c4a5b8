// Applying custom policies to an application (whole application) and to groups within it,
// and the application page's view of its effective policy, section by section, with where
// each section comes from. Assigning needs policies:manage (Owner, Administrator,
// Application Manager); every change is audited and drops the cached effective policies.
import { AppError, validationError } from "../../errors";
import { FieldErrors } from "../../validation";
import { findApplicationById } from "../../db/applications";
import { listGroupOptions } from "../../db/groups";
import {
  addGroupAssignments,
  deleteAssignment,
  findAssignment,
  findPolicyById,
  listAssignmentDetails,
  listGroupNames,
  listPolicies,
  reorderGroupAssignments,
  setApplicationPolicy,
} from "../../db/policies";
import {
  completeSettings,
  describeSection,
  effectivePolicy,
  parsePolicySettings,
  SECTION_KEYS,
  SECTION_LABELS,
  type CompletePolicySettings,
  type CustomPolicySettings,
  type PolicySource,
  type SectionKey,
} from "../../policy";
import { assertCan, audit, type Actor } from "../actor";
import { getGlobalPolicy, invalidatePolicyCache } from "./effective-policy";

export type SectionLine = { key: SectionKey; label: string; summary: string[] };
export type EffectiveSectionLine = SectionLine & { source: PolicySource };

export type ApplicationPolicyPanel = {
  applicationId: string;
  applicationName: string;
  /** For users not in a group with a group policy here. */
  effective: EffectiveSectionLine[];
  applicationPolicy: { assignmentId: string; policyId: string; policyName: string } | null;
  /** Highest precedence first; `sections` are the sections each one overrides for its group's members. */
  groupPolicies: {
    assignmentId: string;
    policyId: string;
    policyName: string;
    groupId: string;
    groupName: string;
    sections: SectionLine[];
  }[];
  policyOptions: { id: string; name: string }[];
  groupOptions: { id: string; name: string }[];
};

const lines = (settings: CustomPolicySettings): SectionLine[] =>
  SECTION_KEYS.filter((k) => settings[k] !== undefined).map((k) => ({
    key: k,
    label: SECTION_LABELS[k],
    summary: describeSection(k, settings[k] as CompletePolicySettings[typeof k]),
  }));

async function requireApplication(id: string) {
  const app = await findApplicationById(id);
  if (!app) throw new AppError("not_found", "That application does not exist or was removed.");
  return app;
}

export async function getApplicationPolicyPanel(actor: Actor, applicationId: string): Promise<ApplicationPolicyPanel> {
  assertCan(actor, "policies:view");
  const app = await requireApplication(applicationId);
  const [global, details, policies, groupOptions] = await Promise.all([
    getGlobalPolicy(),
    listAssignmentDetails(applicationId),
    listPolicies(),
    listGroupOptions(),
  ]);
  const byId = new Map(policies.map((p) => [p.id, p]));
  const custom = (id: string) => {
    const p = byId.get(id)!;
    return { id: p.id, name: p.name, settings: parsePolicySettings(p.settings, "custom") };
  };
  const appAssignment = details.find((d) => d.groupId === null) ?? null;
  const eff = effectivePolicy(
    { ...global, settings: completeSettings(global.settings) },
    appAssignment ? custom(appAssignment.policyId) : null,
  );
  const settings = eff.settings as CompletePolicySettings;
  return {
    applicationId,
    applicationName: app.name,
    effective: SECTION_KEYS.map((k) => ({
      key: k,
      label: SECTION_LABELS[k],
      summary: describeSection(k, settings[k]),
      source: eff.sources[k]!,
    })),
    applicationPolicy: appAssignment
      ? { assignmentId: appAssignment.id, policyId: appAssignment.policyId, policyName: appAssignment.policyName }
      : null,
    groupPolicies: details
      .filter((d) => d.groupId !== null)
      .map((d) => ({
        assignmentId: d.id,
        policyId: d.policyId,
        policyName: d.policyName,
        groupId: d.groupId!,
        groupName: d.groupName ?? "",
        sections: lines(custom(d.policyId).settings),
      })),
    policyOptions: policies.filter((p) => !p.isGlobal).map((p) => ({ id: p.id, name: p.name })),
    groupOptions,
  };
}

async function customPolicyOrNull(policyId: string) {
  const policy = policyId ? await findPolicyById(policyId) : null;
  return policy && !policy.isGlobal ? policy : null;
}

async function requireCustomPolicy(policyId: string, field: string) {
  const policy = await customPolicyOrNull(policyId);
  if (!policy) throw validationError({ [field]: "Choose a custom policy." });
  return policy;
}

/**
 * Applies a custom policy to the whole application (replacing the one it had); null removes
 * it. Returns false (nothing written, no audit entry) when that policy is already applied.
 */
export async function applyApplicationPolicy(
  actor: Actor,
  applicationId: string,
  policyId: string | null,
): Promise<boolean> {
  assertCan(actor, "policies:manage");
  const app = await requireApplication(applicationId);
  const current = (await listAssignmentDetails(applicationId)).find((d) => d.groupId === null) ?? null;
  const before = current?.policyName ?? null;
  const policy = policyId === null ? null : await requireCustomPolicy(policyId, "policyId");
  if ((current?.policyId ?? null) === (policy?.id ?? null)) return false;
  await setApplicationPolicy(applicationId, policy?.id ?? null);
  await invalidatePolicyCache();
  await audit(actor, {
    action: policy ? "policy.apply" : "policy.unapply",
    targetType: "application",
    targetId: applicationId,
    targetLabel: app.name,
    before: { "application policy": before ?? "none (Global Policy)" },
    after: { "application policy": policy?.name ?? "none (Global Policy)" },
  });
  return true;
}

/**
 * Applies a custom policy to members of `groupIds` within the application, after its existing
 * group policies. The policy and the groups are checked together (every error at once).
 * Returns false (nothing written, no audit entry) when each group already has this policy.
 */
export async function applyGroupPolicy(
  actor: Actor,
  applicationId: string,
  policyId: string,
  groupIds: readonly string[],
): Promise<boolean> {
  assertCan(actor, "policies:manage");
  const app = await requireApplication(applicationId);
  const errors = new FieldErrors();
  const policy = await customPolicyOrNull(policyId);
  if (!policy) errors.add("groupPolicyId", "Choose a custom policy.");
  const unique = [...new Set(groupIds.filter(Boolean))];
  const groups = unique.length ? await listGroupNames(unique) : [];
  if (unique.length === 0) errors.add("groupIds", "Choose at least one group.");
  else if (groups.length !== unique.length)
    errors.add("groupIds", "A chosen group no longer exists. Reload the page and choose again.");
  errors.throwIfAny();
  const existing = (await listAssignmentDetails(applicationId)).filter((d) => d.groupId !== null);
  if (unique.every((g) => existing.some((d) => d.groupId === g && d.policyId === policy!.id))) return false;
  await addGroupAssignments(applicationId, policy!.id, unique);
  await invalidatePolicyCache();
  await audit(actor, {
    action: "policy.apply_group",
    targetType: "application",
    targetId: applicationId,
    targetLabel: app.name,
    after: {
      policy: policy!.name,
      groups: groups
        .map((g) => g.name)
        .sort()
        .join(", "),
    },
  });
  return true;
}

/** Removes one assignment (the application policy or one group policy) of an application. */
export async function removePolicyAssignment(actor: Actor, applicationId: string, assignmentId: string): Promise<void> {
  assertCan(actor, "policies:manage");
  const app = await requireApplication(applicationId);
  const detail = (await listAssignmentDetails(applicationId)).find((d) => d.id === assignmentId);
  if (!detail) throw new AppError("not_found", "That policy is no longer applied here. Reload the page.");
  await deleteAssignment(assignmentId);
  await invalidatePolicyCache();
  await audit(actor, {
    action: detail.groupId ? "policy.unapply_group" : "policy.unapply",
    targetType: "application",
    targetId: applicationId,
    targetLabel: app.name,
    before: detail.groupId
      ? { policy: detail.policyName, group: detail.groupName }
      : { "application policy": detail.policyName },
  });
}

/** Moves a group policy one place up (higher precedence) or down. */
export async function moveGroupPolicy(
  actor: Actor,
  applicationId: string,
  assignmentId: string,
  direction: "up" | "down",
): Promise<void> {
  assertCan(actor, "policies:manage");
  const app = await requireApplication(applicationId);
  const a = await findAssignment(assignmentId);
  if (!a || a.applicationId !== applicationId || a.groupId === null)
    throw new AppError("not_found", "That group policy is no longer applied here. Reload the page.");
  const groups = (await listAssignmentDetails(applicationId)).filter((d) => d.groupId !== null);
  const i = groups.findIndex((d) => d.id === assignmentId);
  const j = direction === "up" ? i - 1 : i + 1;
  if (j < 0 || j >= groups.length) return;
  const order = groups.map((d) => d.id);
  [order[i], order[j]] = [order[j]!, order[i]!];
  await reorderGroupAssignments(applicationId, order);
  await invalidatePolicyCache();
  const label = (d: (typeof groups)[number]) => `${d.policyName} → ${d.groupName}`;
  const after = order.map((id) => groups.find((d) => d.id === id)!);
  await audit(actor, {
    action: "policy.reorder_groups",
    targetType: "application",
    targetId: applicationId,
    targetLabel: app.name,
    before: { order: groups.map(label).join("; ") },
    after: { order: after.map(label).join("; ") },
  });
}
