"use client";
// Admin API / Auth API application page: the secret key (generated or reset, shown once) and
// the settings form (name, notes and, for the Admin API, the permission checkboxes).
import { useActionState, useState } from "react";
import { resetSecretKeyAction, saveApiApplicationAction } from "@/app/(console)/admin/applications/actions";
import { ActionForm, FormStatus, useEcho, useFormAction } from "@/components/ui/action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { ChoiceGroup, TextAreaField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

export function SecretKeyPanel({
  id,
  hasSecret,
  setAt,
  canManage,
}: {
  id: string;
  hasSecret: boolean;
  setAt: string | null;
  canManage: boolean;
}) {
  const [state, action] = useActionState(resetSecretKeyAction, null);
  const [confirming, setConfirming] = useState(false);
  if (state?.ok && state.secretKey)
    return (
      <div className="space-y-3" data-testid="new-secret-key">
        <CopyField label="Secret key" value={state.secretKey} />
        <Alert tone="warning" title="Copy the secret key now.">
          It is shown only this once and stored sealed. Treat it like a password; if it is lost, reset it.
        </Alert>
      </div>
    );
  const label = hasSecret ? "Reset secret key" : "Generate secret key";
  return (
    <div className="grid gap-1.5 sm:grid-cols-[12rem_1fr] sm:items-start sm:gap-4">
      <span className="text-sm font-medium text-slate-700">Secret key</span>
      <div className="space-y-2 text-sm">
        <p className="text-slate-700" data-testid="secret-key-status">
          {hasSecret
            ? `Set ${setAt ?? ""} (UTC). Stored sealed; it is not shown again.`
            : "No secret key yet. Generate one to use this application."}
        </p>
        {canManage &&
          (!confirming && hasSecret ? (
            <Button variant="secondary" onClick={() => setConfirming(true)}>
              Reset secret key
            </Button>
          ) : (
            <form action={action} className="flex flex-wrap items-center gap-2">
              <input type="hidden" name="id" value={id} />
              {hasSecret && (
                <span className="text-slate-700">Clients using the current secret key stop working at once.</span>
              )}
              <SubmitButton variant={hasSecret ? "danger" : "primary"} pendingLabel="Generating…">
                {label}
              </SubmitButton>
              {hasSecret && (
                <Button variant="ghost" onClick={() => setConfirming(false)}>
                  Cancel
                </Button>
              )}
            </form>
          ))}
        {state && !state.ok && (
          <p className="text-red-700" role="alert">
            {state.message}
          </p>
        )}
      </div>
    </div>
  );
}

export type GrantOption = { value: string; label: string; help: string };

export function ApiApplicationSettings({
  id,
  name,
  notes,
  grants,
  options,
  readOnly,
}: {
  id: string;
  name: string;
  notes: string;
  /** null: an Auth API application (no permissions). */
  grants: string[] | null;
  options: GrantOption[];
  readOnly: boolean;
}) {
  const form = useFormAction(saveApiApplicationAction);
  const echo = useEcho();
  return (
    <ActionForm form={form} className="space-y-6">
      <input type="hidden" name="id" value={id} />
      {grants && (
        <ChoiceGroup legend="Permissions" name="grants" legendClassName="text-base font-semibold text-slate-900">
          <div className="space-y-3">
            {options.map((o) => (
              <label key={o.value} className="flex items-start gap-3 text-sm">
                <input
                  type="checkbox"
                  name="grants"
                  value={o.value}
                  disabled={readOnly}
                  defaultChecked={echo.checked("grants", o.value, grants.includes(o.value))}
                  className="mt-0.5 h-4 w-4 rounded border-slate-300 accent-emerald-700"
                />
                <span>
                  <span className="font-medium text-slate-900">{o.label}</span>
                  <span className="block text-slate-600">{o.help}</span>
                </span>
              </label>
            ))}
          </div>
        </ChoiceGroup>
      )}
      <fieldset className="space-y-4" disabled={readOnly}>
        <legend className="text-base font-semibold text-slate-900">Settings</legend>
        <TextField label="Name" name="name" required defaultValue={name} maxLength={100} />
        <TextAreaField label="Notes" name="notes" defaultValue={notes} rows={3} maxLength={1000} />
      </fieldset>
      {!readOnly && (
        <div className="flex flex-wrap items-center gap-4">
          <SubmitButton pendingLabel="Saving…">Save</SubmitButton>
          <FormStatus form={form} />
        </div>
      )}
    </ActionForm>
  );
}
