// Repository: policies and their assignments to applications (and groups within them).
import { dbReady } from "./client";

export const GLOBAL_POLICY_NAME = "Global Policy";

export type PolicyRow = { id: string; name: string; isGlobal: boolean; description: string | null; settings: string; updatedAt: Date };
export type AssignmentRow = { id: string; groupId: string | null; position: number; policy: PolicyRow };

const policySelect = { id: true, name: true, isGlobal: true, description: true, settings: true, updatedAt: true } as const;

export async function findGlobalPolicy(): Promise<PolicyRow | null> {
  return (await dbReady()).policy.findFirst({ where: { isGlobal: true }, select: policySelect });
}

/** Creates the Global Policy with `settings` unless it exists (safe when two processes race). */
export async function ensureGlobalPolicy(settings: string): Promise<PolicyRow> {
  const db = await dbReady();
  const existing = await findGlobalPolicy();
  if (existing) return existing;
  try {
    return await db.policy.create({ data: { name: GLOBAL_POLICY_NAME, isGlobal: true, settings }, select: policySelect });
  } catch (e) {
    const again = await findGlobalPolicy(); // lost the race on the unique name
    if (again) return again;
    throw e;
  }
}

/** An application's assignments: the whole-application one first, then group ones by position. */
export async function listAssignmentsForApplication(applicationId: string): Promise<AssignmentRow[]> {
  const rows = await (await dbReady()).policyAssignment.findMany({
    where: { applicationId },
    select: { id: true, groupId: true, position: true, policy: { select: policySelect } },
    orderBy: [{ position: "asc" }, { id: "asc" }],
  });
  return rows.sort((a, b) => Number(a.groupId !== null) - Number(b.groupId !== null));
}
