// Repository: the SAML trace of each application (bounded: the newest TRACE_KEEP per
// application, none older than TRACE_RETENTION_MS).
import { dbReady } from "./client";

export const TRACE_KEEP = 50;
export const TRACE_RETENTION_MS = 7 * 24 * 60 * 60_000;

export type TraceEntryInput = {
  applicationId: string;
  direction: "IN" | "OUT";
  messageType: string;
  binding: string | null;
  messageId: string | null;
  verdict: "ACCEPTED" | "REFUSED" | "SENT" | "FAILED" | "TEST";
  reasonCode: string | null;
  reason: string | null;
  summary: Record<string, unknown> | null;
  xml: string | null;
};

export type TraceEntry = Omit<TraceEntryInput, "summary"> & {
  id: string;
  createdAt: Date;
  summary: Record<string, unknown> | null;
};

/** The create data of one entry (also written inside a round trip's transaction, lib/db/sign-in-state). */
export const traceEntryData = (e: TraceEntryInput, now: Date) => ({
  ...e,
  summary: e.summary ? JSON.stringify(e.summary) : null,
  createdAt: now,
});

/** Stores one entry, then drops what is beyond the bounds for that application. */
export async function insertTraceEntry(e: TraceEntryInput, now = new Date()): Promise<string> {
  const db = await dbReady();
  const row = await db.samlTraceEntry.create({ data: traceEntryData(e, now), select: { id: true } });
  await pruneTraceEntries(e.applicationId, now);
  return row.id;
}

/** Drops an application's entries beyond the newest TRACE_KEEP and those older than TRACE_RETENTION_MS. */
export async function pruneTraceEntries(applicationId: string, now = new Date()): Promise<void> {
  const db = await dbReady();
  const e = { applicationId };
  const cutoff = await db.samlTraceEntry.findMany({
    where: { applicationId: e.applicationId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: TRACE_KEEP,
    take: 1,
    select: { createdAt: true },
  });
  await db.samlTraceEntry.deleteMany({
    where: {
      applicationId: e.applicationId,
      OR: [
        { createdAt: { lt: new Date(now.getTime() - TRACE_RETENTION_MS) } },
        ...(cutoff[0] ? [{ createdAt: { lte: cutoff[0].createdAt } }] : []),
      ],
    },
  });
}

function toEntry(r: {
  id: string;
  createdAt: Date;
  applicationId: string;
  direction: string;
  messageType: string;
  binding: string | null;
  messageId: string | null;
  verdict: string;
  reasonCode: string | null;
  reason: string | null;
  summary: string | null;
  xml: string | null;
}): TraceEntry {
  let summary: Record<string, unknown> | null = null;
  try {
    summary = r.summary ? (JSON.parse(r.summary) as Record<string, unknown>) : null;
  } catch {
    summary = null;
  }
  return {
    ...r,
    direction: r.direction as TraceEntry["direction"],
    verdict: r.verdict as TraceEntry["verdict"],
    summary,
  };
}

/** The newest entries of an application, newest first, within the retention period. */
export async function listTraceEntries(applicationId: string, now = new Date()): Promise<TraceEntry[]> {
  const rows = await (
    await dbReady()
  ).samlTraceEntry.findMany({
    where: { applicationId, createdAt: { gte: new Date(now.getTime() - TRACE_RETENTION_MS) } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: TRACE_KEEP,
  });
  return rows.map(toEntry);
}

/** Removes entries past the retention period (all applications). */
export async function purgeTraceEntries(now = new Date()): Promise<number> {
  const r = await (
    await dbReady()
  ).samlTraceEntry.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - TRACE_RETENTION_MS) } } });
  return r.count;
}
