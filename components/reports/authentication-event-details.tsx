// The whole Authentication Log record, for the event drawer.
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import type { AuthenticationEventView } from "@/lib/services/auth-log";
import { authLogDateFmt, RESULT_TONE } from "./auth-log-format";

export function AuthenticationEventDetails({ event }: { event: AuthenticationEventView }) {
  const rows: [string, ReactNode][] = [
    [
      "Time (UTC)",
      <time
        key="t"
        dateTime={event.createdAt.toISOString()}
      >{`${authLogDateFmt.format(event.createdAt)} (${event.createdAt.toISOString()})`}</time>,
    ],
    [
      "Result",
      <Badge key="r" tone={RESULT_TONE[event.result as keyof typeof RESULT_TONE] ?? "slate"}>
        {event.resultLabel}
      </Badge>,
    ],
    [
      "Reason",
      <span key="re">
        {event.reasonLabel} <span className="font-mono text-xs text-slate-500">({event.reason})</span>
      </span>,
    ],
    ["User", event.username],
    ["User ID", event.userId && <span className="font-mono text-xs">{event.userId}</span>],
    ["Application", event.applicationName],
    ["Application ID", event.applicationId && <span className="font-mono text-xs">{event.applicationId}</span>],
    ["Factor", event.factorLabel],
    ["IP address", event.ip && <span className="font-mono">{event.ip}</span>],
    ["Browser", event.browser],
    ["Operating system", event.os],
    ["User agent", event.userAgent && <span className="font-mono text-xs break-all">{event.userAgent}</span>],
    ["Endpoint", event.endpointId && <span className="font-mono text-xs">{event.endpointId}</span>],
    [
      "Event ID",
      <span key="id" className="font-mono text-xs">
        {event.id}
      </span>,
    ],
  ];
  return (
    <div data-testid="event-details">
      <dl className="divide-y divide-slate-100 text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="grid grid-cols-3 gap-3 py-2">
            <dt className="font-medium text-slate-600">{label}</dt>
            <dd className="col-span-2 text-slate-900">{value ?? <span className="text-slate-500">—</span>}</dd>
          </div>
        ))}
      </dl>
      <h3 className="mt-6 text-sm font-semibold text-slate-900">Detail</h3>
      {event.detailPretty ? (
        <pre
          className="mt-2 max-h-96 overflow-auto rounded-md bg-slate-900 p-4 font-mono text-xs text-slate-100"
          data-testid="event-detail-json"
          tabIndex={0}
          aria-label="Detail (JSON)"
        >
          {event.detailPretty}
        </pre>
      ) : (
        <p className="mt-1 text-sm text-slate-600">No further detail was recorded for this event.</p>
      )}
    </div>
  );
}
