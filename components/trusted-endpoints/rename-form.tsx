"use client";
import { useActionState } from "react";
import { renameIntegrationAction } from "@/app/(console)/admin/trusted-endpoints/actions";
import { FormMessage } from "@/components/ui/alert";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

export function RenameIntegrationForm({ id, name }: { id: string; name: string }) {
  const [state, action] = useActionState(renameIntegrationAction, null);
  return (
    <form action={action} className="flex max-w-xl flex-wrap items-end gap-3" noValidate>
      <input type="hidden" name="id" value={id} />
      <div className="min-w-64 flex-1">
        <TextField
          label="Name"
          name="name"
          required
          defaultValue={state?.values?.name ?? name}
          error={state?.fieldErrors?.name}
          maxLength={80}
        />
      </div>
      <SubmitButton variant="secondary">Save name</SubmitButton>
      <div className="basis-full">
        <FormMessage state={state} />
      </div>
    </form>
  );
}
