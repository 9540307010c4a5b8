"use client";
import { setApplicationSourceAction } from "@/app/(console)/admin/settings/sources/actions";
import { ActionForm, FormStatus, useFormAction } from "@/components/ui/action-form";
import { Card } from "@/components/ui/card";
import { SelectField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

/** The application's first factor: the tenant default, built-in passwords, or one identity provider. */
export function ApplicationSourceForm({
  id,
  current,
  sources,
  readOnly,
}: {
  id: string;
  current: string;
  sources: { id: string; name: string }[];
  readOnly: boolean;
}) {
  const form = useFormAction(setApplicationSourceAction);
  return (
    <Card
      title="Authentication source"
      description="Where users of this application prove their first factor. Portcullis's policy and MFA follow either way."
    >
      <ActionForm form={form} className="flex max-w-2xl flex-wrap items-end gap-3">
        <input type="hidden" name="id" value={id} />
        <div className="min-w-72 flex-1">
          <SelectField
            label="Sign in with"
            name="authSource"
            defaultValue={current}
            disabled={readOnly}
            options={[
              { value: "DEFAULT", label: "The tenant's default (Settings > Authentication Sources)" },
              { value: "BUILTIN", label: "Built-in passwords" },
              ...sources.map((s) => ({ value: s.id, label: s.name })),
            ]}
          />
        </div>
        {!readOnly && <SubmitButton variant="secondary">Save authentication source</SubmitButton>}
        <FormStatus form={form} className="w-full" />
      </ActionForm>
    </Card>
  );
}
