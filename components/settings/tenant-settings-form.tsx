"use client";
import { useState } from "react";
import { saveTenantSettingsAction } from "@/app/(console)/admin/settings/actions";
import { ActionForm, FormStatus, useEcho, useFormAction } from "@/components/ui/action-form";
import { Alert } from "@/components/ui/alert";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { passkeyHostWarning } from "@/lib/mfa/passkey-host";

type Settings = { tenantName: string; publicBaseUrl: string };

export function TenantSettingsForm({ initial, readOnly }: { initial: Settings; readOnly: boolean }) {
  const form = useFormAction(saveTenantSettingsAction);
  return (
    <ActionForm form={form} className="max-w-xl space-y-4">
      <TextField label="Tenant name" name="tenantName" defaultValue={initial.tenantName} required disabled={readOnly} />
      <BaseUrlField stored={initial.publicBaseUrl} readOnly={readOnly} />
      {readOnly ? (
        <p className="text-sm text-slate-600">Your role can view these settings but not change them.</p>
      ) : (
        <SubmitButton>Save</SubmitButton>
      )}
      <FormStatus form={form} />
    </ActionForm>
  );
}

/** The public base URL, with a warning (while typing, too) when it is an IP address. */
function BaseUrlField({ stored, readOnly }: { stored: string; readOnly: boolean }) {
  const echo = useEcho();
  const [value, setValue] = useState(echo.text("publicBaseUrl", stored));
  const warning = passkeyHostWarning(value);
  return (
    <div className="space-y-3">
      <TextField
        label="Public base URL"
        name="publicBaseUrl"
        type="url"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        required
        disabled={readOnly}
        hint="The address users and service providers reach Portcullis at, e.g. https://sso.example.com. Changing it changes every SAML URL: update your service providers too."
      />
      {warning && (
        <Alert tone="warning" title="Passkeys are not available at this address" live={false}>
          <span data-testid="passkey-ip-warning">{warning}</span>
        </Alert>
      )}
    </div>
  );
}
