// What the Portcullis server's response headers depend on (lib/http/request-wiring.mjs):
// HSTS when the public base URL is https; the device check's origin as a form target of the
// hosted pages (the password form's redirect goes there). Both settings are cached per process.
import { provideHttpPolicy, type HttpPolicy } from "../../http/http-policy.mjs";
import { getDeviceCheckSettings } from "../endpoints/device-check-settings";
import { getTenantSettings } from "./tenant-settings";

export async function httpPolicy(): Promise<HttpPolicy> {
  const [tenant, deviceCheck] = await Promise.all([getTenantSettings(), getDeviceCheckSettings()]);
  const formActionOrigins: string[] = [];
  if (deviceCheck.deviceCheckUrl) {
    try {
      formActionOrigins.push(new URL(deviceCheck.deviceCheckUrl).origin);
    } catch {
      // a stored URL is validated when saved
    }
  }
  return { https: tenant.publicBaseUrl.startsWith("https://"), formActionOrigins };
}

export function registerHttpPolicy(): void {
  provideHttpPolicy(httpPolicy);
}
