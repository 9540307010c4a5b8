import { describe, expect, it } from "vitest";
import { makeAdmin, makeApplication } from "../../../test/helpers";
import { insertTraceEntry, listTraceEntries, TRACE_KEEP, TRACE_RETENTION_MS } from "../../db/saml-trace";
import { explainRefusal } from "./explain";
import { applicationTrace } from "./view-trace";

const entry = (applicationId: string, n: number, verdict: "SENT" | "TEST" = "SENT", adminId?: string) => ({
  applicationId,
  direction: "OUT" as const,
  messageType: "Response",
  binding: "post",
  messageId: `_m${n}`,
  verdict,
  reasonCode: null,
  reason: null,
  summary: adminId ? { adminId } : null,
  xml: "<samlp:Response/>",
});

describe("the SAML trace", () => {
  it("keeps the newest 50 messages of an application and nothing older than 7 days", async () => {
    const app = await makeApplication("Trace Bounds");
    const other = await makeApplication("Trace Other");
    const start = Date.now() - 2 * TRACE_RETENTION_MS;
    await insertTraceEntry(entry(other.id, 0), new Date(start));
    await insertTraceEntry(entry(app.id, 0), new Date(start));
    // An entry older than the retention period is gone once the application records again.
    for (let n = 1; n <= TRACE_KEEP + 5; n++)
      await insertTraceEntry(entry(app.id, n), new Date(Date.now() - (TRACE_KEEP + 5 - n) * 1000));
    const kept = await listTraceEntries(app.id);
    expect(kept).toHaveLength(TRACE_KEEP);
    expect(kept[0]!.messageId).toBe(`_m${TRACE_KEEP + 5}`); // newest first
    expect(kept.at(-1)!.messageId).toBe("_m6");
    // Another application's trace is its own (its stale entry is not listed).
    expect(await listTraceEntries(other.id)).toEqual([]);
  });

  it("is visible to every role that may see applications; a Test SSO result only to its administrator", async () => {
    const app = await makeApplication("Trace Roles");
    const owner = await makeAdmin("OWNER");
    const readOnly = await makeAdmin("READ_ONLY");
    await insertTraceEntry(entry(app.id, 1));
    await insertTraceEntry(entry(app.id, 2, "TEST", owner.adminId));
    expect((await applicationTrace(owner, app.id)).entries.map((e) => e.messageId)).toEqual(["_m2", "_m1"]);
    expect((await applicationTrace(readOnly, app.id)).entries.map((e) => e.messageId)).toEqual(["_m1"]);
  });

  it("explains a refusal in words, with the exact detail", () => {
    expect(explainRefusal("unregistered_acs", 'AssertionConsumerServiceURL "https://x/acs" is not registered')).toBe(
      "The SP asked for an Assertion Consumer Service URL that is not registered. Add it under Service Provider (or import the SP's metadata). " +
        '(AssertionConsumerServiceURL "https://x/acs" is not registered)',
    );
    expect(explainRefusal("invalid_nameid_policy", "The SP asked for NameID format persistent; …")).toBe(
      "The SP asked for NameID format persistent; …",
    );
  });
});
