// Whether passkeys (WebAuthn) can work at the tenant's public base URL. The relying party ID
// is the URL's host name, and WebAuthn accepts only a domain there: at an IP address
// browsers refuse every ceremony (Chromium reports it as "cancelled or timed out"). Pure, so
// that the Settings form can warn while an administrator types.

/** The host of an http(s) URL when it is an IP address (IPv4 or IPv6 literal); null otherwise or when unparsable. */
export function ipHostOf(url: string): string | null {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return null;
  }
  if (/^\[[0-9a-f:.]+\]$/i.test(host)) return host;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return host;
  return null;
}

/** Passkeys are offered only when the public base URL's host is a domain name. */
export function passkeysAvailableAt(publicBaseUrl: string): boolean {
  return ipHostOf(publicBaseUrl) === null;
}

/** The Settings warning for a public base URL at an IP address, or null. */
export function passkeyHostWarning(publicBaseUrl: string): string | null {
  const ip = ipHostOf(publicBaseUrl);
  return ip
    ? `Passkeys and security keys do not work at an IP address (${ip}): WebAuthn needs a domain name. Sign-in pages offer only the authenticator app and bypass codes until the public base URL uses a domain name, e.g. https://sso.example.com.`
    : null;
}
