"use client";
import { createColumnHelper } from "@tanstack/react-table";
import { DataTable, type DataTableFeatures } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/badge";

export type PreviewRow = {
  line: number;
  username: string;
  verdict: "create" | "update" | "unchanged" | "error";
  problems: string[];
  changes: string[];
};

const VERDICT: Record<PreviewRow["verdict"], { label: string; tone: "green" | "sky" | "slate" | "red" }> = {
  create: { label: "Will create", tone: "green" },
  update: { label: "Will update", tone: "sky" },
  unchanged: { label: "No change", tone: "slate" },
  error: { label: "Problem", tone: "red" },
};

const h = createColumnHelper<DataTableFeatures, PreviewRow>();
const columns = h.columns([
  h.accessor("line", {
    header: "Line",
    cell: (c) => <span className="tabular-nums text-slate-600">{c.getValue()}</span>,
  }),
  h.accessor("username", {
    header: "Username",
    cell: (c) => c.getValue() || <span className="text-slate-500">(none)</span>,
  }),
  h.accessor("verdict", {
    header: "Verdict",
    cell: (c) => {
      const v = VERDICT[c.getValue()];
      return <Badge tone={v.tone}>{v.label}</Badge>;
    },
  }),
  h.display({
    id: "details",
    header: "Details",
    cell: (c) => {
      const r = c.row.original;
      if (r.problems.length)
        return (
          <ul className="list-disc space-y-0.5 pl-4 text-red-800">
            {r.problems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        );
      if (r.changes.length) return <span className="text-slate-700">Changes {r.changes.join(", ")}.</span>;
      if (r.verdict === "create")
        return <span className="text-slate-600">New user, not enrolled until they add an authenticator.</span>;
      return <span className="text-slate-500">Already up to date.</span>;
    },
  }),
]);

export function PreviewTable({ rows }: { rows: PreviewRow[] }) {
  return (
    <DataTable
      caption="Import preview: one verdict per row of the file"
      columns={columns}
      data={rows}
      getRowId={(r) => String(r.line)}
      rowTestId="import-row"
    />
  );
}
