// Repository: the configuration version, one Setting row whose value changes (to a new random
// token) whenever configuration that processes cache changes (lib/services/config-sync.ts).
import { randomUUID } from "node:crypto";
import { dbReady } from "./client";

export const CONFIG_VERSION_KEY = "config.version";

/** The current token; null before the first change. One primary-key read. */
export async function readConfigVersion(): Promise<string | null> {
  const row = await (await dbReady()).setting.findUnique({ where: { key: CONFIG_VERSION_KEY } });
  return row?.value ?? null;
}

/** Writes a new token and returns it. A token, not a counter: concurrent writers need no lock. */
export async function bumpConfigVersion(): Promise<string> {
  const value = JSON.stringify(randomUUID());
  await (
    await dbReady()
  ).setting.upsert({
    where: { key: CONFIG_VERSION_KEY },
    create: { key: CONFIG_VERSION_KEY, value },
    update: { value },
  });
  return value;
}
