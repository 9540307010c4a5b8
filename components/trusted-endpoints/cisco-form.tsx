"use client";
// Seed 002 "Enter Cisco Secure Endpoint Credentials": Client ID, API Key, region (and an
// optional API base URL override), "Test Integration" fills Hostname, "Save Integration".
// A Test saves nothing, so it leaves what was typed alone; a Save shows what is stored.
import { useState } from "react";
import { ciscoAction, type CiscoState } from "@/app/(console)/admin/trusted-endpoints/actions";
import { ActionForm, useEcho, useFormAction, type FormAction } from "@/components/ui/action-form";
import { Alert } from "@/components/ui/alert";
import { SelectField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { CISCO_REGIONS } from "@/lib/endpoints/cisco";

type Initial = { clientId: string; region: string; baseUrl: string; hostname: string | null; hasApiKey: boolean };

export function CiscoForm({ initial, readOnly }: { initial: Initial; readOnly: boolean }) {
  const form = useFormAction(ciscoAction, { remountOn: (s) => !!s.saved });
  return (
    <ActionForm form={form} className="max-w-2xl space-y-5">
      <CiscoFields initial={initial} readOnly={readOnly} form={form} />
    </ActionForm>
  );
}

function CiscoFields({
  initial,
  readOnly,
  form,
}: {
  initial: Initial;
  readOnly: boolean;
  form: FormAction<CiscoState>;
}) {
  const echo = useEcho();
  const state = form.state;
  const [region, setRegion] = useState(echo.text("region", initial.region || CISCO_REGIONS[0].value));
  const baseUrl = echo.text("baseUrl", initial.baseUrl);
  const hostname = state?.ok ? (state.hostname ?? initial.hostname ?? "") : (initial.hostname ?? "");
  return (
    <>
      <TextField
        label="Client ID"
        name="clientId"
        defaultValue={initial.clientId}
        required
        disabled={readOnly}
        autoComplete="off"
        spellCheck={false}
        hint="The 3rd Party API Client ID from Accounts > API Credentials in Cisco Secure Endpoint."
      />
      <TextField
        label="API Key"
        name="apiKey"
        type="password"
        defaultValue=""
        required={!initial.hasApiKey}
        disabled={readOnly}
        autoComplete="new-password"
        spellCheck={false}
        placeholder={initial.hasApiKey ? "Saved — leave empty to keep it" : undefined}
        hint={
          initial.hasApiKey
            ? "The saved key is never shown. Enter a new one to replace it."
            : "Create a read-only API credential in Cisco Secure Endpoint and paste its API key."
        }
      />
      <SelectField
        label="Region"
        name="region"
        value={region}
        onChange={(e) => setRegion(e.target.value)}
        disabled={readOnly}
        options={CISCO_REGIONS}
        hint="The API host of your Cisco Secure Endpoint cloud."
      />
      <details className="rounded-md border border-slate-200 px-4 py-3" open={!!baseUrl || undefined}>
        <summary className="cursor-pointer text-sm font-medium text-slate-700">Advanced</summary>
        <div className="mt-3">
          <TextField
            label="API base URL"
            name="baseUrl"
            type="url"
            defaultValue={initial.baseUrl}
            disabled={readOnly}
            placeholder={`https://${region}`}
            hint="Leave empty to use the region's host. Overrides it for a private deployment or a test server: https://, or http:// only to a loopback address."
          />
        </div>
      </details>
      <TextField
        label="Hostname"
        name="hostnameShown"
        value={hostname}
        readOnly
        disabled={!hostname}
        hint="Filled in by Test Integration when the credentials work."
      />
      {!readOnly && (
        <div className="flex flex-wrap gap-3">
          <SubmitButton name="op" value="test" variant="secondary" pendingLabel="Testing…">
            Test Integration
          </SubmitButton>
          <SubmitButton name="op" value="save" pendingLabel="Saving…">
            Save Integration
          </SubmitButton>
        </div>
      )}
      {state?.ok && state.message && (
        <Alert tone="success">
          <span data-form-status tabIndex={-1}>
            {state.message}
          </span>
        </Alert>
      )}
    </>
  );
}
