// Trusted Endpoints > Endpoints: device, OS, owner, trusted by which integration, EDR
// status, last seen; newest first, keyset-paged, prefix search on device ID or hostname.
import { listEndpoints, type EndpointListRow } from "../../db/endpoints";
import { assertCan, type Actor } from "../actor";
import { decodeCursor, pageOf } from "../keyset";

export const ENDPOINTS_PAGE_SIZE = 50;

export type EndpointListItem = EndpointListRow & { trustedNow: boolean };

export async function listEndpointsForConsole(
  actor: Actor,
  opts: { cursor?: string; q?: string; integrationId?: string },
) {
  assertCan(actor, "endpoints:view");
  const q = opts.q?.trim().slice(0, 128) || undefined;
  const rows = await listEndpoints({
    limit: ENDPOINTS_PAGE_SIZE + 1,
    before: decodeCursor(opts.cursor),
    q,
    integrationId: opts.integrationId,
  });
  const page = pageOf(rows, ENDPOINTS_PAGE_SIZE);
  return {
    rows: page.rows.map((r): EndpointListItem => ({
      ...r,
      trustedNow: r.trusted && !!r.integration && r.integration.enabled && r.integration.kind === "DEVICE_INVENTORY",
    })),
    nextCursor: page.nextCursor,
  };
}
