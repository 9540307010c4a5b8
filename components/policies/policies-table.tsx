"use client";
import Link from "next/link";
import { createColumnHelper } from "@tanstack/react-table";
import { DataTable, type DataTableFeatures } from "@/components/data-table/data-table";

export type PolicyListItem = {
  id: string;
  name: string;
  description: string | null;
  sections: string[];
  appliedTo: string[];
  updatedAt: string;
};

const dateFmt = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const h = createColumnHelper<DataTableFeatures, PolicyListItem>();
const columns = h.columns([
  h.accessor("name", {
    header: "Name",
    cell: (c) => (
      <div>
        <Link
          href={`/admin/policies/${c.row.original.id}`}
          className="font-medium text-emerald-800 underline-offset-2 hover:underline"
        >
          {c.getValue()}
        </Link>
        {c.row.original.description && <p className="mt-0.5 text-xs text-slate-500">{c.row.original.description}</p>}
      </div>
    ),
  }),
  h.accessor("sections", {
    header: "Sections set",
    cell: (c) =>
      c.getValue().length ? (
        c.getValue().join(", ")
      ) : (
        <span className="text-slate-500">None (inherits everything)</span>
      ),
  }),
  h.accessor("appliedTo", {
    header: "Applied to",
    cell: (c) =>
      c.getValue().length ? (
        <ul className="space-y-0.5">
          {c.getValue().map((a) => (
            <li key={a}>{a}</li>
          ))}
        </ul>
      ) : (
        <span className="text-slate-500">Not applied</span>
      ),
  }),
  h.accessor("updatedAt", { header: "Last modified", cell: (c) => dateFmt.format(new Date(c.getValue())) }),
]);

export function PoliciesTable({ rows }: { rows: PolicyListItem[] }) {
  return (
    <DataTable caption="Custom policies" columns={columns} data={rows} getRowId={(r) => r.id} rowTestId="policy-row" />
  );
}
