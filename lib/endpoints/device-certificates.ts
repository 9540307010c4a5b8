// The tenant's device CA and the certificates endpoints prove themselves with. Node's
// crypto makes keys and signatures; node-forge assembles the X.509 structures, reads
// CSRs and writes PKCS#12 bundles. Pure: no database, clock injectable.
//
// A device certificate: subject CN = the device identifier, OU = "Portcullis device",
// SAN URI urn:portcullis:device:<id>, keyUsage digitalSignature, extKeyUsage clientAuth,
// signed by the device CA (RSA-2048, SHA-256). Verification trusts only the SAN URI (the
// CN must agree), the CA's signature, the validity dates and the issuer name.
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  X509Certificate,
} from "node:crypto";
import forge from "node-forge";
import { DEVICE_URI_PREFIX, deviceUri, isDeviceId } from "./device-id";

const BACKDATE_MS = 5 * 60_000;
export const CA_VALIDITY_YEARS = 10;
export const DEVICE_CERT_MAX_DAYS = 825;
export const DEVICE_CERT_DEFAULT_DAYS = 365;
export const MAX_PEM_BYTES = 16 * 1024;

export type DeviceCaMaterial = { privateKeyPem: string; certificatePem: string };

function positiveSerial(): string {
  const serial = randomBytes(16);
  serial[0] = serial[0]! & 0x7f;
  if (serial[0] === 0) serial[0] = 0x01;
  return serial.toString("hex");
}

/** Signs a forge certificate's TBSCertificate with a node KeyObject (forge only assembles). */
function signWith(cert: forge.pki.Certificate, privateKeyPem: string) {
  const key = createPrivateKey(privateKeyPem);
  const signer = {
    // forge sets tbsCertificate (with the SHA-256 algorithm) just before calling the signer.
    sign: () =>
      sign("sha256", Buffer.from(forge.asn1.toDer(cert.tbsCertificate).getBytes(), "binary"), key).toString("binary"),
  };
  cert.sign(signer as unknown as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
}

/** A new device CA: RSA-2048 key and a self-signed CA certificate (pathLen 0) valid 10 years. */
export function createDeviceCa(tenantName: string, now: Date = new Date()): DeviceCaMaterial {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: "spki", format: "pem" }).toString());
  cert.serialNumber = positiveSerial();
  cert.validity.notBefore = new Date(now.getTime() - BACKDATE_MS);
  cert.validity.notAfter = new Date(now.getTime());
  cert.validity.notAfter.setUTCFullYear(now.getUTCFullYear() + CA_VALIDITY_YEARS);
  const name = [
    { name: "commonName", value: `Portcullis Device CA ${tenantName}`.slice(0, 64) },
    { name: "organizationName", value: tenantName.slice(0, 64) || "Portcullis" },
  ];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: "basicConstraints", cA: true, pathLenConstraint: 0, critical: true },
    { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
    { name: "subjectKeyIdentifier" },
  ]);
  signWith(cert, privateKeyPem);
  return { privateKeyPem, certificatePem: forge.pki.certificateToPem(cert) };
}

export type IssuedCertificate = {
  certificatePem: string;
  serialNumber: string;
  sha256Fingerprint: string;
  notAfter: Date;
};

/** Issues a client certificate for `deviceId` over `publicKeyPem` (SPKI PEM), signed by the CA. */
export function issueDeviceCertificate(
  ca: DeviceCaMaterial,
  deviceId: string,
  publicKeyPem: string,
  opts: { days?: number; now?: Date } = {},
): IssuedCertificate {
  if (!isDeviceId(deviceId)) throw new Error("invalid device identifier");
  const now = opts.now ?? new Date();
  const days = Math.min(Math.max(opts.days ?? DEVICE_CERT_DEFAULT_DAYS, 1), DEVICE_CERT_MAX_DAYS);
  const caCert = forge.pki.certificateFromPem(ca.certificatePem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKeyPem);
  cert.serialNumber = positiveSerial();
  cert.validity.notBefore = new Date(now.getTime() - BACKDATE_MS);
  cert.validity.notAfter = new Date(now.getTime() + days * 86_400_000);
  cert.setSubject([
    { name: "commonName", value: deviceId },
    { shortName: "OU", value: "Portcullis device" },
  ]);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: "basicConstraints", cA: false, critical: true },
    { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
    { name: "extKeyUsage", clientAuth: true },
    { name: "subjectAltName", altNames: [{ type: 6, value: deviceUri(deviceId) }] },
    { name: "subjectKeyIdentifier" },
    { name: "authorityKeyIdentifier", keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  signWith(cert, ca.privateKeyPem);
  const certificatePem = forge.pki.certificateToPem(cert);
  const x509 = new X509Certificate(certificatePem);
  return {
    certificatePem,
    serialNumber: x509.serialNumber.toUpperCase(),
    sha256Fingerprint: x509.fingerprint256,
    notAfter: new Date(x509.validTo),
  };
}

export class CsrError extends Error {}

/** The public key of a PEM CSR whose self-signature verifies (RSA only: what node-forge reads). */
export function publicKeyFromCsr(csrPem: string): string {
  if (csrPem.length > MAX_PEM_BYTES) throw new CsrError("The certificate signing request is larger than 16 KiB.");
  if (!/-----BEGIN (NEW )?CERTIFICATE REQUEST-----/.test(csrPem))
    throw new CsrError("Paste a PEM certificate signing request (-----BEGIN CERTIFICATE REQUEST-----).");
  let csr: forge.pki.CertificateSigningRequest;
  try {
    csr = forge.pki.certificationRequestFromPem(csrPem);
  } catch {
    throw new CsrError("The certificate signing request could not be read. Use an RSA key of 2048 bits or more.");
  }
  let verified = false;
  try {
    verified = csr.verify();
  } catch {
    verified = false; // forge throws on a malformed signature block
  }
  if (!verified) throw new CsrError("The certificate signing request's signature does not verify.");
  const pem = forge.pki.publicKeyToPem(csr.publicKey as forge.pki.rsa.PublicKey);
  const bits = createPublicKey(pem).asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < 2048) throw new CsrError("The key in the certificate signing request is shorter than 2048 bits.");
  return pem;
}

/** A new RSA-2048 device key with its certificate, in a PKCS#12 bundle protected by a fresh password. */
export function issueDeviceBundle(
  ca: DeviceCaMaterial,
  deviceId: string,
  opts: { days?: number; now?: Date } = {},
): IssuedCertificate & { pkcs12: Buffer; password: string } {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const issued = issueDeviceCertificate(
    ca,
    deviceId,
    publicKey.export({ type: "spki", format: "pem" }).toString(),
    opts,
  );
  // 20 characters from an unambiguous alphabet (~100 bits), shown once.
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  const bytes = randomBytes(20);
  const password = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
  const forgeKey = forge.pki.privateKeyFromPem(privateKey.export({ type: "pkcs1", format: "pem" }).toString());
  const asn1 = forge.pkcs12.toPkcs12Asn1(
    forgeKey,
    [forge.pki.certificateFromPem(issued.certificatePem), forge.pki.certificateFromPem(ca.certificatePem)],
    password,
    {
      algorithm: "3des", // read by Windows, macOS Keychain, browsers and OpenSSL 3 without the legacy provider
      friendlyName: deviceId,
    },
  );
  return { ...issued, pkcs12: Buffer.from(forge.asn1.toDer(asn1).getBytes(), "binary"), password };
}

export type CertificateCheck =
  | { ok: true; deviceId: string; serialNumber: string; sha256Fingerprint: string; notAfter: Date }
  | { ok: false; reason: "malformed" | "wrong_ca" | "expired" | "not_yet_valid" | "not_a_device_certificate" };

/** Checks a presented PEM/DER certificate against the CA certificate: signature, issuer, dates, device identifier. */
export function checkDeviceCertificate(
  presented: string | Buffer,
  caCertificatePem: string,
  now: Date = new Date(),
): CertificateCheck {
  let x509: X509Certificate;
  let ca: X509Certificate;
  try {
    if (typeof presented === "string" && presented.length > MAX_PEM_BYTES) return { ok: false, reason: "malformed" };
    x509 = new X509Certificate(presented);
    ca = new X509Certificate(caCertificatePem);
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (!x509.checkIssued(ca) || !x509.verify(ca.publicKey)) return { ok: false, reason: "wrong_ca" };
  if (now < new Date(x509.validFrom)) return { ok: false, reason: "not_yet_valid" };
  if (now > new Date(x509.validTo)) return { ok: false, reason: "expired" };
  if (x509.ca) return { ok: false, reason: "not_a_device_certificate" };
  const deviceId = deviceIdOf(x509);
  if (!deviceId) return { ok: false, reason: "not_a_device_certificate" };
  return {
    ok: true,
    deviceId,
    serialNumber: x509.serialNumber.toUpperCase(),
    sha256Fingerprint: x509.fingerprint256,
    notAfter: new Date(x509.validTo),
  };
}

/** The device identifier: the one URI SAN with our prefix, and the CN must say the same. */
function deviceIdOf(x509: X509Certificate): string | null {
  const uris = (x509.subjectAltName ?? "")
    .split(/,\s*/)
    .filter((s) => s.startsWith(`URI:${DEVICE_URI_PREFIX}`))
    .map((s) => s.slice(`URI:${DEVICE_URI_PREFIX}`.length));
  if (uris.length !== 1) return null;
  const id = uris[0]!;
  const cn = /^CN=(.*)$/m.exec(x509.subject)?.[1];
  return isDeviceId(id) && cn === id ? id : null;
}

/** A TLS server certificate for the device check listener, issued by the device CA (when no certificate is configured). */
export function issueServerCertificate(
  ca: DeviceCaMaterial,
  hostnames: string[],
  now: Date = new Date(),
): { privateKeyPem: string; certificatePem: string } {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const caCert = forge.pki.certificateFromPem(ca.certificatePem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: "spki", format: "pem" }).toString());
  cert.serialNumber = positiveSerial();
  cert.validity.notBefore = new Date(now.getTime() - BACKDATE_MS);
  cert.validity.notAfter = new Date(now.getTime() + 90 * 86_400_000);
  cert.setSubject([{ name: "commonName", value: hostnames[0] ?? "localhost" }]);
  cert.setIssuer(caCert.subject.attributes);
  const altNames = hostnames.map((h) => (/^[\d.]+$/.test(h) ? { type: 7, ip: h } : { type: 2, value: h }));
  cert.setExtensions([
    { name: "basicConstraints", cA: false },
    { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
    { name: "extKeyUsage", serverAuth: true },
    { name: "subjectAltName", altNames },
  ]);
  signWith(cert, ca.privateKeyPem);
  return {
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    certificatePem: forge.pki.certificateToPem(cert),
  };
}
