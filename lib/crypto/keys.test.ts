import { createHash, sign, verify, X509Certificate } from "node:crypto";
import forge from "node-forge";
import { describe, expect, it } from "vitest";
import { base64DerToPem, certificateInfo, fingerprint, generateKeyPair, pemToBase64Der, toSigningKey } from "./keys";

const NOW = new Date("2026-03-01T12:00:00Z");
const kp = generateKeyPair("Portcullis acme", NOW);

describe("generateKeyPair", () => {
  it("makes an RSA-2048 key and a self-signed SHA-256 certificate valid for 10 years", () => {
    const x509 = new X509Certificate(kp.certificatePem);
    expect(x509.subject).toBe("CN=Portcullis acme");
    expect(x509.issuer).toBe("CN=Portcullis acme");
    expect(x509.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(x509.checkPrivateKey(toSigningKey(kp.privateKeyPem, kp.certificatePem).privateKey)).toBe(true);
    expect(new Date(x509.validFrom).getTime()).toBeLessThanOrEqual(NOW.getTime());
    expect(new Date(x509.validTo).toISOString()).toBe("2036-03-01T12:00:00.000Z");
    expect(kp.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
  });

  it("signs the certificate with sha256WithRSAEncryption, verifiable by node-forge too", () => {
    const cert = forge.pki.certificateFromPem(kp.certificatePem);
    expect(forge.pki.oids[cert.siginfo.algorithmOid]).toBe("sha256WithRSAEncryption");
    expect(cert.verify(cert)).toBe(true);
  });

  it("uses a random positive serial number", () => {
    const other = generateKeyPair("Portcullis acme", NOW);
    const a = certificateInfo(kp.certificatePem).serialNumber;
    const b = certificateInfo(other.certificatePem).serialNumber;
    expect(a).not.toBe(b);
    expect(a.length).toBeGreaterThanOrEqual(30);
    expect(parseInt(a.slice(0, 2), 16)).toBeLessThan(0x80);
  });
});

describe("fingerprints and formats", () => {
  const der = Buffer.from(pemToBase64Der(kp.certificatePem), "base64");
  const colonHex = (algo: string) => createHash(algo).update(der).digest("hex").toUpperCase().match(/../g)!.join(":");

  it("formats SHA-1 and SHA-256 fingerprints as uppercase hex pairs with colons", () => {
    expect(fingerprint(kp.certificatePem, "sha1")).toBe(colonHex("sha1"));
    expect(fingerprint(kp.certificatePem, "sha256")).toBe(colonHex("sha256"));
    expect(fingerprint(kp.certificatePem, "sha256")).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const info = certificateInfo(pemToBase64Der(kp.certificatePem));
    expect(info.sha1Fingerprint).toBe(colonHex("sha1"));
    expect(info.notAfter.getUTCFullYear()).toBe(2036);
  });

  it("converts PEM to base64 DER and back", () => {
    const b64 = pemToBase64Der(kp.certificatePem);
    expect(b64).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(base64DerToPem(b64)).toBe(kp.certificatePem.replace(/\r\n/g, "\n"));
    expect(pemToBase64Der(base64DerToPem(`${b64.slice(0, 10)}\n  ${b64.slice(10)}`))).toBe(b64);
    expect(() => pemToBase64Der("not a certificate")).toThrow();
    expect(() => base64DerToPem("<script>")).toThrow();
  });
});

describe("toSigningKey", () => {
  it("returns one cached KeyObject per key that signs what the certificate verifies", () => {
    const a = toSigningKey(kp.privateKeyPem, kp.certificatePem);
    expect(toSigningKey(kp.privateKeyPem, kp.certificatePem)).toBe(a);
    expect(a.certificate).toBe(pemToBase64Der(kp.certificatePem));
    const data = Buffer.from("SignedInfo");
    const sig = sign("sha256", data, a.privateKey);
    expect(verify("sha256", data, new X509Certificate(kp.certificatePem).publicKey, sig)).toBe(true);
  });
});
