"use client";
import { revokeCertificateAction } from "@/app/(console)/admin/trusted-endpoints/actions";
import { ActionForm, FormStatus, useFormAction } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { SubmitButton } from "@/components/ui/submit-button";

export type CertificateRow = {
  id: string;
  deviceId: string;
  serialNumber: string;
  sha256Fingerprint: string;
  notAfter: string;
  revokedAt: string | null;
  createdAt: string;
  expired: boolean;
};

const date = (iso: string) =>
  new Date(iso).toLocaleDateString("en-US", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });

export function CertificateList({
  integrationId,
  rows,
  canManage,
}: {
  integrationId: string;
  rows: CertificateRow[];
  canManage: boolean;
}) {
  const form = useFormAction(revokeCertificateAction);
  if (rows.length === 0)
    return <p className="text-sm text-slate-600">No device certificates issued for this integration yet.</p>;
  return (
    <div className="space-y-3">
      <FormStatus form={form} />
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200">
        {rows.map((c) => {
          const expired = c.expired;
          return (
            <li
              key={c.id}
              className="flex flex-wrap items-start justify-between gap-3 px-4 py-3"
              data-testid="device-certificate"
              data-device={c.deviceId}
            >
              <div className="min-w-0 space-y-1 text-sm">
                <div className="flex items-center gap-2">
                  <span className="font-mono font-medium">{c.deviceId}</span>
                  {c.revokedAt ? (
                    <Badge tone="red">Revoked {date(c.revokedAt)}</Badge>
                  ) : expired ? (
                    <Badge tone="amber">Expired</Badge>
                  ) : (
                    <Badge tone="green">Valid</Badge>
                  )}
                </div>
                <div className="text-xs text-slate-600">
                  Issued {date(c.createdAt)} · Expires {date(c.notAfter)} · Serial{" "}
                  <span className="font-mono">{c.serialNumber}</span>
                </div>
                <div className="font-mono text-[11px] break-all text-slate-600">SHA-256 {c.sha256Fingerprint}</div>
              </div>
              {canManage && !c.revokedAt && !expired && (
                <ActionForm
                  form={form}
                  className="space-y-2"
                  beforeSubmit={() =>
                    confirm(
                      `Revoke the certificate of ${c.deviceId}? The device can no longer prove its identity with it.`,
                    )
                  }
                >
                  <input type="hidden" name="id" value={integrationId} />
                  <input type="hidden" name="certificateId" value={c.id} />
                  <SubmitButton
                    variant="secondary"
                    pendingLabel="Revoking…"
                    aria-label={`Revoke certificate of ${c.deviceId}`}
                  >
                    Revoke
                  </SubmitButton>
                </ActionForm>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
