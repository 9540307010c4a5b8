// Writes the SAML trace of an application. Tracing never changes the outcome of a sign-in or
// logout: a failure to record is logged and ignored.
import {
  decodeForTrace,
  rawInbound,
  rawOutbound,
  TRACE_XML_MAX,
  type DecodedForTrace,
  type RawForTrace,
} from "../../saml/trace";
import type { InboundMessage, OutboundMessage } from "../../saml";
import { insertTraceEntry, pruneTraceEntries, type TraceEntry, type TraceEntryInput } from "../../db/saml-trace";

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
    const raw = rawOf(r);
    return withDecoded(baseEntry(applicationId, r), raw && decodeForTrace(raw));
  } catch (e) {
    console.error("[saml-trace] could not record", e);
    return null;
  }
}

/**
 * The entry of a message that passed every check, or that we built, on the sign-in path: its XML
 * is kept as it is and decoded only when the trace is viewed (completeTraceEntry), so the round
 * trip does not parse and pretty-print two messages for a page that may never be opened.
 */
export function deferredTraceEntryOf(applicationId: string, r: TraceRecord): TraceEntryInput | null {
  try {
    const raw = rawOf(r);
    if (!raw?.xml || raw.xml.length > TRACE_XML_MAX) return traceEntryOf(applicationId, r);
    const base = baseEntry(applicationId, r);
    return {
      ...base,
      binding: raw.binding,
      summary: { ...base.summary, [PENDING]: { querySigned: raw.querySigned } },
      xml: raw.xml,
    };
  } catch (e) {
    console.error("[saml-trace] could not record", e);
    return null;
  }
}

/** A stored entry as the trace shows it: a deferred one is decoded now. */
export function completeTraceEntry<E extends TraceEntry>(entry: E): E {
  const pending = entry.summary?.[PENDING] as { querySigned?: unknown } | undefined;
  if (!pending) return entry;
  const { [PENDING]: _, ...summary } = entry.summary!;
  const decoded =
    entry.xml === null
      ? undefined
      : decodeForTrace({
          binding: entry.binding === "redirect" ? "redirect" : "post",
          xml: entry.xml,
          querySigned: pending.querySigned === true,
        });
  return { ...entry, ...withDecoded({ ...entry, summary }, decoded) };
}

const PENDING = "decodePending";

function rawOf(r: TraceRecord): RawForTrace | undefined {
  if (r.inbound) return rawInbound(r.inbound);
  if (r.outbound) return rawOutbound(r.outbound);
  if (r.redirectUrl) return rawOutbound({ id: "", binding: "redirect", url: r.redirectUrl });
  return undefined;
}

function baseEntry(applicationId: string, r: TraceRecord): TraceEntryInput & { summary: Record<string, unknown> } {
  return {
    applicationId,
    direction: r.direction,
    messageType: r.messageType,
    binding: r.binding ?? null,
    messageId: r.messageId ?? null,
    verdict: r.verdict,
    reasonCode: r.reasonCode ?? null,
    reason: r.reason ?? null,
    summary: { ...(r.summary ?? {}) },
    xml: null,
  };
}

/** What decoding adds to an entry: the root's name and ID, issuer, signatures, the Response's details, the pretty XML. */
function withDecoded<E extends Omit<TraceEntryInput, "applicationId">>(
  entry: E,
  decoded: DecodedForTrace | undefined,
): E {
  const summary: Record<string, unknown> = { ...(entry.summary ?? {}) };
  if (decoded?.issuer) summary.issuer = decoded.issuer;
  if (decoded?.inResponseTo) summary.inResponseTo = decoded.inResponseTo;
  if (decoded) summary.signed = decoded.signed;
  if (decoded?.note) summary.note = decoded.note;
  if (decoded?.response) summary.response = decoded.response;
  return {
    ...entry,
    messageType: decoded?.messageType ?? entry.messageType,
    binding: decoded?.binding ?? entry.binding ?? null,
    messageId: entry.messageId ?? decoded?.messageId ?? null,
    summary,
    xml: decoded?.xml ?? null,
  };
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
