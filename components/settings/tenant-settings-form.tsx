"use client";
import { useActionState } from "react";
import { saveTenantSettingsAction } from "@/app/(console)/admin/settings/actions";
import { FormMessage } from "@/components/ui/alert";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

export function TenantSettingsForm({
  initial,
  readOnly,
}: {
  initial: { tenantName: string; publicBaseUrl: string };
  readOnly: boolean;
}) {
  const [state, action] = useActionState(saveTenantSettingsAction, null);
  const fe = state?.fieldErrors ?? {};
  const v = { ...initial, ...state?.values };
  return (
    <form action={action} className="max-w-xl space-y-4" noValidate>
      <TextField
        label="Tenant name"
        name="tenantName"
        defaultValue={v.tenantName}
        required
        disabled={readOnly}
        error={fe.tenantName}
      />
      <TextField
        label="Public base URL"
        name="publicBaseUrl"
        type="url"
        defaultValue={v.publicBaseUrl}
        required
        disabled={readOnly}
        error={fe.publicBaseUrl}
        hint="The address users and service providers reach Portcullis at, e.g. https://sso.example.com. Changing it changes every SAML URL: update your service providers too."
      />
      {readOnly ? (
        <p className="text-sm text-slate-600">Your role can view these settings but not change them.</p>
      ) : (
        <SubmitButton>Save</SubmitButton>
      )}
      <FormMessage state={state} />
    </form>
  );
}
