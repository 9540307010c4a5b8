// Writes the SAML trace of an application. Tracing never changes the outcome of a sign-in or
// logout: a failure to record is logged and ignored.
import { decodeInboundForTrace, decodeOutboundForTrace, type DecodedForTrace } from "../../saml/trace";
import type { InboundMessage, OutboundMessage } from "../../saml";
import { insertTraceEntry, type TraceEntryInput } from "../../db/saml-trace";

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

export async function recordTrace(applicationId: string, r: TraceRecord): Promise<string | null> {
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
    return await insertTraceEntry({
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
    });
  } catch (e) {
    console.error("[saml-trace] could not record", e);
    return null;
  }
}
