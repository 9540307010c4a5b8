// Repository: remembered devices (a browser that may skip the second factor for one
// application for a while). Only the token's hash is stored.
import { dbReady } from "./client";

export type RememberedDeviceRow = {
  id: string;
  userId: string;
  applicationId: string | null;
  expiresAt: Date;
  createdAt: Date;
};
const select = { id: true, userId: true, applicationId: true, expiresAt: true, createdAt: true } as const;

export async function insertRememberedDevice(data: {
  userId: string;
  applicationId: string | null;
  tokenHash: string;
  expiresAt: Date;
  createdAt: Date;
}): Promise<RememberedDeviceRow> {
  return (await dbReady()).rememberedDevice.create({ data, select });
}

export async function findRememberedDeviceByHash(tokenHash: string): Promise<RememberedDeviceRow | null> {
  return (await dbReady()).rememberedDevice.findUnique({ where: { tokenHash }, select });
}

/** Forgets a user's remembered browsers (all applications, or one; null = the portal). */
export async function deleteRememberedDevices(userId: string, applicationId?: string | null): Promise<number> {
  const where = applicationId === undefined ? { userId } : { userId, applicationId };
  return (await (await dbReady()).rememberedDevice.deleteMany({ where })).count;
}

export async function deleteExpiredRememberedDevices(now: Date): Promise<number> {
  return (await (await dbReady()).rememberedDevice.deleteMany({ where: { expiresAt: { lte: now } } })).count;
}
