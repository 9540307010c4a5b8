"use client";
import Link from "next/link";
import { createColumnHelper } from "@tanstack/react-table";
import { DataTable, useHrefWith, type DataTableFeatures } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/badge";
import { authLogDateFmt, RESULT_TONE } from "./auth-log-format";

export type AuthLogItem = {
  id: string;
  createdAt: string;
  username: string | null;
  applicationName: string | null;
  result: string;
  resultLabel: string;
  reason: string;
  reasonLabel: string;
  factorLabel: string | null;
  ip: string | null;
};

function TimeLink({ row }: { row: AuthLogItem }) {
  const hrefWith = useHrefWith();
  return (
    <Link
      href={hrefWith({ event: row.id })}
      scroll={false}
      data-event-link={row.id}
      className="font-medium whitespace-nowrap text-emerald-800 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-emerald-600"
      aria-label={`${authLogDateFmt.format(new Date(row.createdAt))} UTC, ${row.username ?? "no user"}, ${row.resultLabel}: details`}
    >
      <time dateTime={row.createdAt}>{authLogDateFmt.format(new Date(row.createdAt))}</time>
    </Link>
  );
}

const dash = <span className="text-slate-500">—</span>;
const h = createColumnHelper<DataTableFeatures, AuthLogItem>();
const columns = h.columns([
  h.accessor("createdAt", { header: "Time (UTC)", cell: (c) => <TimeLink row={c.row.original} /> }),
  h.accessor("username", {
    header: "User",
    cell: (c) => <span className="block max-w-[9.5rem] [overflow-wrap:anywhere]">{c.getValue() ?? dash}</span>,
  }),
  h.accessor("applicationName", {
    header: "Application",
    cell: (c) => <span className="block max-w-[9rem] break-words">{c.getValue() ?? dash}</span>,
  }),
  h.accessor("result", {
    header: "Result",
    cell: (c) => (
      <Badge tone={RESULT_TONE[c.getValue() as keyof typeof RESULT_TONE] ?? "slate"}>
        {c.row.original.resultLabel}
      </Badge>
    ),
  }),
  h.accessor("reason", {
    header: "Reason",
    cell: (c) => (
      <span data-reason={c.getValue()} className="block max-w-[9.5rem]">
        {c.row.original.reasonLabel}
        <span className="block font-mono text-xs break-all text-slate-600">{c.getValue()}</span>
      </span>
    ),
  }),
  h.accessor("factorLabel", {
    header: "Factor",
    cell: (c) => <span className="block max-w-[7rem]">{c.getValue() ?? dash}</span>,
  }),
  h.accessor("ip", {
    header: "IP address",
    cell: (c) =>
      c.getValue() ? (
        <span className="block max-w-[7.5rem] font-mono text-xs [overflow-wrap:anywhere]">{c.getValue()}</span>
      ) : (
        dash
      ),
  }),
  // Browser/OS, endpoint and user agent are in the detail drawer: the table fits 1366 px.
]);

export function AuthenticationLogTable({
  rows,
  nextCursor,
  isFirstPage,
}: {
  rows: AuthLogItem[];
  nextCursor: string | null;
  isFirstPage: boolean;
}) {
  return (
    <DataTable
      caption="Authentication Log"
      columns={columns}
      data={rows}
      getRowId={(r) => r.id}
      nextCursor={nextCursor}
      isFirstPage={isFirstPage}
      rowTestId="authlog-row"
      dense
    />
  );
}
