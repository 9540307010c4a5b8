// Repository: tenant settings, one JSON value per key.
import { dbReady } from "./client";

export async function readSettings(keys: readonly string[]): Promise<Record<string, unknown>> {
  const rows = await (await dbReady()).setting.findMany({ where: { key: { in: [...keys] } } });
  const out: Record<string, unknown> = {};
  for (const r of rows) {
    try {
      out[r.key] = JSON.parse(r.value);
    } catch {
      // A malformed value is treated as unset; the service falls back to its default.
    }
  }
  return out;
}

export async function writeSettings(values: Record<string, unknown>): Promise<void> {
  const client = await dbReady();
  await client.$transaction(
    Object.entries(values).map(([key, v]) =>
      client.setting.upsert({
        where: { key },
        create: { key, value: JSON.stringify(v) },
        update: { value: JSON.stringify(v) },
      }),
    ),
  );
}

/** Inserts a key once; false when it already exists (used as a one-time latch). */
export async function insertSettingOnce(key: string, value: unknown): Promise<boolean> {
  try {
    await (await dbReady()).setting.create({ data: { key, value: JSON.stringify(value) } });
    return true;
  } catch (e) {
    if (isUniqueViolation(e)) return false;
    throw e;
  }
}

export async function deleteSetting(key: string): Promise<void> {
  await (await dbReady()).setting.deleteMany({ where: { key } });
}

export function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: string }).code === "P2002";
}
