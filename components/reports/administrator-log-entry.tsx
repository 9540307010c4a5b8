// One Administrator Log entry in full, for the detail drawer: every value in words, the
// values before and after side by side.
import type { ReactNode } from "react";
import type { AdminLogEntry } from "@/lib/services/admin-log";
import { authLogDateFmt } from "./auth-log-format";

function Snapshot({ title, fields, testId }: { title: string; fields: AdminLogEntry["before"]; testId: string }) {
  return (
    <section aria-label={title} data-testid={testId}>
      <h3 className="mb-2 text-sm font-semibold text-slate-900">{title}</h3>
      {fields.length === 0 ? (
        <p className="text-sm text-slate-600">—</p>
      ) : (
        <dl className="grid grid-cols-[minmax(8rem,auto)_1fr] gap-x-3 gap-y-1.5 text-sm">
          {fields.map((f) => (
            <div key={f.key} className="contents">
              <dt className="text-slate-600">{f.label}</dt>
              <dd className="break-words whitespace-pre-wrap text-slate-900">{f.value}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

export function AdministratorLogEntryDetails({ entry }: { entry: AdminLogEntry }) {
  const rows: [string, ReactNode][] = [
    [
      "Time (UTC)",
      <time key="t" dateTime={entry.createdAt.toISOString()}>
        {`${authLogDateFmt.format(entry.createdAt)} (${entry.createdAt.toISOString()})`}
      </time>,
    ],
    ["Administrator", entry.actorLabel],
    [
      "Action",
      <span key="a">
        {entry.actionLabel} <span className="font-mono text-xs text-slate-600">({entry.action})</span>
      </span>,
    ],
    ["Object", entry.objectLabel],
    ["Name", entry.targetLabel],
    ["IP address", entry.ip && <span className="font-mono">{entry.ip}</span>],
    [
      "Entry ID",
      <span key="id" className="font-mono text-xs">
        {entry.id}
      </span>,
    ],
  ];
  return (
    <div className="space-y-6">
      <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-2 text-sm" data-testid="adminlog-entry">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="font-medium text-slate-600">{label}</dt>
            <dd className="break-words text-slate-900">{value || <span className="text-slate-500">—</span>}</dd>
          </div>
        ))}
      </dl>
      <div className="grid gap-6 border-t border-slate-200 pt-4">
        <Snapshot title="Before" fields={entry.before} testId="adminlog-before" />
        <Snapshot title="After" fields={entry.after} testId="adminlog-after" />
      </div>
    </div>
  );
}
