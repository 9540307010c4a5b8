// The SAML trace of an application for the console: every role that may see the application
// may see its trace.
import { AppError } from "../../errors";
import { findApplicationById } from "../../db/applications";
import { listTraceEntries, TRACE_KEEP, TRACE_RETENTION_MS, type TraceEntry } from "../../db/saml-trace";
import { assertCan, type Actor } from "../actor";
import { completeTraceEntry } from "./record";

export { TRACE_KEEP, TRACE_RETENTION_MS };
export type { TraceEntry };

export async function applicationTrace(actor: Actor, applicationId: string) {
  assertCan(actor, "applications:view");
  const app = await findApplicationById(applicationId);
  if (!app) throw new AppError("not_found", "That application does not exist or was removed.");
  const entries = await listTraceEntries(app.id);
  // A Test SSO result is shown only to the administrator who ran the test.
  return {
    app: { id: app.id, name: app.name, key: app.key, configured: !!app.spEntityId && app.acs.length > 0 },
    entries: entries
      .filter((e) => e.verdict !== "TEST" || e.summary?.adminId === actor.adminId)
      .map((e) => completeTraceEntry(e)),
  };
}
