// The tenant's device CA (created on first use, private key sealed) and the device
// certificates it issues from the console: from a CSR, or as a generated PKCS#12 bundle
// whose password is shown once. Issuing for a Management Tools integration adds the
// device to that integration's inventory; revoking stops the certificate at once.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { AppError, validationError } from "../../errors";
import {
  createDeviceCa,
  CsrError,
  DEVICE_CERT_DEFAULT_DAYS,
  DEVICE_CERT_MAX_DAYS,
  issueDeviceBundle,
  issueDeviceCertificate,
  publicKeyFromCsr,
  type DeviceCaMaterial,
} from "../../endpoints/device-certificates";
import { deviceIdField } from "../../endpoints/device-id";
import { certificateInfo } from "../../crypto/keys";
import { sealSecret, unsealSecret } from "../../crypto/secrets";
import {
  enrollEndpoint,
  findActiveDeviceCa,
  findActiveDeviceCaWithKey,
  findDeviceCertificate,
  findIntegration,
  insertDeviceCa,
  insertDeviceCertificate,
  InventoryConflict,
  listDeviceCertificates,
  revokeDeviceCertificate,
  type DeviceCaRow,
} from "../../db/endpoints";
import { insertSettingOnce } from "../../db/settings";
import { FieldErrors } from "../../validation";
import { assertCan, audit, type Actor } from "../actor";
import { getTenantSettings } from "../settings/tenant-settings";

const CONTEXT = (id: string) => `device-ca:${id}`;
const shared = globalThis as unknown as { portcullisDeviceCa?: Promise<DeviceCaRow> };

/** The active device CA, created once per tenant on first use. */
export function ensureDeviceCa(): Promise<DeviceCaRow> {
  shared.portcullisDeviceCa ??= (async () => {
    const existing = await findActiveDeviceCa();
    if (existing) return existing;
    if (!(await insertSettingOnce("device-ca.bootstrapped", new Date().toISOString()))) {
      for (let i = 0; i < 50; i++) {
        const row = await findActiveDeviceCa();
        if (row) return row;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const { tenantName } = await getTenantSettings();
    const material = createDeviceCa(tenantName);
    const id = randomUUID();
    const info = certificateInfo(material.certificatePem);
    return insertDeviceCa({
      id,
      privateKeySealed: sealSecret(material.privateKeyPem, CONTEXT(id)),
      certificatePem: material.certificatePem,
      sha256Fingerprint: info.sha256Fingerprint,
      notAfter: info.notAfter,
    });
  })().catch((e) => {
    shared.portcullisDeviceCa = undefined;
    throw e;
  });
  return shared.portcullisDeviceCa;
}

async function caMaterial(): Promise<DeviceCaMaterial> {
  await ensureDeviceCa();
  const row = await findActiveDeviceCaWithKey();
  if (!row) throw new AppError("internal", "device CA missing");
  return { certificatePem: row.certificatePem, privateKeyPem: unsealSecret(row.privateKeySealed, CONTEXT(row.id)) };
}

export async function getDeviceCaForConsole(actor: Actor) {
  assertCan(actor, "endpoints:view");
  return findActiveDeviceCa();
}

/** The CA certificate (PEM) for a reverse proxy's ssl_client_certificate / the device check listener. */
export async function deviceCaCertificatePem(): Promise<string> {
  return (await ensureDeviceCa()).certificatePem;
}

const issueSchema = z.discriminatedUnion("method", [
  z.object({
    method: z.literal("bundle"),
    deviceId: deviceIdField,
    days: z.coerce
      .number()
      .int("Enter whole days.")
      .min(1, "At least 1 day.")
      .max(DEVICE_CERT_MAX_DAYS, `At most ${DEVICE_CERT_MAX_DAYS} days.`),
  }),
  z.object({
    method: z.literal("csr"),
    deviceId: deviceIdField,
    days: z.coerce
      .number()
      .int("Enter whole days.")
      .min(1, "At least 1 day.")
      .max(DEVICE_CERT_MAX_DAYS, `At most ${DEVICE_CERT_MAX_DAYS} days.`),
    csrPem: z.string().trim().min(1, "Paste the certificate signing request (PEM)."),
  }),
]);

export type IssueResult =
  | {
      method: "bundle";
      certificateId: string;
      deviceId: string;
      pkcs12Base64: string;
      password: string;
      serialNumber: string;
      notAfter: string;
    }
  | {
      method: "csr";
      certificateId: string;
      deviceId: string;
      certificatePem: string;
      serialNumber: string;
      notAfter: string;
    };

/** Issues a device certificate for a device of the Management Tools integration `integrationId`. */
export async function issueCertificate(
  actor: Actor,
  integrationId: string,
  input: { method: unknown; deviceId: unknown; days?: unknown; csrPem?: unknown },
): Promise<IssueResult> {
  assertCan(actor, "endpoints:manage");
  const integration = await findIntegration(integrationId);
  if (!integration || integration.kind !== "DEVICE_INVENTORY")
    throw new AppError("not_found", "That integration no longer exists.");
  const method = input.method === "csr" ? "csr" : "bundle";
  const raw = {
    ...input,
    method,
    days: input.days === "" || input.days === undefined ? DEVICE_CERT_DEFAULT_DAYS : input.days,
  };
  // Every field at once: the CSR is read even when another field is wrong.
  const errors = new FieldErrors();
  let publicKeyPem: string | null = null;
  if (method === "csr" && typeof input.csrPem === "string" && input.csrPem.trim()) {
    try {
      publicKeyPem = publicKeyFromCsr(input.csrPem.trim());
    } catch (e) {
      if (e instanceof CsrError) errors.add("csrPem", e.message);
      else throw e;
    }
  }
  const v = errors.parse(issueSchema, raw);
  errors.throwIfAny();
  if (!v) throw validationError({});
  let endpoint: { id: string };
  try {
    endpoint = await enrollEndpoint(v.deviceId, integration.id);
  } catch (e) {
    if (e instanceof InventoryConflict)
      throw validationError({
        deviceId: "This device is in another integration's inventory. Issue its certificate there.",
      });
    throw e;
  }
  const ca = await caMaterial();
  const issued =
    v.method === "csr"
      ? { ...issueDeviceCertificate(ca, v.deviceId, publicKeyPem!, { days: v.days }), pkcs12: null, password: null }
      : issueDeviceBundle(ca, v.deviceId, { days: v.days });
  const row = await insertDeviceCertificate({
    endpointId: endpoint.id,
    serialNumber: issued.serialNumber,
    sha256Fingerprint: issued.sha256Fingerprint,
    notAfter: issued.notAfter,
  });
  await audit(actor, {
    action: "endpoints.certificate_issue",
    targetType: "device_certificate",
    targetId: row.id,
    targetLabel: v.deviceId,
    after: {
      deviceId: v.deviceId,
      integration: integration.name,
      method: v.method,
      serialNumber: issued.serialNumber,
      sha256Fingerprint: issued.sha256Fingerprint,
      notAfter: issued.notAfter.toISOString(),
    },
  });
  if (v.method === "csr")
    return {
      method: "csr",
      certificateId: row.id,
      deviceId: v.deviceId,
      certificatePem: issued.certificatePem,
      serialNumber: issued.serialNumber,
      notAfter: issued.notAfter.toISOString(),
    };
  return {
    method: "bundle",
    certificateId: row.id,
    deviceId: v.deviceId,
    pkcs12Base64: issued.pkcs12!.toString("base64"),
    password: issued.password!,
    serialNumber: issued.serialNumber,
    notAfter: issued.notAfter.toISOString(),
  };
}

export async function revokeCertificate(actor: Actor, certificateId: string): Promise<void> {
  assertCan(actor, "endpoints:manage");
  const cert = await findDeviceCertificate(certificateId);
  if (!cert) throw new AppError("not_found", "That certificate no longer exists.");
  if (!(await revokeDeviceCertificate(cert.id, new Date())))
    throw new AppError("conflict", "That certificate was already revoked.");
  await audit(actor, {
    action: "endpoints.certificate_revoke",
    targetType: "device_certificate",
    targetId: cert.id,
    targetLabel: cert.endpoint.deviceId,
    before: { serialNumber: cert.serialNumber, revoked: false },
    after: { revoked: true },
  });
}

export async function listCertificatesForConsole(actor: Actor, integrationId: string) {
  assertCan(actor, "endpoints:view");
  return listDeviceCertificates({ integrationId, limit: 200 });
}
