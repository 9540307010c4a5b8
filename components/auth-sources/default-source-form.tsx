"use client";
import { setDefaultSourceAction } from "@/app/(console)/admin/settings/sources/actions";
import { ActionForm, FormStatus, useFormAction } from "@/components/ui/action-form";
import { SelectField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

export function DefaultSourceForm({
  current,
  sources,
  readOnly,
}: {
  current: string | null;
  sources: { id: string; name: string; enabled: boolean }[];
  readOnly: boolean;
}) {
  const form = useFormAction(setDefaultSourceAction);
  return (
    <ActionForm form={form} className="flex max-w-2xl flex-wrap items-end gap-3">
      <div className="min-w-72 flex-1">
        <SelectField
          label="Default authentication source"
          name="defaultSource"
          defaultValue={current ?? "BUILTIN"}
          disabled={readOnly}
          options={[
            { value: "BUILTIN", label: "Built-in passwords" },
            ...sources.filter((s) => s.enabled || s.id === current).map((s) => ({ value: s.id, label: s.name })),
          ]}
          hint="Used unless the application overrides it or the user's email domain is routed to a source."
        />
      </div>
      {!readOnly && <SubmitButton variant="secondary">Save</SubmitButton>}
      <FormStatus form={form} className="w-full" />
    </ActionForm>
  );
}
