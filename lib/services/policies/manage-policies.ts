// Policies: the Global Policy (always present, never deleted, every section set) and custom
// policies (create, rename, edit, delete). Every change is audited and drops the cached
// effective policies (invalidatePolicyCache).
import { z } from "zod";
import { AppError, validationError } from "../../errors";
import { nameField } from "../../validation";
import {
  deleteCustomPolicy,
  findPolicyById,
  findPolicyIdByName,
  GLOBAL_POLICY_NAME,
  insertPolicy,
  isPolicyNameConflict,
  listPolicies,
  updatePolicyRow,
  type PolicyListRow,
} from "../../db/policies";
import {
  completeGlobalPolicySettingsSchema,
  completeSettings,
  customPolicySettingsSchema,
  describeSection,
  parsePolicySettings,
  SECTION_KEYS,
  SECTION_LABELS,
  serializePolicySettings,
  type CompletePolicySettings,
  type CustomPolicySettings,
  type SectionKey,
} from "../../policy";
import { assertCan, audit, type Actor } from "../actor";
import { changedFields } from "../audit-diff";
import { getGlobalPolicy, invalidatePolicyCache } from "./effective-policy";
import { fieldForIssuePath } from "./policy-form";

export type PolicyView = {
  id: string;
  name: string;
  description: string | null;
  isGlobal: boolean;
  updatedAt: Date;
  /** Global: every section (completed with defaults). Custom: only the sections it sets. */
  settings: CustomPolicySettings;
  appliedTo: { applicationId: string; applicationName: string; groupId: string | null; groupName: string | null }[];
};

function toView(row: PolicyListRow): PolicyView {
  const settings = row.isGlobal
    ? completeSettings(parsePolicySettings(row.settings, "global"))
    : parsePolicySettings(row.settings, "custom");
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    isGlobal: row.isGlobal,
    updatedAt: row.updatedAt,
    settings,
    appliedTo: row.assignments,
  };
}

/** The Policies page: the Global Policy first, then custom policies by name. */
export async function listPoliciesForConsole(actor: Actor): Promise<PolicyView[]> {
  assertCan(actor, "policies:view");
  await getGlobalPolicy(); // creates it with Duo's defaults on first use
  return (await listPolicies()).map(toView);
}

export async function getPolicyForConsole(actor: Actor, id: string): Promise<PolicyView> {
  assertCan(actor, "policies:view");
  const row = await findPolicyById(id);
  if (!row) throw new AppError("not_found", "That policy does not exist or was deleted.");
  return toView(row);
}

const metaSchema = z.object({
  name: nameField("policy name", 100).refine(
    (v) => v.toLowerCase() !== GLOBAL_POLICY_NAME.toLowerCase(),
    "“Global Policy” is the built-in policy’s name. Choose another name.",
  ),
  description: z
    .string()
    .trim()
    .max(500, "The description has at most 500 characters.")
    .transform((v) => v || null),
});

/** Validates name, description and settings together, so that every field's error is shown at once. */
function parseInput(
  input: unknown,
  kind: "global" | "custom",
): { name: string; description: string | null; settings: CustomPolicySettings } {
  const raw = (input ?? {}) as { name?: unknown; description?: unknown; settings?: unknown };
  const fieldErrors: Record<string, string> = {};
  let meta: z.infer<typeof metaSchema> | null = null;
  if (kind === "custom") {
    const m = metaSchema.safeParse({ name: raw.name ?? "", description: raw.description ?? "" });
    if (m.success) meta = m.data;
    else for (const i of m.error.issues) fieldErrors[String(i.path[0])] ??= i.message;
  } else {
    const d = z
      .string()
      .trim()
      .max(500, "The description has at most 500 characters.")
      .safeParse(raw.description ?? "");
    if (d.success) meta = { name: GLOBAL_POLICY_NAME, description: d.data || null };
    else fieldErrors.description = d.error.issues[0]!.message;
  }
  const schema = kind === "global" ? completeGlobalPolicySettingsSchema : customPolicySettingsSchema;
  const s = schema.safeParse(raw.settings ?? {});
  if (!s.success) for (const i of s.error.issues) fieldErrors[fieldForIssuePath(i.path)] ??= i.message;
  if (Object.keys(fieldErrors).length || !meta || !s.success)
    throw validationError(fieldErrors, "Nothing was saved. Correct the highlighted fields.");
  return { ...meta, settings: s.data };
}

/** A readable snapshot for the Administrator Log: each set section as one line. */
function snapshot(p: {
  name: string;
  description: string | null;
  settings: CustomPolicySettings;
}): Record<string, string | null> {
  const out: Record<string, string | null> = { name: p.name, description: p.description };
  for (const key of SECTION_KEYS) {
    const v = p.settings[key];
    out[SECTION_LABELS[key]] =
      v === undefined
        ? "Not configured (inherited)"
        : describeSection(key, v as CompletePolicySettings[typeof key]).join("; ");
  }
  return out;
}

const nameTaken = () =>
  validationError(
    { name: "A policy with this name already exists. Choose another name." },
    "Nothing was saved. Correct the highlighted fields.",
  );

export async function createPolicy(actor: Actor, input: unknown): Promise<PolicyView> {
  assertCan(actor, "policies:manage");
  const p = parseInput(input, "custom");
  if (await findPolicyIdByName(p.name)) throw nameTaken();
  let id: string;
  try {
    id = (
      await insertPolicy({ name: p.name, description: p.description, settings: serializePolicySettings(p.settings) })
    ).id;
  } catch (e) {
    if (isPolicyNameConflict(e)) throw nameTaken();
    throw e;
  }
  invalidatePolicyCache();
  await audit(actor, {
    action: "policy.create",
    targetType: "policy",
    targetId: id,
    targetLabel: p.name,
    after: snapshot(p),
  });
  return getPolicyForConsole(actor, id);
}

/** Saves the editor: the Global Policy's sections (its name is fixed), or a custom policy's name, description and sections. */
export async function updatePolicy(actor: Actor, id: string, input: unknown): Promise<PolicyView> {
  assertCan(actor, "policies:manage");
  const current = await findPolicyById(id);
  if (!current) throw new AppError("not_found", "That policy does not exist or was deleted.");
  const p = parseInput(input, current.isGlobal ? "global" : "custom");
  if (!current.isGlobal && p.name !== current.name) {
    const other = await findPolicyIdByName(p.name);
    if (other && other !== id) throw nameTaken();
  }
  try {
    await updatePolicyRow(id, {
      name: current.isGlobal ? undefined : p.name,
      description: p.description,
      settings: serializePolicySettings(p.settings),
    });
  } catch (e) {
    if (isPolicyNameConflict(e)) throw nameTaken();
    throw e;
  }
  invalidatePolicyCache();
  const before = toView(current);
  const diff = changedFields(snapshot(before), snapshot(p), [
    "name",
    "description",
    ...SECTION_KEYS.map((k) => SECTION_LABELS[k]),
  ]);
  if (diff)
    await audit(actor, { action: "policy.update", targetType: "policy", targetId: id, targetLabel: p.name, ...diff });
  return getPolicyForConsole(actor, id);
}

const where = (a: PolicyView["appliedTo"][number]) =>
  a.groupName ? `${a.applicationName} (group ${a.groupName})` : `${a.applicationName} (whole application)`;

/** Deletes a custom policy and its assignments; the Global Policy cannot be deleted. */
export async function deletePolicy(actor: Actor, id: string): Promise<void> {
  assertCan(actor, "policies:manage");
  const current = await findPolicyById(id);
  if (!current) throw new AppError("not_found", "That policy does not exist or was deleted.");
  if (current.isGlobal) throw new AppError("conflict", "The Global Policy cannot be deleted.");
  const view = toView(current);
  if ((await deleteCustomPolicy(id)) === 0)
    throw new AppError("not_found", "That policy does not exist or was deleted.");
  invalidatePolicyCache();
  await audit(actor, {
    action: "policy.delete",
    targetType: "policy",
    targetId: id,
    targetLabel: current.name,
    before: { ...snapshot(view), "applied to": view.appliedTo.map(where).join("; ") || "nothing" },
  });
}

/** Where a policy is applied, as the delete confirmation lists it. */
export const describeAppliedTo = (p: Pick<PolicyView, "appliedTo">) => p.appliedTo.map(where);

export type { SectionKey };
