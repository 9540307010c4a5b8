// "Authentications" on the dashboard: a stacked bar chart of sign-ins by result over time,
// drawn as inline SVG by the server (no chart library, no JavaScript). Accessible: the SVG
// has a title and a description with the totals, a legend in text, and the same figures in
// a data table that sighted users can open and screen readers always reach.
import Link from "next/link";
import type { AuthChart } from "@/lib/services/dashboard";
import { CHART_RANGES, type ChartRange } from "@/lib/services/dashboard";
import { AUTH_LOG_RESULTS, RESULT_LABELS } from "@/lib/services/auth-log-reasons";
import { cx } from "@/components/ui/cx";

const COLORS = { SUCCESS: "#047857", DENIED: "#d97706", FAILURE: "#b91c1c" } as const; // emerald-700, amber-600, red-700
const W = 720;
const H = 220;
const PAD = { top: 12, right: 8, bottom: 28, left: 44 };

const fmt = (n: number) => n.toLocaleString("en-US");
const hourFmt = new Intl.DateTimeFormat("en-US", { hour: "numeric", timeZone: "UTC" });
const dayFmt = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
const fullFmt = new Intl.DateTimeFormat("en-US", {
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});

/** A round axis maximum with four whole-number steps (4, 8, 20, 40, 100, 200, 400, 1000, …). */
function niceMax(v: number): number {
  const raw = Math.max(v, 1) / 4;
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * p).find((s) => s >= raw && Number.isInteger(s)) ?? 10 * p;
  return Math.max(1, Math.ceil(step)) * 4;
}

function bucketLabel(chart: AuthChart, start: Date, short = false): string {
  if (chart.bucketHours >= 24) return dayFmt.format(start);
  if (short) return chart.bucketHours === 1 ? hourFmt.format(start) : dayFmt.format(start);
  return fullFmt.format(start);
}

export function AuthenticationsChart({ chart, rangeHref }: { chart: AuthChart; rangeHref: (r: ChartRange) => string }) {
  const total = AUTH_LOG_RESULTS.reduce((s, r) => s + chart.totals[r], 0);
  const max = niceMax(Math.max(0, ...chart.buckets.map((b) => b.counts.SUCCESS + b.counts.DENIED + b.counts.FAILURE)));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / chart.buckets.length;
  const barW = Math.max(2, slot * 0.7);
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const ticks = [0, max / 4, max / 2, (3 * max) / 4, max];
  const labelEvery = Math.ceil(chart.buckets.length / 8);
  const description = `${fmt(total)} authentications in the ${chart.label.toLowerCase()}: ${AUTH_LOG_RESULTS.map((r) => `${fmt(chart.totals[r])} ${RESULT_LABELS[r].toLowerCase()}`).join(", ")}. Each bar is ${chart.bucketHours >= 24 ? "one day" : chart.bucketHours === 1 ? "one hour" : `${chart.bucketHours} hours`} (UTC).`;

  return (
    <section
      aria-labelledby="auth-chart-title"
      className="rounded-lg border border-slate-200 bg-white shadow-sm"
      data-testid="auth-chart"
    >
      <header className="flex flex-wrap items-start justify-between gap-4 border-b border-slate-200 px-5 py-4">
        <div>
          <h2 id="auth-chart-title" className="text-base font-semibold text-slate-900">
            Authentications
          </h2>
          <p className="mt-0.5 text-sm text-slate-600">By result, {chart.label.toLowerCase()} (UTC).</p>
        </div>
        <nav aria-label="Chart time range" className="flex rounded-md border border-slate-300 text-sm">
          {(Object.keys(CHART_RANGES) as ChartRange[]).map((r) => (
            <Link
              key={r}
              href={rangeHref(r)}
              scroll={false}
              aria-current={r === chart.range ? "true" : undefined}
              className={cx(
                "px-3 py-1.5 first:rounded-l-md last:rounded-r-md focus-visible:outline-2 focus-visible:outline-emerald-600",
                r === chart.range ? "bg-emerald-700 text-white" : "text-slate-700 hover:bg-slate-50",
              )}
            >
              {CHART_RANGES[r].label}
            </Link>
          ))}
        </nav>
      </header>
      <div className="px-5 py-4">
        <ul className="mb-3 flex flex-wrap gap-x-6 gap-y-1 text-sm" aria-label="Legend">
          {AUTH_LOG_RESULTS.map((r) => (
            <li key={r} className="flex items-center gap-2">
              <span aria-hidden className="inline-block h-3 w-3 rounded-sm" style={{ backgroundColor: COLORS[r] }} />
              <span className="text-slate-700">{RESULT_LABELS[r]}</span>
              <span className="font-semibold text-slate-900" data-testid={`chart-total-${r.toLowerCase()}`}>
                {fmt(chart.totals[r])}
              </span>
            </li>
          ))}
        </ul>
        <svg
          viewBox={`0 0 ${W} ${H}`}
          role="img"
          aria-labelledby="auth-chart-svg-title auth-chart-svg-desc"
          className="h-auto w-full"
          preserveAspectRatio="none"
        >
          <title id="auth-chart-svg-title">{`Authentications by result, ${chart.label.toLowerCase()}`}</title>
          <desc id="auth-chart-svg-desc">{description}</desc>
          {ticks.map((t) => (
            <g key={t}>
              <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} stroke="#e2e8f0" strokeWidth={1} />
              <text x={PAD.left - 6} y={y(t) + 4} textAnchor="end" fontSize={11} fill="#64748b">
                {fmt(Math.round(t))}
              </text>
            </g>
          ))}
          {chart.buckets.map((b, i) => {
            const x = PAD.left + i * slot + (slot - barW) / 2;
            let acc = 0;
            return (
              <g key={b.start.toISOString()}>
                {AUTH_LOG_RESULTS.map((r) => {
                  const v = b.counts[r];
                  if (!v) return null;
                  const top = y(acc + v);
                  const height = y(acc) - top;
                  acc += v;
                  return (
                    <rect key={r} x={x} y={top} width={barW} height={Math.max(height, 0.5)} fill={COLORS[r]}>
                      <title>{`${bucketLabel(chart, b.start)}: ${fmt(v)} ${RESULT_LABELS[r].toLowerCase()}`}</title>
                    </rect>
                  );
                })}
                {i % labelEvery === 0 && (
                  <text x={x + barW / 2} y={H - 10} textAnchor="middle" fontSize={11} fill="#64748b">
                    {bucketLabel(chart, b.start, true)}
                  </text>
                )}
              </g>
            );
          })}
          <line x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} stroke="#94a3b8" strokeWidth={1} />
        </svg>
        {total === 0 && <p className="mt-2 text-sm text-slate-600">No sign-in attempts in this period yet.</p>}
        <details key={chart.range} className="mt-3 text-sm">
          <summary className="cursor-pointer text-slate-700 hover:text-slate-900">Show the data as a table</summary>
          <div className="mt-2 max-h-72 overflow-auto">
            <table className="min-w-full text-left text-sm" data-testid="auth-chart-table">
              <caption className="sr-only">
                Authentications by result per period, {chart.label.toLowerCase()} (UTC)
              </caption>
              <thead className="text-xs text-slate-600 uppercase">
                <tr>
                  <th scope="col" className="py-1 pr-4">
                    Period starting (UTC)
                  </th>
                  {AUTH_LOG_RESULTS.map((r) => (
                    <th key={r} scope="col" className="py-1 pr-4 text-right">
                      {RESULT_LABELS[r]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {chart.buckets.map((b) => (
                  <tr key={b.start.toISOString()}>
                    <th scope="row" className="py-1 pr-4 font-normal text-slate-700">
                      {bucketLabel(chart, b.start)}
                    </th>
                    {AUTH_LOG_RESULTS.map((r) => (
                      <td key={r} className="py-1 pr-4 text-right tabular-nums">
                        {fmt(b.counts[r])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </div>
    </section>
  );
}
