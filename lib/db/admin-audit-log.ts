// Repository: the administrator audit log (Reports > Administrator Log).
import { dbReady } from "./client";

export type AuditEntryInput = {
  adminId: string | null;
  actorLabel: string;
  action: string;
  targetType?: string;
  targetId?: string;
  targetLabel?: string;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
};

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

export async function insertAuditEntry(e: AuditEntryInput): Promise<void> {
  await (
    await dbReady()
  ).adminAuditLog.create({
    data: {
      adminId: e.adminId,
      actorLabel: e.actorLabel,
      action: e.action,
      targetType: e.targetType ?? null,
      targetId: e.targetId ?? null,
      targetLabel: e.targetLabel ?? null,
      targetLabelNormalized: e.targetLabel ? e.targetLabel.toLowerCase() : null,
      before: json(e.before),
      after: json(e.after),
      ip: e.ip ?? null,
    },
  });
}

export type AuditEntryRow = {
  id: string;
  createdAt: Date;
  adminId: string | null;
  actorLabel: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  targetLabel: string | null;
  before: string | null;
  after: string | null;
  ip: string | null;
};

export type AuditEntryFilter = {
  since?: Date;
  until?: Date;
  /** null: entries without an administrator. */
  adminId?: string | null;
  /** Exact action code. */
  actionIs?: string;
  /** Actions starting with this (e.g. "settings."). */
  action?: string;
  targetType?: string;
  /** Lower-case start of the object's name. */
  search?: string;
};

const select = {
  id: true,
  createdAt: true,
  adminId: true,
  actorLabel: true,
  action: true,
  targetType: true,
  targetId: true,
  targetLabel: true,
  before: true,
  after: true,
  ip: true,
} as const;

/** Newest first, keyset-paged on (createdAt, id). */
export async function listAuditEntries(
  opts: { limit: number; before?: { createdAt: Date; id: string } } & AuditEntryFilter,
): Promise<AuditEntryRow[]> {
  const createdAt = {
    ...(opts.since ? { gte: opts.since } : {}),
    ...(opts.until ? { lte: opts.until } : {}),
  };
  const where = {
    ...(opts.action ? { action: { startsWith: opts.action } } : {}),
    ...(opts.actionIs ? { action: opts.actionIs } : {}),
    ...(opts.adminId !== undefined ? { adminId: opts.adminId } : {}),
    ...(opts.targetType ? { targetType: opts.targetType } : {}),
    ...(opts.search ? { targetLabelNormalized: { startsWith: opts.search } } : {}),
    ...(opts.since || opts.until ? { createdAt } : {}),
    ...(opts.before
      ? {
          AND: [
            {
              OR: [
                { createdAt: { lt: opts.before.createdAt } },
                { createdAt: opts.before.createdAt, id: { lt: opts.before.id } },
              ],
            },
          ],
        }
      : {}),
  };
  return (await dbReady()).adminAuditLog.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: opts.limit,
    select,
  });
}

export async function findAuditEntry(id: string): Promise<AuditEntryRow | null> {
  return (await dbReady()).adminAuditLog.findUnique({ where: { id }, select });
}

/** Names of groups and applications by ID (for IDs stored in snapshots); missing ones are left out. */
export async function findNamesForAudit(ids: { groups: string[]; applications: string[] }) {
  const db = await dbReady();
  const [groups, applications] = await Promise.all([
    ids.groups.length
      ? db.group.findMany({ where: { id: { in: ids.groups } }, select: { id: true, name: true } })
      : Promise.resolve([]),
    ids.applications.length
      ? db.application.findMany({ where: { id: { in: ids.applications } }, select: { id: true, name: true } })
      : Promise.resolve([]),
  ]);
  return {
    groups: new Map(groups.map((g) => [g.id, g.name])),
    applications: new Map(applications.map((a) => [a.id, a.name])),
  };
}
