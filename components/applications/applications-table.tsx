"use client";
import Link from "next/link";
import { createColumnHelper } from "@tanstack/react-table";
import { DataTable, type DataTableFeatures } from "@/components/data-table/data-table";

export type ApplicationListItem = {
  id: string;
  name: string;
  type: string;
  spEntityId: string | null;
  /** Admin API / Auth API applications have no service provider. */
  api?: boolean;
  createdAt: string;
};

const dateFmt = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
const h = createColumnHelper<DataTableFeatures, ApplicationListItem>();
const columns = h.columns([
  h.accessor("name", {
    header: "Name",
    cell: (c) => (
      <Link
        href={`/admin/applications/${c.row.original.id}`}
        className="font-medium text-emerald-800 underline-offset-2 hover:underline"
      >
        {c.getValue()}
      </Link>
    ),
  }),
  h.accessor("type", { header: "Type" }),
  h.accessor("spEntityId", {
    header: "Service provider Entity ID",
    cell: (c) =>
      c.row.original.api ? (
        <span className="text-slate-500">Not applicable (API)</span>
      ) : (
        (c.getValue() ?? <span className="text-amber-700">Not configured</span>)
      ),
  }),
  h.accessor("createdAt", { header: "Protected", cell: (c) => dateFmt.format(new Date(c.getValue())) }),
]);

export function ApplicationsTable({ rows }: { rows: ApplicationListItem[] }) {
  return (
    <DataTable
      caption="Applications"
      columns={columns}
      data={rows}
      getRowId={(r) => r.id}
      sortable={["name", "createdAt"]}
      rowTestId="application-row"
    />
  );
}
