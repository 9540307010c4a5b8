"use client";
// Issues a device certificate: a generated key in a PKCS#12 bundle (password shown once)
// or a certificate for a CSR. The files are built in the browser from the action's answer.
import { useEffect, useMemo, useState } from "react";
import { issueCertificateAction } from "@/app/(console)/admin/trusted-endpoints/actions";
import { ActionForm, useEcho, useFormAction } from "@/components/ui/action-form";
import { Alert } from "@/components/ui/alert";
import { CopyField } from "@/components/ui/copy-field";
import { Choice, ChoiceGroup, TextAreaField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { buttonClass } from "@/components/ui/button";

function useObjectUrl(data: BlobPart | null, type: string) {
  const url = useMemo(() => (data ? URL.createObjectURL(new Blob([data], { type })) : null), [data, type]);
  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);
  return url;
}

const fromBase64 = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));

export function IssueCertificateForm({ id }: { id: string }) {
  const form = useFormAction(issueCertificateAction);
  const state = form.state;
  const issued = state?.ok ? state.issued : undefined;
  const p12 = useMemo(() => (issued?.method === "bundle" ? fromBase64(issued.pkcs12Base64) : null), [issued]);
  const p12Url = useObjectUrl(p12, "application/x-pkcs12");
  const pemUrl = useObjectUrl(issued?.method === "csr" ? issued.certificatePem : null, "application/x-pem-file");
  return (
    <div className="space-y-5">
      <ActionForm form={form} className="max-w-2xl space-y-4">
        <input type="hidden" name="id" value={id} />
        <IssueFields />
        <SubmitButton pendingLabel="Issuing…">Issue certificate</SubmitButton>
      </ActionForm>
      {issued && (
        <div
          className="space-y-3 rounded-lg border border-emerald-200 bg-emerald-50/50 p-4"
          data-testid="issued-certificate"
        >
          <Alert tone="success">{state?.message}</Alert>
          <dl className="grid gap-1 text-sm sm:grid-cols-[10rem_1fr]">
            <dt className="text-slate-500">Device ID</dt>
            <dd className="font-mono">{issued.deviceId}</dd>
            <dt className="text-slate-500">Serial number</dt>
            <dd className="font-mono break-all">{issued.serialNumber}</dd>
            <dt className="text-slate-500">Expires</dt>
            <dd>{new Date(issued.notAfter).toUTCString()}</dd>
          </dl>
          {issued.method === "bundle" && p12Url && (
            <>
              <CopyField label="Bundle password" value={issued.password} />
              <a href={p12Url} download={`${issued.deviceId}.p12`} className={buttonClass("primary")}>
                Download {issued.deviceId}.p12
              </a>
            </>
          )}
          {issued.method === "csr" && pemUrl && (
            <a href={pemUrl} download={`${issued.deviceId}.pem`} className={buttonClass("primary")}>
              Download {issued.deviceId}.pem
            </a>
          )}
        </div>
      )}
    </div>
  );
}

function IssueFields() {
  const echo = useEcho();
  const [method, setMethod] = useState(echo.text("method", "bundle") === "csr" ? "csr" : "bundle");
  return (
    <>
      <TextField
        label="Device ID"
        name="deviceId"
        required
        defaultValue=""
        spellCheck={false}
        hint="The identifier the certificate proves, e.g. the serial number or MDM device ID. The device is added to this inventory."
      />
      <ChoiceGroup legend="Key" name="method">
        <Choice
          type="radio"
          name="method"
          value="bundle"
          checked={method === "bundle"}
          onChange={() => setMethod("bundle")}
          label="Generate a key and certificate (PKCS#12 bundle with a one-time password)"
        />
        <Choice
          type="radio"
          name="method"
          value="csr"
          checked={method === "csr"}
          onChange={() => setMethod("csr")}
          label="Sign a certificate signing request (CSR) made on the device"
        />
      </ChoiceGroup>
      {method === "csr" && (
        <TextAreaField
          label="Certificate signing request"
          name="csrPem"
          rows={6}
          className="font-mono text-xs"
          defaultValue=""
          placeholder="-----BEGIN CERTIFICATE REQUEST-----"
          hint="PEM, RSA 2048 bits or more. Only its public key is used; the subject is set by Portcullis."
        />
      )}
      <TextField
        label="Valid for (days)"
        name="days"
        type="number"
        min={1}
        max={825}
        defaultValue="365"
        className="max-w-32"
      />
    </>
  );
}
