"use client";
import { removeApplicationAction } from "@/app/(console)/admin/applications/actions";
import { ConfirmRemove } from "@/components/ui/confirm-remove";

export function RemoveApplicationButton({ id, name }: { id: string; name: string }) {
  return (
    <ConfirmRemove
      action={removeApplicationAction}
      id={id}
      name={name}
      label="Remove Application"
      consequence="Users can no longer sign in to it."
    />
  );
}
