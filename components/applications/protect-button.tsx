"use client";
import { protectApplicationAction } from "@/app/(console)/admin/applications/actions";
import { ActionForm, useFormAction } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/submit-button";

export function ProtectButton({ catalogId, name }: { catalogId: string; name: string }) {
  const form = useFormAction(protectApplicationAction);
  return (
    <ActionForm form={form} className="flex flex-wrap items-center justify-end gap-3" summaryClassName="basis-full">
      <input type="hidden" name="catalogId" value={catalogId} />
      <SubmitButton pendingLabel="Protecting…" aria-label={`Protect ${name}`}>
        Protect
      </SubmitButton>
    </ActionForm>
  );
}
