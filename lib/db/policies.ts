// Repository: policies and their assignments to applications (and groups within them).
import { dbReady } from "./client";
import { uniqueViolationFields } from "./errors";

export const GLOBAL_POLICY_NAME = "Global Policy";

export type PolicyRow = {
  id: string;
  name: string;
  isGlobal: boolean;
  description: string | null;
  settings: string;
  updatedAt: Date;
};
export type AssignmentRow = { id: string; groupId: string | null; position: number; policy: PolicyRow };

const policySelect = {
  id: true,
  name: true,
  isGlobal: true,
  description: true,
  settings: true,
  updatedAt: true,
} as const;

export async function findGlobalPolicy(): Promise<PolicyRow | null> {
  return (await dbReady()).policy.findFirst({ where: { isGlobal: true }, select: policySelect });
}

/** Creates the Global Policy with `settings` unless it exists (safe when two processes race). */
export async function ensureGlobalPolicy(settings: string): Promise<PolicyRow> {
  const db = await dbReady();
  const existing = await findGlobalPolicy();
  if (existing) return existing;
  try {
    return await db.policy.create({
      data: { name: GLOBAL_POLICY_NAME, isGlobal: true, settings },
      select: policySelect,
    });
  } catch (e) {
    const again = await findGlobalPolicy(); // lost the race on the unique name
    if (again) return again;
    throw e;
  }
}

/** An application's assignments: the whole-application one first, then group ones by position. */
export async function listAssignmentsForApplication(applicationId: string): Promise<AssignmentRow[]> {
  const rows = await (
    await dbReady()
  ).policyAssignment.findMany({
    where: { applicationId },
    select: { id: true, groupId: true, position: true, policy: { select: policySelect } },
    orderBy: [{ position: "asc" }, { id: "asc" }],
  });
  return rows.sort((a, b) => Number(a.groupId !== null) - Number(b.groupId !== null));
}

// ------------------------------------------------------------------ the Policies console

export type PolicyListRow = PolicyRow & {
  createdAt: Date;
  assignments: { applicationId: string; applicationName: string; groupId: string | null; groupName: string | null }[];
};

const assignmentTargets = {
  select: {
    applicationId: true,
    groupId: true,
    application: { select: { name: true } },
    group: { select: { name: true } },
  },
  orderBy: [{ application: { name: "asc" as const } }, { position: "asc" as const }],
};

type WithTargets = PolicyRow & {
  createdAt: Date;
  assignments: {
    applicationId: string;
    groupId: string | null;
    application: { name: string };
    group: { name: string } | null;
  }[];
};
const toListRow = (p: WithTargets): PolicyListRow => ({
  ...p,
  assignments: p.assignments.map((a) => ({
    applicationId: a.applicationId,
    applicationName: a.application.name,
    groupId: a.groupId,
    groupName: a.group?.name ?? null,
  })),
});

/** Every policy, the Global Policy first, then custom ones by name, with where each is applied. */
export async function listPolicies(): Promise<PolicyListRow[]> {
  const rows = await (
    await dbReady()
  ).policy.findMany({
    select: { ...policySelect, createdAt: true, assignments: assignmentTargets },
    orderBy: [{ isGlobal: "desc" }, { name: "asc" }],
  });
  return rows.map(toListRow);
}

export async function findPolicyById(id: string): Promise<PolicyListRow | null> {
  const row = await (
    await dbReady()
  ).policy.findUnique({ where: { id }, select: { ...policySelect, createdAt: true, assignments: assignmentTargets } });
  return row ? toListRow(row) : null;
}

export async function findPolicyIdByName(name: string): Promise<string | null> {
  return (await (await dbReady()).policy.findUnique({ where: { name }, select: { id: true } }))?.id ?? null;
}

export async function insertPolicy(data: {
  name: string;
  description: string | null;
  settings: string;
}): Promise<PolicyRow> {
  return (await dbReady()).policy.create({ data: { ...data, isGlobal: false }, select: policySelect });
}

export async function updatePolicyRow(
  id: string,
  data: { name?: string; description?: string | null; settings: string },
): Promise<PolicyRow> {
  return (await dbReady()).policy.update({ where: { id }, data, select: policySelect });
}

/** Deletes a custom policy and (cascade) its assignments. The Global Policy is never deleted here. */
export async function deleteCustomPolicy(id: string): Promise<number> {
  return (await (await dbReady()).policy.deleteMany({ where: { id, isGlobal: false } })).count;
}

/** True when the error is a unique violation on Policy.name (or one whose columns the database did not name). */
export function isPolicyNameConflict(e: unknown): boolean {
  const fields = uniqueViolationFields(e);
  return fields !== null && (fields.length === 0 || fields.includes("name"));
}

// ------------------------------------------------------------------ assignments

export type AssignmentDetail = {
  id: string;
  groupId: string | null;
  groupName: string | null;
  position: number;
  policyId: string;
  policyName: string;
};

/** One application's assignments for the console: the whole-application one, then group ones by position. */
export async function listAssignmentDetails(applicationId: string): Promise<AssignmentDetail[]> {
  const rows = await (
    await dbReady()
  ).policyAssignment.findMany({
    where: { applicationId },
    select: {
      id: true,
      groupId: true,
      position: true,
      group: { select: { name: true } },
      policy: { select: { id: true, name: true } },
    },
    orderBy: [{ position: "asc" }, { id: "asc" }],
  });
  return rows
    .map((r) => ({
      id: r.id,
      groupId: r.groupId,
      groupName: r.group?.name ?? null,
      position: r.position,
      policyId: r.policy.id,
      policyName: r.policy.name,
    }))
    .sort((a, b) => Number(a.groupId !== null) - Number(b.groupId !== null));
}

export async function findAssignment(
  id: string,
): Promise<{ id: string; applicationId: string; groupId: string | null; position: number; policyId: string } | null> {
  return (await dbReady()).policyAssignment.findUnique({
    where: { id },
    select: { id: true, applicationId: true, groupId: true, position: true, policyId: true },
  });
}

/** Replaces the application's whole-application policy (null: none). */
export async function setApplicationPolicy(applicationId: string, policyId: string | null): Promise<void> {
  const db = await dbReady();
  await db.$transaction(async (tx) => {
    await tx.policyAssignment.deleteMany({ where: { applicationId, groupId: null } });
    if (policyId) await tx.policyAssignment.create({ data: { applicationId, policyId, groupId: null, position: 0 } });
  });
}

/**
 * Applies `policyId` to `groupIds` within the application, after its existing group policies
 * (lowest precedence). A group that already has a group policy here gets the new one instead.
 */
export async function addGroupAssignments(
  applicationId: string,
  policyId: string,
  groupIds: readonly string[],
): Promise<void> {
  const db = await dbReady();
  await db.$transaction(async (tx) => {
    await tx.policyAssignment.deleteMany({ where: { applicationId, groupId: { in: [...groupIds] } } });
    const last = await tx.policyAssignment.aggregate({
      where: { applicationId, groupId: { not: null } },
      _max: { position: true },
    });
    let position = (last._max.position ?? 0) + 1;
    for (const groupId of groupIds)
      await tx.policyAssignment.create({ data: { applicationId, policyId, groupId, position: position++ } });
  });
}

export async function deleteAssignment(id: string): Promise<void> {
  await (await dbReady()).policyAssignment.deleteMany({ where: { id } });
}

/** Stores a new order of the application's group assignments (ids, highest precedence first). */
export async function reorderGroupAssignments(applicationId: string, orderedIds: readonly string[]): Promise<void> {
  const db = await dbReady();
  await db.$transaction(
    orderedIds.map((id, i) =>
      db.policyAssignment.updateMany({ where: { id, applicationId }, data: { position: i + 1 } }),
    ),
  );
}

export async function listGroupNames(ids: readonly string[]): Promise<{ id: string; name: string }[]> {
  if (ids.length === 0) return [];
  return (await dbReady()).group.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true } });
}
