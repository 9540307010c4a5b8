// Repository: the Authentication Log (one row per sign-in ending, success or not).
import { dbReady } from "./client";

export type AuthLogInput = {
  userId?: string | null;
  username?: string | null;
  applicationId?: string | null;
  applicationName?: string | null;
  result: "SUCCESS" | "DENIED" | "FAILURE";
  reason: string;
  factor?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  endpointId?: string | null;
  detail?: unknown;
};

export async function insertAuthLog(e: AuthLogInput): Promise<void> {
  await (await dbReady()).authLog.create({
    data: {
      userId: e.userId ?? null,
      username: e.username?.slice(0, 256) ?? null,
      applicationId: e.applicationId ?? null,
      applicationName: e.applicationName ?? null,
      result: e.result,
      reason: e.reason,
      factor: e.factor ?? null,
      ip: e.ip ?? null,
      userAgent: e.userAgent?.slice(0, 512) ?? null,
      endpointId: e.endpointId ?? null,
      detail: e.detail === undefined ? null : JSON.stringify(e.detail).slice(0, 4000),
    },
  });
}

export async function listRecentAuthLogs(limit: number) {
  return (await dbReady()).authLog.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit });
}

export type AuthLogRow = {
  id: string;
  createdAt: Date;
  username: string | null;
  applicationName: string | null;
  result: string;
  reason: string;
  factor: string | null;
  ip: string | null;
  userAgent: string | null;
};

/** Newest first, keyset-paged on (createdAt, id); optionally one application's rows. */
export async function listAuthLogs(opts: { limit: number; before?: { createdAt: Date; id: string }; applicationId?: string }): Promise<AuthLogRow[]> {
  return (await dbReady()).authLog.findMany({
    where: {
      ...(opts.applicationId ? { applicationId: opts.applicationId } : {}),
      ...(opts.before ? { OR: [{ createdAt: { lt: opts.before.createdAt } }, { createdAt: opts.before.createdAt, id: { lt: opts.before.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: opts.limit,
    select: { id: true, createdAt: true, username: true, applicationName: true, result: true, reason: true, factor: true, ip: true, userAgent: true },
  });
}
