// Policies: the Global Policy (always present, never deleted, every section set) and custom
// policies (create, rename, edit, delete). Every change is audited and drops the cached
// effective policies (invalidatePolicyCache).
import { z } from "zod";
import { AppError, validationError } from "../../errors";
import { FieldErrors, nameField } from "../../validation";
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

const NOT_SAVED = "Nothing was saved. Correct the highlighted fields.";

/**
 * Validates name, description and settings together, and (custom policies) that no other
 * policy has the name, so that every field's error is shown at once.
 */
async function parseInput(
  input: unknown,
  kind: "global" | "custom",
  exceptId?: string,
): Promise<{ name: string; description: string | null; settings: CustomPolicySettings }> {
  const raw = (input ?? {}) as { name?: unknown; description?: unknown; settings?: unknown };
  const errors = new FieldErrors();
  let meta: z.infer<typeof metaSchema> | null = null;
  if (kind === "custom") {
    meta = errors.parse(metaSchema, { name: raw.name ?? "", description: raw.description ?? "" });
    const name = nameField("policy name", 100).safeParse(raw.name ?? "");
    if (name.success) {
      const other = await findPolicyIdByName(name.data);
      if (other && other !== exceptId) errors.add("name", NAME_TAKEN);
    }
  } else {
    const d = z
      .string()
      .trim()
      .max(500, "The description has at most 500 characters.")
      .safeParse(raw.description ?? "");
    if (d.success) meta = { name: GLOBAL_POLICY_NAME, description: d.data || null };
    else errors.add("description", d.error.issues[0]!.message);
  }
  const schema = kind === "global" ? completeGlobalPolicySettingsSchema : customPolicySettingsSchema;
  const s = schema.safeParse(raw.settings ?? {});
  if (!s.success) for (const i of s.error.issues) errors.add(fieldForIssuePath(i.path), i.message);
  errors.throwIfAny(NOT_SAVED);
  return { ...meta!, settings: s.data! };
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

const NAME_TAKEN = "A policy with this name already exists. Choose another name.";
const nameTaken = () => validationError({ name: NAME_TAKEN }, NOT_SAVED);

export async function createPolicy(actor: Actor, input: unknown): Promise<PolicyView> {
  assertCan(actor, "policies:manage");
  const p = await parseInput(input, "custom");
  let id: string;
  try {
    id = (
      await insertPolicy({ name: p.name, description: p.description, settings: serializePolicySettings(p.settings) })
    ).id;
  } catch (e) {
    if (isPolicyNameConflict(e)) throw nameTaken();
    throw e;
  }
  await invalidatePolicyCache();
  await audit(actor, {
    action: "policy.create",
    targetType: "policy",
    targetId: id,
    targetLabel: p.name,
    after: snapshot(p),
  });
  return getPolicyForConsole(actor, id);
}

/**
 * Saves the editor: the Global Policy's sections (its name is fixed), or a custom policy's
 * name, description and sections. Returns whether anything changed: a save without changes
 * writes nothing and no audit entry.
 */
export async function updatePolicy(actor: Actor, id: string, input: unknown): Promise<boolean> {
  assertCan(actor, "policies:manage");
  const current = await findPolicyById(id);
  if (!current) throw new AppError("not_found", "That policy does not exist or was deleted.");
  const p = await parseInput(input, current.isGlobal ? "global" : "custom", id);
  const before = toView(current);
  const name = current.isGlobal ? current.name : p.name;
  const settings = serializePolicySettings(p.settings);
  const unchanged =
    name === current.name &&
    (p.description ?? null) === (current.description ?? null) &&
    settings === serializePolicySettings(before.settings);
  if (unchanged) return false;
  try {
    await updatePolicyRow(id, {
      name: current.isGlobal ? undefined : p.name,
      description: p.description,
      settings,
    });
  } catch (e) {
    if (isPolicyNameConflict(e)) throw nameTaken();
    throw e;
  }
  await invalidatePolicyCache();
  const diff = changedFields(snapshot(before), snapshot(p), [
    "name",
    "description",
    ...SECTION_KEYS.map((k) => SECTION_LABELS[k]),
  ]);
  if (diff)
    await audit(actor, { action: "policy.update", targetType: "policy", targetId: id, targetLabel: p.name, ...diff });
  return true;
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
  await invalidatePolicyCache();
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
