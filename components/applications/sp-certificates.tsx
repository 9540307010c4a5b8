// The service provider's signing certificates on the application page: one summary each
// (subject, issuer, expiry, SHA-256 fingerprint) with the PEM behind a toggle.
import type { SpCertificateSummary } from "@/lib/services/applications/manage-applications";

const day = (iso: string) => iso.slice(0, 10);

export function SpCertificateList({ certificates }: { certificates: SpCertificateSummary[] }) {
  if (certificates.length === 0)
    return (
      <p className="text-sm text-slate-600" data-testid="sp-certificates-empty">
        No signing certificate stored. Import the service provider&apos;s metadata, or paste its certificate below.
      </p>
    );
  return (
    <ul className="space-y-3" aria-label="Service provider signing certificates">
      {certificates.map((c, i) => (
        <li
          key={c.sha256Fingerprint}
          className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm"
          data-testid="sp-certificate"
        >
          <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[8rem_1fr]">
            <dt className="font-medium text-slate-600">Subject</dt>
            <dd className="break-all text-slate-900">{c.subject || "(empty)"}</dd>
            <dt className="font-medium text-slate-600">Issuer</dt>
            <dd className="break-all text-slate-900">{c.issuer || "(empty)"}</dd>
            <dt className="font-medium text-slate-600">Expires</dt>
            <dd className={c.expired ? "font-medium text-red-700" : "text-slate-900"}>
              {day(c.notAfter)} {c.expired && "(expired)"}
            </dd>
            <dt className="font-medium text-slate-600">SHA-256</dt>
            <dd className="font-mono text-xs break-all text-slate-900">{c.sha256Fingerprint}</dd>
          </dl>
          <details className="mt-2">
            <summary className="cursor-pointer text-sm text-emerald-800 hover:underline">
              Show PEM of certificate {i + 1}
            </summary>
            <pre className="mt-2 overflow-x-auto rounded bg-white p-2 font-mono text-xs text-slate-800">{c.pem}</pre>
          </details>
        </li>
      ))}
    </ul>
  );
}
