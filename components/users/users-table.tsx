"use client";
import Link from "next/link";
import { createColumnHelper } from "@tanstack/react-table";
import { DataTable, type DataTableFeatures } from "@/components/data-table/data-table";
import type { UserListItem } from "@/lib/services/users/list-users";
import { EnrollmentBadge, UserStatusBadge, dateTimeFmt } from "./user-status";

const h = createColumnHelper<DataTableFeatures, UserListItem>();
const columns = h.columns([
  h.accessor("username", {
    header: "Username",
    cell: (c) => (
      <Link
        href={`/admin/users/${c.row.original.id}`}
        className="font-medium text-emerald-800 underline-offset-2 hover:underline"
      >
        {c.getValue()}
      </Link>
    ),
  }),
  h.accessor("realName", {
    header: "Name",
    cell: (c) =>
      c.getValue() ? (
        <span className="whitespace-nowrap">{c.getValue()}</span>
      ) : (
        <span className="text-slate-500">—</span>
      ),
  }),
  h.accessor("email", { header: "Email", cell: (c) => c.getValue() ?? <span className="text-slate-500">—</span> }),
  h.accessor("status", { header: "Status", cell: (c) => <UserStatusBadge status={c.getValue()} /> }),
  h.accessor("isEnrolled", {
    id: "enrollment",
    header: "Enrollment",
    cell: (c) => <EnrollmentBadge enrolled={c.getValue()} />,
  }),
  h.accessor("groups", {
    header: "Groups",
    cell: (c) => {
      const groups = c.getValue();
      if (!groups.length) return <span className="text-slate-500">—</span>;
      return <span className="block max-w-[16rem]">{groups.map((g) => g.name).join(", ")}</span>;
    },
  }),
  h.accessor("lastLoginAt", {
    id: "lastLogin",
    header: "Last login (UTC)",
    cell: (c) => {
      const v = c.getValue();
      return v ? (
        <time className="whitespace-nowrap" dateTime={v.toISOString()}>
          {dateTimeFmt.format(v)}
        </time>
      ) : (
        <span className="text-slate-500">Never</span>
      );
    },
  }),
]);

export function UsersTable({
  rows,
  nextCursor,
  isFirstPage,
}: {
  rows: UserListItem[];
  nextCursor: string | null;
  isFirstPage: boolean;
}) {
  return (
    <DataTable
      caption="Users"
      columns={columns}
      data={rows}
      getRowId={(r) => r.id}
      sortable={["username", "status", "lastLogin"]}
      nextCursor={nextCursor}
      isFirstPage={isFirstPage}
      rowTestId="user-row"
      footer={
        <span className="text-slate-500">
          {rows.length} user{rows.length === 1 ? "" : "s"} on this page
        </span>
      }
    />
  );
}
