// The client certificate a reverse proxy forwards, e.g. nginx
//   proxy_set_header X-Client-Cert $ssl_client_escaped_cert;
// (the URL-encoded PEM). Plain PEM and base64 DER are accepted too; the size is capped.
import { MAX_PEM_BYTES } from "./device-certificates";

export const DEFAULT_CLIENT_CERT_HEADER = "x-client-cert";

/** The PEM in a header value, or null when the value is empty, oversized or not a certificate. */
export function certificateFromHeader(value: string | null | undefined): string | null {
  if (!value) return null;
  if (value.length > MAX_PEM_BYTES * 3) return null;
  let v = value.trim();
  if (v.includes("%")) {
    try {
      v = decodeURIComponent(v);
    } catch {
      return null;
    }
  }
  if (v.length > MAX_PEM_BYTES) return null;
  const m = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+)-----END CERTIFICATE-----/.exec(v);
  const body = m ? m[1]!.replace(/\s+/g, "") : /^[A-Za-z0-9+/]+={0,2}$/.test(v) ? v : null;
  if (!body) return null;
  return `-----BEGIN CERTIFICATE-----\n${body.replace(/.{1,64}/g, "$&\n")}-----END CERTIFICATE-----\n`;
}
