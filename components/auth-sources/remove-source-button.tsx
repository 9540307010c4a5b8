"use client";
import { removeSourceAction } from "@/app/(console)/admin/settings/sources/actions";
import { ConfirmRemove } from "@/components/ui/confirm-remove";

export function RemoveSourceButton({ id, name }: { id: string; name: string }) {
  return (
    <ConfirmRemove
      action={removeSourceAction}
      id={id}
      name={name}
      label="Remove authentication source"
      consequence="Its users sign in with the next routing rule (usually built-in passwords)."
      className="text-sm"
    />
  );
}
