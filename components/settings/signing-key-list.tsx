"use client";
import type { ReactNode } from "react";
import { signingKeyAction } from "@/app/(console)/admin/settings/certificates/actions";
import { ActionForm, FormStatus, useFormAction, type FormAction } from "@/components/ui/action-form";
import type { FormState } from "@/components/ui/form-state";
import { Badge } from "@/components/ui/badge";
import { SubmitButton } from "@/components/ui/submit-button";

type KeyRow = { id: string; state: string; sha1: string; sha256: string; notAfter: string; createdAt: string };

const STATE_LABEL: Record<string, { label: string; tone: "green" | "sky" | "amber" | "slate" }> = {
  ACTIVE: { label: "Active — signs responses", tone: "green" },
  NEXT: { label: "Next — published, not signing", tone: "sky" },
  PREVIOUS: { label: "Previous — published until retired", tone: "amber" },
  RETIRED: { label: "Retired", tone: "slate" },
};
const date = (iso: string) =>
  new Date(iso).toLocaleDateString("en-US", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });

export function SigningKeyList({ keys, canManage }: { keys: KeyRow[]; canManage: boolean }) {
  // One action for every operation: its confirmation stays when the button that made it goes.
  const form = useFormAction(signingKeyAction);
  const hasNext = keys.some((k) => k.state === "NEXT");
  const hasPrevious = keys.some((k) => k.state === "PREVIOUS");
  return (
    <div className="space-y-4">
      <ul className="space-y-3">
        {keys.map((k) => {
          const s = STATE_LABEL[k.state] ?? { label: k.state, tone: "slate" as const };
          return (
            <li
              key={k.id}
              className="rounded-lg border border-slate-200 p-4"
              data-testid="signing-key"
              data-state={k.state}
            >
              <div className="flex flex-wrap items-center justify-between gap-3">
                <Badge tone={s.tone}>{s.label}</Badge>
                <span className="text-xs text-slate-600">
                  Created {date(k.createdAt)} · Expires {date(k.notAfter)}
                </span>
              </div>
              <dl className="mt-3 grid gap-1 text-xs sm:grid-cols-[8rem_1fr]">
                <dt className="text-slate-600">SHA-1</dt>
                <dd className="font-mono break-all">{k.sha1}</dd>
                <dt className="text-slate-600">SHA-256</dt>
                <dd className="font-mono break-all">{k.sha256}</dd>
              </dl>
              <a
                href={`/admin/settings/certificates/${k.id}/download`}
                download
                className="mt-3 inline-block text-sm text-emerald-800 underline-offset-2 hover:underline"
              >
                Download certificate
              </a>
              {canManage && (k.state === "PREVIOUS" || k.state === "NEXT") && (
                <KeyOperation form={form} op="retire" keyId={k.id} className="mt-3">
                  <SubmitButton variant="secondary" pendingLabel="Retiring…">
                    {k.state === "NEXT" ? "Discard next certificate" : "Retire previous certificate"}
                  </SubmitButton>
                </KeyOperation>
              )}
            </li>
          );
        })}
      </ul>
      {canManage &&
        (hasNext ? (
          <KeyOperation form={form} op="promote">
            <SubmitButton pendingLabel="Promoting…">Promote next certificate</SubmitButton>
          </KeyOperation>
        ) : hasPrevious ? (
          <p className="text-sm text-slate-600">
            Retire the previous certificate once your service providers have the new one; then you can create the next
            certificate.
          </p>
        ) : (
          <KeyOperation form={form} op="create-next">
            <SubmitButton variant="secondary" pendingLabel="Creating…">
              Create next certificate
            </SubmitButton>
          </KeyOperation>
        ))}
      <FormStatus form={form} />
    </div>
  );
}

/** One signing-key operation (create next, promote, retire) as its own form. */
function KeyOperation({
  form,
  op,
  keyId,
  className,
  children,
}: {
  form: FormAction<FormState>;
  op: string;
  keyId?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <ActionForm form={form} className={`space-y-3 ${className ?? ""}`}>
      <input type="hidden" name="op" value={op} />
      {keyId && <input type="hidden" name="keyId" value={keyId} />}
      {children}
    </ActionForm>
  );
}
