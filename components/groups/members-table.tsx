"use client";
import Link from "next/link";
import { createColumnHelper } from "@tanstack/react-table";
import { DataTable, type DataTableFeatures } from "@/components/data-table/data-table";
import { removeMemberAction } from "@/app/(console)/admin/groups/actions";
import { SubmitButton } from "@/components/ui/submit-button";
import { ActionForm, useFormAction } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";

export type MemberItem = {
  id: string;
  username: string;
  realName: string | null;
  email: string | null;
  status: string;
};

const USER_STATUS: Record<string, { label: string; tone: "green" | "amber" | "red" | "slate" }> = {
  ACTIVE: { label: "Active", tone: "green" },
  BYPASS: { label: "Bypass", tone: "amber" },
  DISABLED: { label: "Disabled", tone: "red" },
  LOCKED_OUT: { label: "Locked Out", tone: "red" },
};

function RemoveMember({ groupId, member }: { groupId: string; member: MemberItem }) {
  const form = useFormAction(removeMemberAction);
  return (
    <ActionForm form={form} className="flex flex-wrap items-center justify-end gap-2" summaryClassName="basis-full">
      <input type="hidden" name="id" value={groupId} />
      <input type="hidden" name="userId" value={member.id} />
      <input type="hidden" name="username" value={member.username} />
      <SubmitButton
        variant="secondary"
        className="px-2.5 py-1"
        pendingLabel="Removing…"
        aria-label={`Remove ${member.username} from the group`}
      >
        Remove
      </SubmitButton>
    </ActionForm>
  );
}

const h = createColumnHelper<DataTableFeatures, MemberItem>();

export function MembersTable({
  groupId,
  rows,
  nextCursor,
  isFirstPage,
  canManage,
}: {
  groupId: string;
  rows: MemberItem[];
  nextCursor: string | null;
  isFirstPage: boolean;
  canManage: boolean;
}) {
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
    h.accessor("realName", { header: "Name", cell: (c) => c.getValue() ?? <span className="text-slate-500">—</span> }),
    h.accessor("email", { header: "Email", cell: (c) => c.getValue() ?? <span className="text-slate-500">—</span> }),
    h.accessor("status", {
      header: "Status",
      cell: (c) => {
        const s = USER_STATUS[c.getValue()] ?? { label: c.getValue(), tone: "slate" as const };
        return <Badge tone={s.tone}>{s.label}</Badge>;
      },
    }),
    ...(canManage
      ? [
          h.display({
            id: "actions",
            header: () => <span className="sr-only">Actions</span>,
            cell: (c) => <RemoveMember groupId={groupId} member={c.row.original} />,
          }),
        ]
      : []),
  ]);
  return (
    <DataTable
      caption="Members"
      columns={columns}
      data={rows}
      getRowId={(r) => r.id}
      nextCursor={nextCursor || !isFirstPage ? nextCursor : undefined}
      isFirstPage={isFirstPage}
      rowTestId="member-row"
    />
  );
}
