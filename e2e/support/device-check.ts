// The Trusted Endpoints device check in the end-to-end tests. e2e/start-server.mjs starts the
// listeners on loopback at the e2e port + 1000 (HTTPS, asks for a client certificate) and
// + 1001 (plain HTTP for a reverse proxy that forwards the certificate in X-Client-Cert), or
// at PORTCULLIS_E2E_DEVICE_CHECK_PORT and the port after it.
// A browser presents its device certificate either way:
//  - through the proxy port: the test plays the trusted reverse proxy (peer 127.0.0.1, listed
//    in "Trusted proxy addresses"), adding the URL-encoded PEM as nginx's
//    $ssl_client_escaped_cert does, to the browser's request to the device check;
//  - directly on the HTTPS port: Playwright's `clientCertificates` context option.
import forge from "node-forge";
import type { Page } from "@playwright/test";

const E2E_PORT = Number(process.env.PORTCULLIS_E2E_PORT ?? 3100);
const DEVICE_CHECK_PORT = Number(process.env.PORTCULLIS_E2E_DEVICE_CHECK_PORT ?? E2E_PORT + 1000);
export const DEVICE_CHECK_TLS_URL = `https://127.0.0.1:${DEVICE_CHECK_PORT}`;
export const DEVICE_CHECK_PROXY_URL = `http://127.0.0.1:${DEVICE_CHECK_PORT + 1}`;

/** A device certificate and key from the console's PKCS#12 bundle and its one-time password. */
export type DeviceCredential = { deviceId: string; certPem: string; keyPem: string; pfx: Buffer; passphrase: string };

export function readBundle(deviceId: string, pfx: Buffer, passphrase: string): DeviceCredential {
  const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(pfx.toString("binary")), passphrase);
  const cert = p12.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!]![0]!.cert!;
  const key = p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!]![0]!
    .key!;
  return {
    deviceId,
    certPem: forge.pki.certificateToPem(cert),
    keyPem: forge.pki.privateKeyToPem(key),
    pfx,
    passphrase,
  };
}

/**
 * The test as the trusted reverse proxy: the browser's request to the device check's proxy
 * port carries `credential`'s certificate in X-Client-Cert (none: the header is left out, as
 * nginx sends an empty value for a browser without a certificate).
 */
export async function presentThroughProxy(page: Page, credential: DeviceCredential | null) {
  await page.unroute(`${DEVICE_CHECK_PROXY_URL}/**`);
  await page.route(`${DEVICE_CHECK_PROXY_URL}/**`, (route) => {
    const headers = { ...route.request().headers() };
    if (credential) headers["x-client-cert"] = encodeURIComponent(credential.certPem);
    return route.continue({ headers });
  });
}
