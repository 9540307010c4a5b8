"use client";
import { renameIntegrationAction } from "@/app/(console)/admin/trusted-endpoints/actions";
import { ActionForm, FormStatus, useFormAction } from "@/components/ui/action-form";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

export function RenameIntegrationForm({ id, name }: { id: string; name: string }) {
  const form = useFormAction(renameIntegrationAction);
  return (
    <ActionForm form={form} className="flex max-w-xl flex-wrap items-end gap-3" summaryClassName="basis-full">
      <input type="hidden" name="id" value={id} />
      <div className="min-w-64 flex-1">
        <TextField label="Name" name="name" required defaultValue={name} maxLength={80} />
      </div>
      <SubmitButton variant="secondary">Save name</SubmitButton>
      <FormStatus form={form} className="basis-full" />
    </ActionForm>
  );
}
