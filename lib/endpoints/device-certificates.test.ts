import { generateKeyPairSync, X509Certificate } from "node:crypto";
import forge from "node-forge";
import { describe, expect, it } from "vitest";
import {
  checkDeviceCertificate,
  createDeviceCa,
  issueDeviceBundle,
  issueDeviceCertificate,
  issueServerCertificate,
  publicKeyFromCsr,
} from "./device-certificates";

const ca = createDeviceCa("Example Corp");
const otherCa = createDeviceCa("Someone Else");
const rsaPublic = () =>
  generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ type: "spki", format: "pem" }).toString();

function csrFor(cn: string, bits = 2048, tamper = false) {
  const keys = forge.pki.rsa.generateKeyPair(bits);
  const csr = forge.pki.createCertificationRequest();
  csr.publicKey = keys.publicKey;
  csr.setSubject([{ name: "commonName", value: cn }]);
  csr.sign(keys.privateKey, forge.md.sha256.create());
  const pem = forge.pki.certificationRequestToPem(csr);
  if (!tamper) return pem;
  // Flip a bit of the signature (the last byte of the DER).
  const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ""), "base64");
  der[der.length - 1] = der[der.length - 1]! ^ 1;
  return `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString("base64")}\n-----END CERTIFICATE REQUEST-----\n`;
}

describe("device CA", () => {
  it("is a self-signed CA certificate limited to issuing end-entity certificates", () => {
    const x = new X509Certificate(ca.certificatePem);
    expect(x.ca).toBe(true);
    expect(x.checkIssued(x)).toBe(true);
    expect(x.subject).toContain("CN=Portcullis Device CA Example Corp");
    expect(new Date(x.validTo).getUTCFullYear()).toBe(new Date().getUTCFullYear() + 10);
  });
});

describe("device certificates", () => {
  it("carry the device ID in the CN and a URI SAN and verify against the CA", () => {
    const issued = issueDeviceCertificate(ca, "LAPTOP-0042", rsaPublic(), { days: 30 });
    const x = new X509Certificate(issued.certificatePem);
    expect(x.subject).toContain("CN=LAPTOP-0042");
    expect(x.subjectAltName).toBe("URI:urn:portcullis:device:LAPTOP-0042");
    expect(x.keyUsage).toContain("1.3.6.1.5.5.7.3.2"); // clientAuth
    expect(x.ca).toBe(false);
    const check = checkDeviceCertificate(issued.certificatePem, ca.certificatePem);
    expect(check).toEqual({
      ok: true,
      deviceId: "LAPTOP-0042",
      serialNumber: issued.serialNumber,
      sha256Fingerprint: issued.sha256Fingerprint,
      notAfter: issued.notAfter,
    });
  });

  it("refuses a certificate from another CA, an expired or not yet valid one, the CA itself and garbage", () => {
    const foreign = issueDeviceCertificate(otherCa, "LAPTOP-0042", rsaPublic());
    expect(checkDeviceCertificate(foreign.certificatePem, ca.certificatePem)).toEqual({
      ok: false,
      reason: "wrong_ca",
    });
    const old = issueDeviceCertificate(ca, "OLD-1", rsaPublic(), { days: 1, now: new Date("2025-01-01T00:00:00Z") });
    expect(checkDeviceCertificate(old.certificatePem, ca.certificatePem)).toEqual({ ok: false, reason: "expired" });
    const soon = issueDeviceCertificate(ca, "SOON-1", rsaPublic(), { now: new Date(Date.now() + 86_400_000) });
    expect(checkDeviceCertificate(soon.certificatePem, ca.certificatePem)).toEqual({
      ok: false,
      reason: "not_yet_valid",
    });
    expect(checkDeviceCertificate(ca.certificatePem, ca.certificatePem)).toEqual({
      ok: false,
      reason: "not_a_device_certificate",
    });
    expect(
      checkDeviceCertificate("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", ca.certificatePem),
    ).toEqual({ ok: false, reason: "malformed" });
  });

  it("refuses a certificate from our CA without the device SAN (e.g. the listener's server certificate)", () => {
    const server = issueServerCertificate(ca, ["localhost"]);
    expect(checkDeviceCertificate(server.certificatePem, ca.certificatePem)).toEqual({
      ok: false,
      reason: "not_a_device_certificate",
    });
  });

  it("caps the validity at 825 days and refuses invalid device IDs", () => {
    const long = issueDeviceCertificate(ca, "D-1", rsaPublic(), { days: 5000 });
    expect((long.notAfter.getTime() - Date.now()) / 86_400_000).toBeLessThan(826);
    expect(() => issueDeviceCertificate(ca, "bad id with spaces", rsaPublic())).toThrow(/invalid device identifier/);
  });

  it("issues from a CSR only when its signature verifies and the key is long enough", () => {
    const pem = publicKeyFromCsr(csrFor("whatever"));
    expect(pem).toContain("BEGIN PUBLIC KEY");
    expect(() => publicKeyFromCsr(csrFor("x", 2048, true))).toThrow(/does not verify/);
    expect(() => publicKeyFromCsr(csrFor("x", 1024))).toThrow(/shorter than 2048 bits/);
    expect(() => publicKeyFromCsr("hello")).toThrow(/PEM certificate signing request/);
    expect(() => publicKeyFromCsr("x".repeat(20_000))).toThrow(/16 KiB/);
  });

  it("bundles a fresh key, its certificate and the CA in a PKCS#12 that opens with the one-time password", () => {
    const b = issueDeviceBundle(ca, "MAC-7");
    expect(b.password).toMatch(/^[A-Za-z0-9]{20}$/);
    const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(b.pkcs12.toString("binary")), b.password);
    const certs = p12.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!]!;
    expect(certs.map((c) => c.cert!.subject.getField("CN").value)).toEqual([
      "MAC-7",
      "Portcullis Device CA Example Corp",
    ]);
    expect(
      p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!],
    ).toHaveLength(1);
    expect(() =>
      forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(b.pkcs12.toString("binary")), "wrong password"),
    ).toThrow();
  });
});
