// One message of an application's SAML trace: direction, type, verdict and reason, what the
// SP would check in a Response, and the decoded XML behind a toggle.
import type { TraceEntry } from "@/lib/services/saml-trace/view-trace";
import type { ResponseDetails } from "@/lib/saml/trace";
import { Badge } from "@/components/ui/badge";

const VERDICT: Record<TraceEntry["verdict"], { label: string; tone: "green" | "red" | "slate" | "sky" | "amber" }> = {
  ACCEPTED: { label: "Accepted", tone: "green" },
  REFUSED: { label: "Refused", tone: "red" },
  SENT: { label: "Sent", tone: "slate" },
  FAILED: { label: "Failed", tone: "amber" },
  TEST: { label: "Test SSO (not sent)", tone: "sky" },
};

const time = (d: Date) =>
  d
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d{3}Z$/, " UTC");

function Row({ label, value }: { label: string; value?: string | boolean | null }) {
  if (value === undefined || value === null || value === "") return null;
  return (
    <>
      <dt className="font-medium text-slate-600">{label}</dt>
      <dd className="break-all text-slate-900">{typeof value === "boolean" ? (value ? "yes" : "no") : value}</dd>
    </>
  );
}

function ResponseSummary({ r }: { r: ResponseDetails }) {
  return (
    <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[11rem_1fr]" data-testid="trace-response">
      <Row label="Status" value={r.status} />
      <Row label="NameID" value={r.nameId} />
      <Row label="NameID format" value={r.nameIdFormat} />
      <Row label="Audience" value={r.audience} />
      <Row label="Recipient" value={r.recipient} />
      <Row label="Valid from" value={r.notBefore} />
      <Row label="Valid until" value={r.notOnOrAfter} />
      <Row label="SessionIndex" value={r.sessionIndex} />
      <Row label="AuthnContext" value={r.authnContext} />
      <Row label="Response signed" value={r.responseSigned} />
      <Row label="Assertion signed" value={r.assertionSigned} />
      {r.attributes.length > 0 && (
        <>
          <dt className="font-medium text-slate-600">Attributes</dt>
          <dd>
            <ul>
              {r.attributes.map((a) => (
                <li key={a.name} className="break-all">
                  <span className="font-mono text-xs">{a.name}</span>: {a.values.join(", ")}
                </li>
              ))}
            </ul>
          </dd>
        </>
      )}
    </dl>
  );
}

export function TraceEntryView({ entry, open }: { entry: TraceEntry; open?: boolean }) {
  const v = VERDICT[entry.verdict];
  const s = entry.summary ?? {};
  const response = s.response as ResponseDetails | undefined;
  const str = (k: string) => (typeof s[k] === "string" ? (s[k] as string) : undefined);
  return (
    <li
      id={`entry-${entry.id}`}
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      data-testid="trace-entry"
      data-verdict={entry.verdict}
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
        <span className="font-mono text-xs text-slate-500">{time(entry.createdAt)}</span>
        <span className="font-medium text-slate-700">{entry.direction === "IN" ? "← from the SP" : "→ to the SP"}</span>
        <span className="font-semibold text-slate-900" data-testid="trace-type">
          {entry.messageType}
        </span>
        {entry.binding && <span className="text-slate-500">HTTP-{entry.binding === "post" ? "POST" : "Redirect"}</span>}
        <Badge tone={v.tone}>{v.label}</Badge>
        {typeof s.signed === "boolean" && (
          <span className="text-xs text-slate-500">{s.signed ? "signed" : "not signed"}</span>
        )}
      </div>
      {entry.reason && (
        <p
          className={entry.verdict === "REFUSED" ? "mt-2 text-sm text-red-800" : "mt-2 text-sm text-slate-700"}
          data-testid="trace-reason"
        >
          {entry.reason}
          {entry.reasonCode && <span className="ml-2 font-mono text-xs text-slate-500">{entry.reasonCode}</span>}
        </p>
      )}
      <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[11rem_1fr]">
        <Row label="Message ID" value={entry.messageId} />
        <Row label="In response to" value={str("inResponseTo")} />
        <Row label="Issuer" value={str("issuer")} />
        <Row label="To" value={str("to")} />
        <Row label="NameID format asked" value={str("nameIdFormatRequested")} />
        <Row label="NameID format answered" value={str("nameIdFormatAnswered") ?? str("nameIdFormat")} />
        <Row label="Error reference" value={str("reference")} />
        <Row label="Note" value={str("note")} />
      </dl>
      {response && (
        <div className="mt-3">
          <ResponseSummary r={response} />
        </div>
      )}
      {entry.xml && (
        <details className="mt-3" open={open}>
          <summary className="cursor-pointer text-sm text-emerald-800 hover:underline">Decoded message (XML)</summary>
          <pre
            className="mt-2 max-h-[32rem] overflow-auto rounded bg-slate-900 p-3 font-mono text-xs text-slate-100"
            data-testid="trace-xml"
          >
            {entry.xml}
          </pre>
        </details>
      )}
    </li>
  );
}
