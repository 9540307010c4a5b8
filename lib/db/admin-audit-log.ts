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
      before: json(e.before),
      after: json(e.after),
      ip: e.ip ?? null,
    },
  });
}

export type AuditEntryRow = {
  id: string;
  createdAt: Date;
  actorLabel: string;
  action: string;
  targetType: string | null;
  targetLabel: string | null;
  before: string | null;
  after: string | null;
  ip: string | null;
};

/** Newest first, keyset-paged on (createdAt, id). */
export async function listAuditEntries(opts: {
  limit: number;
  before?: { createdAt: Date; id: string };
  action?: string;
}): Promise<AuditEntryRow[]> {
  const where = {
    ...(opts.action ? { action: { startsWith: opts.action } } : {}),
    ...(opts.before
      ? {
          OR: [
            { createdAt: { lt: opts.before.createdAt } },
            { createdAt: opts.before.createdAt, id: { lt: opts.before.id } },
          ],
        }
      : {}),
  };
  return (await dbReady()).adminAuditLog.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: opts.limit,
    select: {
      id: true,
      createdAt: true,
      actorLabel: true,
      action: true,
      targetType: true,
      targetLabel: true,
      before: true,
      after: true,
      ip: true,
    },
  });
}
