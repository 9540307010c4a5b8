// Remembered devices: after a successful second factor, when the effective policy has
// "Remembered devices" on (evaluate() puts `rememberHours` on the mfa/enroll decision), the
// sign-in flow may issue a token for this user and application and set it as a cookie; on a
// later sign-in it checks the cookie and passes `rememberedDevice: true` to evaluate().
//
// The token is 32 random bytes (base64url) held only by the browser; the database keeps its
// SHA-256 with the user, the application (null: the portal) and the expiry. A token is valid
// for the same user and the same application until it expires, and never for longer than the
// policy in force now allows (an administrator who shortens the time shortens every token).
//
// Wiring (the sign-in flow, lib/login):
//   const token = cookies.get(rememberedDeviceCookieName(app?.id ?? null));
//   const rememberedDevice = await checkRememberedDevice({ token, userId, applicationId, maxHours: policy.settings.rememberedDevices?.enabled ? policy.settings.rememberedDevices.hours : 0 });
//   const decision = evaluate(policy, { ..., rememberedDevice });
//   ... after the second factor succeeds, when decision.rememberHours (and the user ticked "Remember me"):
//   const c = await issueRememberedDevice({ userId, applicationId, hours: decision.rememberHours });
//   setCookie(c.name, c.value, "sign-in", { expires: c.expiresAt });   // app/_server/cookies.ts
import { createHash, randomBytes } from "node:crypto";
import {
  deleteRememberedDevices,
  findRememberedDeviceByHash,
  insertRememberedDevice,
} from "../../db/remembered-devices";
import { REMEMBERED_HOURS_MAX, REMEMBERED_HOURS_MIN } from "../../policy";

/** Cookie name prefix; one cookie per application so that remembering one app keeps the others. */
export const REMEMBERED_DEVICE_COOKIE_PREFIX = "portcullis_rd_";

/** The cookie for one application (null: the application portal). */
export function rememberedDeviceCookieName(applicationId: string | null): string {
  return REMEMBERED_DEVICE_COOKIE_PREFIX + (applicationId ? applicationId.replace(/[^A-Za-z0-9_-]/g, "") : "portal");
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/; // 32 bytes, base64url without padding
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export async function issueRememberedDevice(input: {
  userId: string;
  applicationId: string | null;
  hours: number;
  now?: Date;
}) {
  const { userId, applicationId } = input;
  if (!Number.isInteger(input.hours) || input.hours < REMEMBERED_HOURS_MIN || input.hours > REMEMBERED_HOURS_MAX) {
    throw new Error(`remembered-device hours out of range: ${input.hours}`);
  }
  const now = input.now ?? new Date();
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + input.hours * 3_600_000);
  await insertRememberedDevice({ userId, applicationId, tokenHash: hashToken(token), expiresAt, createdAt: now });
  return {
    name: rememberedDeviceCookieName(applicationId),
    value: token,
    expiresAt,
  };
}

/**
 * True when `token` was issued to this user for this application, has not expired, is
 * younger than `maxHours` (the hours the effective policy allows now; 0 or less: none) and
 * was issued after `issuedAfter` (the user's revocation watermark, lib/login/revocation.ts).
 */
export async function checkRememberedDevice(input: {
  token: string | null | undefined;
  userId: string;
  applicationId: string | null;
  maxHours: number;
  issuedAfter?: Date | null;
  now?: Date;
}): Promise<boolean> {
  const { token, userId, applicationId, maxHours } = input;
  if (!token || !TOKEN.test(token) || !(maxHours > 0)) return false;
  const row = await findRememberedDeviceByHash(hashToken(token));
  if (!row || row.userId !== userId || row.applicationId !== applicationId) return false;
  if (input.issuedAfter && row.createdAt.getTime() <= input.issuedAfter.getTime()) return false;
  const now = (input.now ?? new Date()).getTime();
  return row.expiresAt.getTime() > now && row.createdAt.getTime() + maxHours * 3_600_000 > now;
}

/** Forgets a user's remembered browsers of one application (or all); revocation forgets all (lib/login/revocation.ts). */
export async function forgetRememberedDevices(userId: string, applicationId?: string | null): Promise<number> {
  return deleteRememberedDevices(userId, applicationId);
}
