"use client";
import { createColumnHelper } from "@tanstack/react-table";
import { DataTable, type DataTableFeatures } from "@/components/data-table/data-table";
import { restoreUserAction } from "@/app/(console)/admin/users/actions";
import { ActionForm, FormStatus, useFormAction, type FormAction } from "@/components/ui/action-form";
import type { FormState } from "@/components/ui/form-state";
import { SubmitButton } from "@/components/ui/submit-button";
import type { TrashItem } from "@/lib/services/users/manage-users";
import { dateTimeFmt } from "./user-status";

function RestoreButton({ form, id, username }: { form: FormAction<FormState>; id: string; username: string }) {
  return (
    <ActionForm form={form} className="flex flex-col items-end gap-1">
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant="secondary" className="py-1" pendingLabel="Restoring…" aria-label={`Restore ${username}`}>
        Restore
      </SubmitButton>
    </ActionForm>
  );
}

const h = createColumnHelper<DataTableFeatures, TrashItem>();

export function TrashTable({
  rows,
  nextCursor,
  isFirstPage,
  canRestore,
}: {
  rows: TrashItem[];
  nextCursor: string | null;
  isFirstPage: boolean;
  canRestore: boolean;
}) {
  // One action for every row: the confirmation stays when the restored row leaves the list.
  const form = useFormAction(restoreUserAction);
  const columns = h.columns([
    h.accessor("username", { header: "Username", cell: (c) => <span className="font-medium">{c.getValue()}</span> }),
    h.accessor("realName", { header: "Name", cell: (c) => c.getValue() ?? "—" }),
    h.accessor("email", { header: "Email", cell: (c) => c.getValue() ?? "—" }),
    h.accessor("deletedAt", { header: "Deleted (UTC)", cell: (c) => dateTimeFmt.format(c.getValue()) }),
    h.accessor("purgeAt", { header: "Purged after (UTC)", cell: (c) => dateTimeFmt.format(c.getValue()) }),
    ...(canRestore
      ? [
          h.display({
            id: "actions",
            header: () => <span className="sr-only">Actions</span>,
            cell: (c) => <RestoreButton form={form} id={c.row.original.id} username={c.row.original.username} />,
          }),
        ]
      : []),
  ]);
  return (
    <div className="space-y-4">
      <FormStatus form={form} />
      <DataTable
        caption="Deleted users"
        columns={columns}
        data={rows}
        getRowId={(r) => r.id}
        nextCursor={nextCursor}
        isFirstPage={isFirstPage}
        rowTestId="trash-row"
      />
    </div>
  );
}
