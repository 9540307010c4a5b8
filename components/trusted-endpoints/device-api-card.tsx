"use client";
import { rotateTokenAction } from "@/app/(console)/admin/trusted-endpoints/actions";
import { ActionForm, useFormAction } from "@/components/ui/action-form";
import { Alert } from "@/components/ui/alert";
import { CopyField } from "@/components/ui/copy-field";
import { SubmitButton } from "@/components/ui/submit-button";

export function DeviceApiCard({ id, url, canManage }: { id: string; url: string; canManage: boolean }) {
  const form = useFormAction(rotateTokenAction);
  const state = form.state;
  const example = `curl -X PUT ${url} \\\n  -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \\\n  -d '{"devices":[{"deviceId":"LAPTOP-0042","hostname":"laptop-0042","os":"Windows 11","owner":"alice"}]}'`;
  return (
    <div className="space-y-4">
      <CopyField label="Device API URL" value={url} />
      <p className="text-sm text-slate-600">
        Your management tool replaces this inventory with <code>PUT</code> and a JSON body{" "}
        <code>{`{"devices":[{"deviceId":…}]}`}</code> (at most 10,000 devices, 1 MiB). Answers: 200 with counts, 400
        with the invalid fields, 401 for a wrong token, 409 when a device is in another integration, 413 when too large.
        Nothing changes unless the whole inventory is valid.
      </p>
      <pre className="overflow-x-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">{example}</pre>
      {canManage && (
        <ActionForm
          form={form}
          className="space-y-3"
          beforeSubmit={() => confirm("Generate a new token? The current one stops working at once.")}
        >
          <input type="hidden" name="id" value={id} />
          <SubmitButton variant="secondary" pendingLabel="Generating…">
            Generate a new token
          </SubmitButton>
        </ActionForm>
      )}
      {state?.ok && state.token && (
        <div className="space-y-3">
          <Alert tone="success">{state.message} Copy it now: it is shown only this once.</Alert>
          <CopyField label="Device API token" value={state.token} />
        </div>
      )}
    </div>
  );
}
