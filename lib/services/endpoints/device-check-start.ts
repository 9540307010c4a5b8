// Starts the device check listeners once per process when PORTCULLIS_DEVICE_CHECK_TLS_PORT
// or PORTCULLIS_DEVICE_CHECK_PROXY_PORT is set (called from instrumentation.ts).
import { env } from "../../env";
import { startDeviceCheckServers, type DeviceCheckServers } from "./device-check";

const shared = globalThis as unknown as { portcullisDeviceCheck?: Promise<DeviceCheckServers | null> };

export function startDeviceCheckIfConfigured(): Promise<DeviceCheckServers | null> {
  const e = env();
  if (e.PORTCULLIS_DEVICE_CHECK_TLS_PORT === undefined && e.PORTCULLIS_DEVICE_CHECK_PROXY_PORT === undefined)
    return Promise.resolve(null);
  shared.portcullisDeviceCheck ??= startDeviceCheckServers();
  return shared.portcullisDeviceCheck;
}
