"use client";
import Link from "next/link";
import { createColumnHelper } from "@tanstack/react-table";
import { DataTable, type DataTableFeatures } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/badge";

export type EndpointRow = {
  id: string;
  deviceId: string;
  hostname: string | null;
  os: string | null;
  owner: string | null;
  trustedNow: boolean;
  integration: { id: string; name: string; enabled: boolean } | null;
  edrStatus: string | null;
  edrCheckedAt: string | null;
  lastSeenAt: string | null;
  activeCertificates: number;
};

const dateFmt = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const EDR: Record<string, { label: string; tone: "red" | "green" | "slate" }> = {
  COMPROMISED: { label: "Compromised", tone: "red" },
  NOT_COMPROMISED: { label: "Not compromised", tone: "green" },
  UNKNOWN: { label: "Not found in Cisco", tone: "slate" },
};

const h = createColumnHelper<DataTableFeatures, EndpointRow>();
const columns = h.columns([
  h.accessor("deviceId", {
    header: "Device",
    cell: (c) => (
      <div>
        <div className="font-medium text-slate-900">{c.row.original.hostname ?? c.getValue()}</div>
        <div className="font-mono text-xs text-slate-500">{c.getValue()}</div>
        {c.row.original.activeCertificates > 0 && <div className="text-xs text-slate-500">Certificate issued</div>}
      </div>
    ),
  }),
  h.accessor("os", { header: "OS", cell: (c) => c.getValue() ?? <span className="text-slate-500">—</span> }),
  h.accessor("owner", { header: "Owner", cell: (c) => c.getValue() ?? <span className="text-slate-500">—</span> }),
  h.accessor("integration", {
    header: "Trusted by",
    cell: (c) => {
      const i = c.getValue();
      if (!i) return <Badge tone="amber">Not trusted</Badge>;
      return (
        <div className="space-y-1">
          <Link
            href={`/admin/trusted-endpoints/integrations/${i.id}`}
            className="text-emerald-800 underline-offset-2 hover:underline"
          >
            {i.name}
          </Link>
          {!i.enabled && (
            <div>
              <Badge tone="slate">Integration disabled</Badge>
            </div>
          )}
        </div>
      );
    },
  }),
  h.accessor("edrStatus", {
    header: "Cisco Secure Endpoint",
    cell: (c) => {
      const s = c.getValue();
      if (!s) return <span className="text-slate-500">Not checked</span>;
      const e = EDR[s] ?? { label: s, tone: "slate" as const };
      return (
        <div>
          <Badge tone={e.tone}>{e.label}</Badge>
          {c.row.original.edrCheckedAt && (
            <div className="mt-1 text-xs text-slate-500">{dateFmt.format(new Date(c.row.original.edrCheckedAt))}</div>
          )}
        </div>
      );
    },
  }),
  h.accessor("lastSeenAt", {
    header: "Last seen",
    cell: (c) =>
      c.getValue() ? dateFmt.format(new Date(c.getValue()!)) : <span className="text-slate-500">Never</span>,
  }),
]);

export function EndpointsTable({
  rows,
  nextCursor,
  isFirstPage,
}: {
  rows: EndpointRow[];
  nextCursor: string | null;
  isFirstPage: boolean;
}) {
  return (
    <DataTable
      caption="Endpoints"
      columns={columns}
      data={rows}
      getRowId={(r) => r.id}
      nextCursor={nextCursor}
      isFirstPage={isFirstPage}
      rowTestId="endpoint-row"
    />
  );
}
