"use client";
import { createColumnHelper } from "@tanstack/react-table";
import { DataTable, type DataTableFeatures } from "@/components/data-table/data-table";
import type { AdminLogEntry } from "@/lib/services/admin-log";

const ACTION_LABELS: Record<string, string> = {
  "admin.create": "Administrator added",
  "admin.role_change": "Administrator role changed",
  "admin.remove": "Administrator removed",
  "admin.login": "Signed in",
  "admin.totp_enrolled": "Signed in and enrolled authenticator",
  "admin.login_failed": "Failed sign-in",
  "settings.update": "Settings changed",
};

const dateFmt = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

function Snapshot({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="text-slate-400">—</span>;
  if (typeof value !== "object") return <span>{String(value)}</span>;
  return (
    <dl className="grid min-w-[14rem] grid-cols-[auto_1fr] gap-x-2 text-xs">
      {Object.entries(value as Record<string, unknown>).map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-slate-500">{k}</dt>
          <dd className="font-mono break-words text-slate-800">{v === undefined || v === null ? "—" : typeof v === "object" ? JSON.stringify(v) : String(v)}</dd>
        </div>
      ))}
    </dl>
  );
}

const h = createColumnHelper<DataTableFeatures, AdminLogEntry>();
const columns = h.columns([
  h.accessor("createdAt", { header: "Time (UTC)", cell: (c) => <time className="whitespace-nowrap" dateTime={c.getValue().toISOString()}>{dateFmt.format(c.getValue())}</time> }),
  h.accessor("actorLabel", { header: "Administrator" }),
  h.accessor("action", { header: "Action", cell: (c) => ACTION_LABELS[c.getValue()] ?? c.getValue() }),
  h.accessor("targetLabel", { header: "Target", cell: (c) => c.getValue() ?? "—" }),
  h.accessor("before", { header: "Before", cell: (c) => <Snapshot value={c.getValue()} /> }),
  h.accessor("after", { header: "After", cell: (c) => <Snapshot value={c.getValue()} /> }),
  h.accessor("ip", { header: "IP address", cell: (c) => c.getValue() ?? "—" }),
]);

export function AdministratorLogTable({ rows, nextCursor, isFirstPage }: { rows: AdminLogEntry[]; nextCursor: string | null; isFirstPage: boolean }) {
  return <DataTable caption="Administrator Log" columns={columns} data={rows} getRowId={(r) => r.id} nextCursor={nextCursor} isFirstPage={isFirstPage} rowTestId="adminlog-row" />;
}
