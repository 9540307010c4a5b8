"use client";
import Link from "next/link";
import { createColumnHelper } from "@tanstack/react-table";
import { DataTable, type DataTableFeatures } from "@/components/data-table/data-table";
import { GroupStatusBadge } from "./group-status";

export type GroupListItem = {
  id: string;
  name: string;
  description: string | null;
  status: string;
  memberCount: number;
};

const h = createColumnHelper<DataTableFeatures, GroupListItem>();
const columns = h.columns([
  h.accessor("name", {
    header: "Name",
    cell: (c) => (
      <Link
        href={`/admin/groups/${c.row.original.id}`}
        className="font-medium text-emerald-800 underline-offset-2 hover:underline"
      >
        {c.getValue()}
      </Link>
    ),
  }),
  h.accessor("description", {
    header: "Description",
    cell: (c) => c.getValue() ?? <span className="text-slate-500">—</span>,
  }),
  h.accessor("status", { header: "Status", cell: (c) => <GroupStatusBadge status={c.getValue()} /> }),
  h.accessor("memberCount", {
    header: "Users",
    cell: (c) => <span className="tabular-nums">{c.getValue().toLocaleString("en-US")}</span>,
  }),
]);

export function GroupsTable({
  rows,
  nextCursor,
  isFirstPage,
}: {
  rows: GroupListItem[];
  nextCursor: string | null;
  isFirstPage: boolean;
}) {
  return (
    <DataTable
      caption="Groups"
      columns={columns}
      data={rows}
      getRowId={(r) => r.id}
      sortable={["name"]}
      nextCursor={nextCursor || !isFirstPage ? nextCursor : undefined}
      isFirstPage={isFirstPage}
      rowTestId="group-row"
    />
  );
}
