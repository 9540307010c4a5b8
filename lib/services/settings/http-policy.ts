// What the Portcullis server's response headers depend on (lib/http/request-wiring.mjs):
// HSTS when the public base URL is https; the device check's origin as a form target of the
// hosted pages (the password form's redirect goes there); the origins of the applications'
// Single Logout URLs as the frames the IdP-initiated logout pages may load. All cached per process
// and kept right across workers and instances by lib/services/config-sync.ts.
import { provideHttpPolicy, type HttpPolicy } from "../../http/http-policy.mjs";
import { getSloOrigins } from "../applications/application-config";
import { getDeviceCheckSettings } from "../endpoints/device-check-settings";
import { getTenantSettings } from "./tenant-settings";

export async function httpPolicy(): Promise<HttpPolicy> {
  const [tenant, deviceCheck, logoutFrameOrigins] = await Promise.all([
    getTenantSettings(),
    getDeviceCheckSettings(),
    getSloOrigins(),
  ]);
  const formActionOrigins: string[] = [];
  if (deviceCheck.deviceCheckUrl) {
    try {
      formActionOrigins.push(new URL(deviceCheck.deviceCheckUrl).origin);
    } catch {
      // a stored URL is validated when saved
    }
  }
  return { https: tenant.publicBaseUrl.startsWith("https://"), formActionOrigins, logoutFrameOrigins };
}

export function registerHttpPolicy(): void {
  provideHttpPolicy(httpPolicy);
}
