// Writes the SAML trace of an application. Tracing never changes the outcome of a sign-in or
// logout: a failure to record is logged and ignored.
import { decodeInboundForTrace, decodeOutboundForTrace, type DecodedForTrace } from "../../saml/trace";
import type { InboundMessage, OutboundMessage } from "../../saml";
import { insertTraceEntry, pruneTraceEntries, type TraceEntryInput } from "../../db/saml-trace";

export type TraceRecord = {
  direction: TraceEntryInput["direction"];
  /** Known before decoding (e.g. "AuthnRequest"); the decoded root's name wins when readable. */
  messageType: string;
  binding?: "redirect" | "post";
  messageId?: string;
  verdict: TraceEntryInput["verdict"];
  reasonCode?: string;
  reason?: string;
  summary?: Record<string, unknown>;
  inbound?: InboundMessage;
  outbound?: OutboundMessage;
  /** A Redirect-binding URL we built. */
  redirectUrl?: string;
};

/** The entry a record becomes (its message decoded for the trace); null when it cannot be decoded. */
export function traceEntryOf(applicationId: string, r: TraceRecord): TraceEntryInput | null {
  try {
    let decoded: DecodedForTrace | undefined;
    if (r.inbound) decoded = decodeInboundForTrace(r.inbound);
    else if (r.outbound) decoded = decodeOutboundForTrace(r.outbound);
    else if (r.redirectUrl) decoded = decodeOutboundForTrace({ id: "", binding: "redirect", url: r.redirectUrl });
    const summary: Record<string, unknown> = { ...(r.summary ?? {}) };
    if (decoded?.issuer) summary.issuer = decoded.issuer;
    if (decoded?.inResponseTo) summary.inResponseTo = decoded.inResponseTo;
    if (decoded) summary.signed = decoded.signed;
    if (decoded?.note) summary.note = decoded.note;
    if (decoded?.response) summary.response = decoded.response;
    return {
      applicationId,
      direction: r.direction,
      messageType: decoded?.messageType ?? r.messageType,
      binding: decoded?.binding ?? r.binding ?? null,
      messageId: r.messageId ?? decoded?.messageId ?? null,
      verdict: r.verdict,
      reasonCode: r.reasonCode ?? null,
      reason: r.reason ?? null,
      summary,
      xml: decoded?.xml ?? null,
    };
  } catch (e) {
    console.error("[saml-trace] could not record", e);
    return null;
  }
}

// Entries written inside a round trip's transaction are pruned here afterwards, at most once
// a second per application and process (the bound is kept; the prune is not on every request).
const pruned = new Map<string, number>();
export function pruneTraceSoon(applicationId: string, now = Date.now()): void {
  if (now - (pruned.get(applicationId) ?? 0) < 1_000) return;
  pruned.set(applicationId, now);
  if (pruned.size > 10_000) pruned.clear();
  void pruneTraceEntries(applicationId).catch((e) => console.error("[saml-trace] could not prune", e));
}

export async function recordTrace(applicationId: string, r: TraceRecord): Promise<string | null> {
  const entry = traceEntryOf(applicationId, r);
  if (!entry) return null;
  try {
    return await insertTraceEntry(entry);
  } catch (e) {
    console.error("[saml-trace] could not record", e);
    return null;
  }
}
