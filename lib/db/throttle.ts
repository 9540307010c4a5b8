// Repository: failed sign-in counters per client address.
import { dbReady } from "./client";

export async function readThrottle(key: string) {
  return (await dbReady()).loginThrottle.findUnique({ where: { key } });
}

export async function writeThrottle(
  key: string,
  data: { failures: number; windowStart: Date; blockedUntil: Date | null },
) {
  await (await dbReady()).loginThrottle.upsert({ where: { key }, create: { key, ...data }, update: data });
}

export async function clearThrottle(key: string) {
  await (await dbReady()).loginThrottle.deleteMany({ where: { key } });
}

export async function pingDatabase(): Promise<void> {
  await (await dbReady()).$queryRawUnsafe("SELECT 1");
}
