// Reports > Authentication Log: every sign-in ending, newest first, keyset-paged.
import { listAuthLogs } from "../db/auth-log";
import { assertCan, type Actor } from "./actor";
import { decodeCursor, pageOf } from "./keyset";

export const AUTH_LOG_PAGE_SIZE = 50;

export async function listAuthenticationLog(actor: Actor, opts: { cursor?: string; applicationId?: string }) {
  assertCan(actor, "authlog:view");
  const applicationId = opts.applicationId && /^[A-Za-z0-9_-]{1,64}$/.test(opts.applicationId) ? opts.applicationId : undefined;
  return pageOf(await listAuthLogs({ limit: AUTH_LOG_PAGE_SIZE + 1, before: decodeCursor(opts.cursor), applicationId }), AUTH_LOG_PAGE_SIZE);
}
