"use client";
// The Administrator Log's rows: when, who, what, on which object, and a short summary; the
// values before and after in full are in the detail drawer (the time links to it), so the
// table fits a 1366-pixel screen.
import Link from "next/link";
import { createColumnHelper } from "@tanstack/react-table";
import { DataTable, useHrefWith, type DataTableFeatures } from "@/components/data-table/data-table";
import { authLogDateFmt } from "./auth-log-format";

export type AdminLogItem = {
  id: string;
  createdAt: string;
  actorLabel: string;
  actionLabel: string;
  objectLabel: string;
  targetLabel: string | null;
  summary: string;
};

function TimeLink({ row }: { row: AdminLogItem }) {
  const hrefWith = useHrefWith();
  const when = authLogDateFmt.format(new Date(row.createdAt));
  return (
    <Link
      href={hrefWith({ entry: row.id })}
      scroll={false}
      data-event-link={row.id}
      className="font-medium whitespace-nowrap text-emerald-800 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-emerald-600"
      aria-label={`${when} UTC, ${row.actionLabel}${row.targetLabel ? `, ${row.targetLabel}` : ""}: details`}
    >
      <time dateTime={row.createdAt}>{when}</time>
    </Link>
  );
}

const dash = <span className="text-slate-500">—</span>;
const h = createColumnHelper<DataTableFeatures, AdminLogItem>();
const columns = h.columns([
  h.accessor("createdAt", { header: "Time (UTC)", cell: (c) => <TimeLink row={c.row.original} /> }),
  h.accessor("actorLabel", {
    header: "Administrator",
    cell: (c) => <span className="block max-w-[10rem] [overflow-wrap:anywhere]">{c.getValue()}</span>,
  }),
  h.accessor("actionLabel", {
    header: "Action",
    cell: (c) => <span className="block max-w-[10rem]">{c.getValue()}</span>,
  }),
  h.accessor("targetLabel", {
    header: "Object",
    cell: (c) => (
      <span className="block max-w-[10rem] [overflow-wrap:anywhere]">
        {c.getValue() ?? dash}
        <span className="block text-xs text-slate-600">{c.row.original.objectLabel}</span>
      </span>
    ),
  }),
  h.accessor("summary", {
    header: "Details",
    cell: (c) =>
      c.getValue() ? (
        <span
          className="line-clamp-2 block max-w-[13rem] text-xs [overflow-wrap:anywhere] text-slate-700"
          title={c.getValue()}
        >
          {c.getValue()}
        </span>
      ) : (
        dash
      ),
  }),
  // The IP address and the values in full are in the detail drawer: the table fits 1366 px.
]);

export function AdministratorLogTable({
  rows,
  nextCursor,
  isFirstPage,
}: {
  rows: AdminLogItem[];
  nextCursor: string | null;
  isFirstPage: boolean;
}) {
  return (
    <DataTable
      caption="Administrator Log"
      columns={columns}
      data={rows}
      getRowId={(r) => r.id}
      nextCursor={nextCursor}
      isFirstPage={isFirstPage}
      rowTestId="adminlog-row"
      dense
    />
  );
}
