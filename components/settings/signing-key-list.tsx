"use client";
import { useActionState } from "react";
import { signingKeyAction } from "@/app/(console)/admin/settings/certificates/actions";
import { FormMessage } from "@/components/ui/alert";
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
  const [state, action] = useActionState(signingKeyAction, null);
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
                <span className="text-xs text-slate-500">
                  Created {date(k.createdAt)} · Expires {date(k.notAfter)}
                </span>
              </div>
              <dl className="mt-3 grid gap-1 text-xs sm:grid-cols-[8rem_1fr]">
                <dt className="text-slate-500">SHA-1</dt>
                <dd className="font-mono break-all">{k.sha1}</dd>
                <dt className="text-slate-500">SHA-256</dt>
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
                <form action={action} className="mt-3">
                  <input type="hidden" name="op" value="retire" />
                  <input type="hidden" name="keyId" value={k.id} />
                  <SubmitButton variant="secondary" pendingLabel="Retiring…">
                    {k.state === "NEXT" ? "Discard next certificate" : "Retire previous certificate"}
                  </SubmitButton>
                </form>
              )}
            </li>
          );
        })}
      </ul>
      {canManage && (
        <form action={action} className="flex flex-wrap gap-3">
          {hasNext ? (
            <>
              <input type="hidden" name="op" value="promote" />
              <SubmitButton pendingLabel="Promoting…">Promote next certificate</SubmitButton>
            </>
          ) : hasPrevious ? (
            <p className="text-sm text-slate-600">
              Retire the previous certificate once your service providers have the new one; then you can create the next
              certificate.
            </p>
          ) : (
            <>
              <input type="hidden" name="op" value="create-next" />
              <SubmitButton variant="secondary" pendingLabel="Creating…">
                Create next certificate
              </SubmitButton>
            </>
          )}
        </form>
      )}
      <FormMessage state={state} />
    </div>
  );
}
