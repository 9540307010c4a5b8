"use client";
// Seed 002 "Enter Cisco Secure Endpoint Credentials": Client ID, API Key, region (and an
// optional API base URL override), "Test Integration" fills Hostname, "Save Integration".
// Controlled inputs: a Test must not clear what was typed (React resets forms after actions).
import { useActionState, useState } from "react";
import { ciscoAction } from "@/app/(console)/admin/trusted-endpoints/actions";
import { Alert } from "@/components/ui/alert";
import { SelectField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { CISCO_REGIONS } from "@/lib/endpoints/cisco";

type Initial = { clientId: string; region: string; baseUrl: string; hostname: string | null; hasApiKey: boolean };

export function CiscoForm({ initial, readOnly }: { initial: Initial; readOnly: boolean }) {
  const [state, action] = useActionState(ciscoAction, null);
  const [clientId, setClientId] = useState(initial.clientId);
  const [apiKey, setApiKey] = useState("");
  const [region, setRegion] = useState(initial.region || CISCO_REGIONS[0].value);
  const [baseUrl, setBaseUrl] = useState(initial.baseUrl);
  const [advancedOpen, setAdvancedOpen] = useState(!!initial.baseUrl);
  const fe = state?.fieldErrors ?? {};
  const hostname = state?.ok ? (state.hostname ?? initial.hostname ?? "") : (initial.hostname ?? "");
  return (
    <form action={action} className="max-w-2xl space-y-5" noValidate>
      <TextField
        label="Client ID"
        name="clientId"
        value={clientId}
        onChange={(e) => setClientId(e.target.value)}
        required
        disabled={readOnly}
        error={fe.clientId}
        autoComplete="off"
        spellCheck={false}
        hint="The 3rd Party API Client ID from Accounts > API Credentials in Cisco Secure Endpoint."
      />
      <TextField
        label="API Key"
        name="apiKey"
        type="password"
        value={apiKey}
        onChange={(e) => setApiKey(e.target.value)}
        required={!initial.hasApiKey}
        disabled={readOnly}
        error={fe.apiKey}
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
        error={fe.region}
        options={CISCO_REGIONS}
        hint="The API host of your Cisco Secure Endpoint cloud."
      />
      <details
        className="rounded-md border border-slate-200 px-4 py-3"
        open={advancedOpen || !!fe.baseUrl}
        onToggle={(e) => setAdvancedOpen(e.currentTarget.open)}
      >
        <summary className="cursor-pointer text-sm font-medium text-slate-700">Advanced</summary>
        <div className="mt-3">
          <TextField
            label="API base URL"
            name="baseUrl"
            type="url"
            value={baseUrl}
            onChange={(e) => setBaseUrl(e.target.value)}
            disabled={readOnly}
            error={fe.baseUrl}
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
      {state?.message && (
        <Alert tone={state.ok ? "success" : "error"} title={state.ok ? undefined : "The test failed"}>
          {state.message}
        </Alert>
      )}
    </form>
  );
}
