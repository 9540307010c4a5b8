// IdP signing keys: RSA-2048 key pairs with self-signed X.509 certificates, fingerprints as
// the admin console shows them, PEM <-> base64 DER conversion, and the cached KeyObject the
// SAML signer uses. Node's crypto makes the key and the certificate's signature (node-forge
// does both in JS, ~100 ms slower); node-forge only assembles the certificate.
import { createPrivateKey, generateKeyPairSync, KeyObject, randomBytes, sign, X509Certificate } from "node:crypto";
import forge from "node-forge";

export interface GeneratedKeyPair {
  privateKeyPem: string;
  certificatePem: string;
}

export interface CertificateInfo {
  subject: string;
  issuer: string;
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  sha1Fingerprint: string;
  sha256Fingerprint: string;
}

/** A private key ready for crypto.sign and the certificate (base64 DER) to put in KeyInfo. */
export interface SigningKey {
  privateKey: KeyObject;
  certificate: string;
}

const VALIDITY_YEARS = 10;
const BACKDATE_MS = 5 * 60_000;

/** Generates an RSA-2048 key (PKCS#8 PEM) and a self-signed SHA-256 certificate for `commonName`. */
export function generateKeyPair(commonName: string, now: Date = new Date()): GeneratedKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: "spki", format: "pem" }).toString());
  // Positive 128-bit serial: clear the top bit so the DER INTEGER needs no sign byte.
  const serial = randomBytes(16);
  serial[0] = serial[0]! & 0x7f;
  cert.serialNumber = serial.toString("hex");
  cert.validity.notBefore = new Date(now.getTime() - BACKDATE_MS);
  cert.validity.notAfter = new Date(now.getTime());
  cert.validity.notAfter.setUTCFullYear(now.getUTCFullYear() + VALIDITY_YEARS);
  const name = [{ name: "commonName", value: commonName }];
  cert.setSubject(name);
  cert.setIssuer(name);
  // forge hands the signer the digest; node signs the DER TBSCertificate forge built just before.
  const nodeSigner = {
    sign: () =>
      sign("sha256", Buffer.from(forge.asn1.toDer(cert.tbsCertificate).getBytes(), "binary"), privateKey).toString(
        "binary",
      ),
  };
  cert.sign(nodeSigner as unknown as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  return {
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    certificatePem: forge.pki.certificateToPem(cert),
  };
}

/** Subject, serial, validity and fingerprints of a PEM or base64 DER certificate. */
export function certificateInfo(certificate: string): CertificateInfo {
  const x509 = new X509Certificate(toDer(certificate));
  return {
    subject: x509.subject,
    issuer: x509.issuer,
    serialNumber: x509.serialNumber,
    notBefore: new Date(x509.validFrom),
    notAfter: new Date(x509.validTo),
    sha1Fingerprint: x509.fingerprint,
    sha256Fingerprint: x509.fingerprint256,
  };
}

/** SHA-1 or SHA-256 fingerprint as uppercase hex pairs joined by colons ("AB:CD:..."). */
export function fingerprint(certificate: string, algorithm: "sha1" | "sha256"): string {
  const x509 = new X509Certificate(toDer(certificate));
  return algorithm === "sha1" ? x509.fingerprint : x509.fingerprint256;
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+?-----END CERTIFICATE-----/g;

/**
 * The PEM certificates in a text holding one or more of them (an SP's key rollover), each
 * normalized to 64-character lines. Text outside the PEM blocks is ignored.
 */
export function splitPemCertificates(text: string | null | undefined): string[] {
  if (!text) return [];
  return (text.match(PEM_BLOCK) ?? []).map((block) => base64DerToPem(pemToBase64Der(block)));
}

/** The base64 DER body of a PEM certificate (what metadata and KeyInfo carry). */
export function pemToBase64Der(pem: string): string {
  const m = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+)-----END CERTIFICATE-----/.exec(pem);
  if (!m) throw new Error("not a PEM certificate");
  return m[1]!.replace(/\s+/g, "");
}

/** A PEM certificate from base64 DER (whitespace ignored), 64 characters a line. */
export function base64DerToPem(base64: string): string {
  const body = base64.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) throw new Error("not base64");
  return `-----BEGIN CERTIFICATE-----\n${body.replace(/.{1,64}/g, "$&\n")}-----END CERTIFICATE-----\n`;
}

/** DER bytes of a PEM or base64 DER certificate. */
function toDer(certificate: string): Buffer {
  const base64 = certificate.includes("-----BEGIN") ? pemToBase64Der(certificate) : certificate.replace(/\s+/g, "");
  return Buffer.from(base64, "base64");
}

const signingKeys = new Map<string, SigningKey>();
const MAX_CACHED_KEYS = 32;

/** The signing key for a PEM private key and certificate; parsed once and cached. */
export function toSigningKey(privateKeyPem: string, certificatePem: string): SigningKey {
  const cacheKey = `${privateKeyPem}\n${certificatePem}`;
  let key = signingKeys.get(cacheKey);
  if (!key) {
    if (signingKeys.size >= MAX_CACHED_KEYS) signingKeys.clear();
    key = { privateKey: createPrivateKey(privateKeyPem), certificate: pemToBase64Der(certificatePem) };
    signingKeys.set(cacheKey, key);
  }
  return key;
}
