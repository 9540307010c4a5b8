// Device inventories of Management Tools integrations: what administrators upload or type
// (CSV with a header, or one identifier a line) and what a management tool PUTs to the
// device API (JSON). Both become the same validated list of entries.
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { deviceIdField, isDeviceId, DEVICE_ID_RULE } from "./device-id";

export const MAX_INVENTORY_DEVICES = 10_000;
export const MAX_INVENTORY_BYTES = 1024 * 1024; // upload, typed text and API body

const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} has at most ${max} characters.`)
    .optional()
    .nullable()
    .transform((v) => (v ? v : null));

export const inventoryEntrySchema = z.object({
  deviceId: deviceIdField,
  hostname: optionalText("A hostname", 253).refine(
    (v) => v === null || /^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(v),
    "A hostname uses letters, digits, dots and hyphens.",
  ),
  os: optionalText("An operating system", 100),
  owner: optionalText("An owner", 254),
  serialNumber: optionalText("A serial number", 100),
});
export type InventoryEntry = z.infer<typeof inventoryEntrySchema>;

/** The device API's body: { "devices": [ { "deviceId": "...", "hostname": "...", ... } ] }. */
export const inventoryBodySchema = z.strictObject({
  devices: z.array(inventoryEntrySchema).max(MAX_INVENTORY_DEVICES, `At most ${MAX_INVENTORY_DEVICES} devices.`),
});

export type InventoryParse = { ok: true; entries: InventoryEntry[] } | { ok: false; error: string };

const HEADER_ALIASES: Record<string, keyof InventoryEntry> = {
  device_id: "deviceId",
  deviceid: "deviceId",
  "device id": "deviceId",
  identifier: "deviceId",
  hostname: "hostname",
  "host name": "hostname",
  os: "os",
  "operating system": "os",
  owner: "owner",
  user: "owner",
  serial_number: "serialNumber",
  serialnumber: "serialNumber",
  "serial number": "serialNumber",
};

/** Rejects duplicates (case-insensitive) and reports the first problem with its line. */
export function checkEntries(
  entries: InventoryEntry[],
  lineOf: (i: number) => number | null = () => null,
): string | null {
  if (entries.length > MAX_INVENTORY_DEVICES)
    return `An inventory has at most ${MAX_INVENTORY_DEVICES} devices; this one has ${entries.length}.`;
  const seen = new Map<string, number>();
  for (let i = 0; i < entries.length; i++) {
    const key = entries[i]!.deviceId.toLowerCase();
    if (seen.has(key)) {
      const line = lineOf(i);
      return `${line ? `Line ${line}: ` : ""}“${entries[i]!.deviceId}” is listed twice.`;
    }
    seen.set(key, i);
  }
  return null;
}

/** Parses an uploaded or typed inventory: CSV with a device_id column, or one identifier a line. */
export function parseInventoryText(text: string): InventoryParse {
  if (Buffer.byteLength(text, "utf8") > MAX_INVENTORY_BYTES)
    return { ok: false, error: "The inventory is larger than 1 MiB." };
  const body = text.replace(/^\uFEFF/, "");
  const lines = body.split(/\r?\n/);
  const first = lines.find((l) => l.trim() && !l.trim().startsWith("#"))?.trim() ?? "";
  const firstCells = first.split(",").map((c) => c.trim().toLowerCase().replace(/^"|"$/g, ""));
  const isCsv = firstCells.some((c) => HEADER_ALIASES[c] === "deviceId");

  if (!isCsv) {
    const entries: InventoryEntry[] = [];
    const lineNos: number[] = [];
    for (let i = 0; i < lines.length; i++) {
      const v = lines[i]!.trim();
      if (!v || v.startsWith("#")) continue;
      if (!isDeviceId(v))
        return {
          ok: false,
          error: `Line ${i + 1}: “${v.slice(0, 60)}” is not a device identifier (${DEVICE_ID_RULE}).`,
        };
      entries.push({ deviceId: v, hostname: null, os: null, owner: null, serialNumber: null });
      lineNos.push(i + 1);
    }
    const problem = checkEntries(entries, (i) => lineNos[i] ?? null);
    return problem ? { ok: false, error: problem } : { ok: true, entries };
  }

  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(body, {
      skip_empty_lines: true,
      comment: "#",
      relax_column_count: true,
      trim: true,
      info: true,
      max_record_size: 4096,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    return { ok: false, error: `The CSV could not be read: ${(e as Error).message.slice(0, 160)}` };
  }
  const [header, ...rows] = records;
  if (!header) return { ok: true, entries: [] };
  const columns = header.record.map((h) => HEADER_ALIASES[h.toLowerCase()] ?? null);
  const entries: InventoryEntry[] = [];
  const lineNos: number[] = [];
  for (const { record, info } of rows) {
    const raw: Record<string, string> = {};
    columns.forEach((c, i) => {
      if (c && record[i] !== undefined) raw[c] = record[i]!;
    });
    const r = inventoryEntrySchema.safeParse(raw);
    if (!r.success) return { ok: false, error: `Line ${info.lines}: ${r.error.issues[0]?.message ?? "invalid row"}` };
    entries.push(r.data);
    lineNos.push(info.lines);
  }
  const problem = checkEntries(entries, (i) => lineNos[i] ?? null);
  return problem ? { ok: false, error: problem } : { ok: true, entries };
}
