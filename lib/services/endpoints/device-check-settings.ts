// Trusted Endpoints > Device identity: where browsers are sent to prove their device (the
// device check URL) and which reverse proxies may forward a client certificate in a header.
import { z } from "zod";
import { readSettings, writeSettings } from "../../db/settings";
import { parseTrustedProxies } from "../../endpoints/proxy-trust";
import { DEFAULT_CLIENT_CERT_HEADER } from "../../endpoints/client-cert-header";
import { httpUrlField, validateAll } from "../../validation";
import { changedFields } from "../audit-diff";
import { assertCan, audit, type Actor } from "../actor";
import { configChanged, configEpoch, registerConfigCache, syncConfig } from "../config-sync";

export type DeviceCheckSettings = { deviceCheckUrl: string | null; trustedProxies: string[]; clientCertHeader: string };

const KEY = "trustedEndpoints.deviceCheck";
const shared = globalThis as unknown as { portcullisDeviceCheckSettings?: { value: DeviceCheckSettings; at: number } };
const TTL_MS = 60_000; // backstop: config-sync makes changes visible everywhere within ~1 s
registerConfigCache("device-check-settings", () => (shared.portcullisDeviceCheckSettings = undefined));

export async function getDeviceCheckSettings(): Promise<DeviceCheckSettings> {
  await syncConfig();
  const c = shared.portcullisDeviceCheckSettings;
  const epoch = configEpoch();
  if (c && Date.now() - c.at < TTL_MS) return c.value;
  const stored = (await readSettings([KEY]))[KEY] as Partial<DeviceCheckSettings> | undefined;
  const value: DeviceCheckSettings = {
    deviceCheckUrl: typeof stored?.deviceCheckUrl === "string" ? stored.deviceCheckUrl : null,
    trustedProxies: Array.isArray(stored?.trustedProxies)
      ? stored.trustedProxies.filter((s): s is string => typeof s === "string")
      : [],
    clientCertHeader:
      typeof stored?.clientCertHeader === "string" ? stored.clientCertHeader : DEFAULT_CLIENT_CERT_HEADER,
  };
  if (epoch === configEpoch()) shared.portcullisDeviceCheckSettings = { value, at: Date.now() };
  return value;
}

const schema = z.object({
  deviceCheckUrl: z
    .union([z.literal(""), httpUrlField("device check URL")])
    .transform((v) => (v ? v.replace(/\/+$/, "") : null)),
  trustedProxies: z.string().max(4000, "The list is too long."),
  clientCertHeader: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, "Enter the header name.")
    .max(64, "A header name has at most 64 characters.")
    .regex(
      /^x-[a-z0-9-]+$/,
      "Use a custom header name such as X-Client-Cert (letters, digits and hyphens, starting with X-).",
    ),
});

/** Saves the settings; returns whether anything changed (nothing is written or audited otherwise). */
export async function saveDeviceCheckSettings(
  actor: Actor,
  input: { deviceCheckUrl: unknown; trustedProxies: unknown; clientCertHeader: unknown },
): Promise<{ settings: DeviceCheckSettings; changed: boolean }> {
  assertCan(actor, "endpoints:manage");
  let proxies: string[] = [];
  const v = await validateAll(schema, input, (f, errors) => {
    if (f.trustedProxies === undefined) return;
    const parsed = parseTrustedProxies(f.trustedProxies);
    if ("error" in parsed) errors.add("trustedProxies", parsed.error);
    else proxies = parsed.entries;
  });
  const before = await getDeviceCheckSettings();
  const after: DeviceCheckSettings = {
    deviceCheckUrl: v.deviceCheckUrl,
    trustedProxies: proxies,
    clientCertHeader: v.clientCertHeader,
  };
  const diff = changedFields(before, after, ["deviceCheckUrl", "trustedProxies", "clientCertHeader"]);
  if (!diff) return { settings: after, changed: false };
  await writeSettings({ [KEY]: after });
  await configChanged();
  await audit(actor, {
    action: "endpoints.device_check_update",
    targetType: "settings",
    targetLabel: "Trusted Endpoints device identity",
    ...diff,
  });
  return { settings: after, changed: true };
}
