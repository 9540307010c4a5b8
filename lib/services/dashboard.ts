// Dashboard figures: tenant counts, authentications by result over time, users by status.
import { countAuthLogsInBuckets, countTenant, countUsersByStatus } from "../db/stats";
import { allows, assertCan, type Actor } from "./actor";
import { AUTH_LOG_RESULTS, type AuthLogResult } from "./auth-log-reasons";

export const CHART_RANGES = {
  "24h": { label: "Last 24 hours", bucketHours: 1, buckets: 24 },
  "7d": { label: "Last 7 days", bucketHours: 6, buckets: 28 },
  "30d": { label: "Last 30 days", bucketHours: 24, buckets: 30 },
} as const;
export type ChartRange = keyof typeof CHART_RANGES;
export const isChartRange = (v: unknown): v is ChartRange => typeof v === "string" && v in CHART_RANGES;

export type ChartBucket = { start: Date; end: Date; counts: Record<AuthLogResult, number> };
export type AuthChart = {
  range: ChartRange;
  label: string;
  bucketHours: number;
  buckets: ChartBucket[];
  totals: Record<AuthLogResult, number>;
};

const HOUR = 3600_000;
const zero = (): Record<AuthLogResult, number> => ({ SUCCESS: 0, DENIED: 0, FAILURE: 0 });

/** The range's buckets, oldest first, aligned to UTC hours (or days); the last one holds `now`. */
export function chartBounds(range: ChartRange, now: Date): Date[] {
  const spec = CHART_RANGES[range];
  const size = spec.bucketHours * HOUR;
  const lastStart = Math.floor(now.getTime() / size) * size;
  const firstStart = lastStart - (spec.buckets - 1) * size;
  return Array.from({ length: spec.buckets + 1 }, (_, i) => new Date(firstStart + i * size));
}

/** Authentications by result over the range (needs authlog:view). */
export async function getAuthenticationChart(
  actor: Actor,
  range: ChartRange = "7d",
  now = new Date(),
): Promise<AuthChart> {
  assertCan(actor, "authlog:view");
  const spec = CHART_RANGES[range];
  const bounds = chartBounds(range, now);
  const counts = await countAuthLogsInBuckets(bounds);
  const totals = zero();
  const buckets: ChartBucket[] = bounds.slice(0, -1).map((start, i) => {
    const c = zero();
    for (const r of AUTH_LOG_RESULTS) {
      c[r] = counts[r]?.[i] ?? 0;
      totals[r] += c[r];
    }
    return { start, end: bounds[i + 1]!, counts: c };
  });
  return { range, label: spec.label, bucketHours: spec.bucketHours, buckets, totals };
}

export const USER_STATUSES = [
  { value: "ACTIVE", label: "Active" },
  { value: "BYPASS", label: "Bypass" },
  { value: "DISABLED", label: "Disabled" },
  { value: "LOCKED_OUT", label: "Locked Out" },
] as const;

/** Users by status (trash excluded) and by enrollment (needs users:view). */
export async function getUserStatusCounts(actor: Actor) {
  assertCan(actor, "users:view");
  const { byStatus, enrolled, notEnrolled } = await countUsersByStatus();
  return {
    statuses: USER_STATUSES.map((s) => ({ ...s, count: Math.max(0, byStatus[s.value] ?? 0) })),
    enrolled: Math.max(0, enrolled),
    notEnrolled: Math.max(0, notEnrolled),
  };
}

/** Everything the dashboard shows that the actor's role may see. */
export async function getDashboard(actor: Actor, opts: { range?: ChartRange; now?: Date } = {}) {
  assertCan(actor, "dashboard:view");
  const [counts, chart, users] = await Promise.all([
    countTenant(),
    allows(actor, "authlog:view") ? getAuthenticationChart(actor, opts.range ?? "7d", opts.now) : Promise.resolve(null),
    allows(actor, "users:view") ? getUserStatusCounts(actor) : Promise.resolve(null),
  ]);
  return { counts, chart, userStatus: users };
}
