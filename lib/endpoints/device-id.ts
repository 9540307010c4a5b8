// Device identifiers: what an inventory lists, a device certificate carries and the
// endpoints list shows. A conservative alphabet (serial numbers, UUIDs, host names, MDM
// IDs) so an identifier is safe in a certificate subject, a URI SAN, a CSV and a URL.
import { z } from "zod";

export const DEVICE_ID_MAX = 128;
const DEVICE_ID_RE = /^[A-Za-z0-9][A-Za-z0-9._:@-]*$/;

export const DEVICE_ID_RULE = "letters, digits and . _ : @ - (starting with a letter or digit), at most 128 characters";

export function isDeviceId(value: string): boolean {
  return value.length <= DEVICE_ID_MAX && DEVICE_ID_RE.test(value);
}

export const deviceIdField = z
  .string()
  .trim()
  .min(1, "Enter a device identifier.")
  .max(DEVICE_ID_MAX, `A device identifier has at most ${DEVICE_ID_MAX} characters.`)
  .regex(DEVICE_ID_RE, `A device identifier uses ${DEVICE_ID_RULE}.`);

/** The URI subject alternative name a device certificate carries its identifier in. */
export const DEVICE_URI_PREFIX = "urn:portcullis:device:";
export const deviceUri = (deviceId: string) => `${DEVICE_URI_PREFIX}${deviceId}`;
