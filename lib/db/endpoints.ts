// Repository: Trusted Endpoints — integrations (Management Tools inventories and Cisco
// Secure Endpoint), endpoints, the device CA and device certificates.
import { dbReady } from "./client";
import { prefixRange } from "./prefix";

export type IntegrationKind = "DEVICE_INVENTORY" | "CISCO_SECURE_ENDPOINT";

export type IntegrationRow = {
  id: string;
  kind: string;
  name: string;
  enabled: boolean;
  clientId: string | null;
  region: string | null;
  baseUrl: string | null;
  hostname: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export async function listIntegrations(): Promise<(IntegrationRow & { deviceCount: number })[]> {
  const rows = await (
    await dbReady()
  ).endpointIntegration.findMany({
    orderBy: [{ createdAt: "asc" }],
    include: { _count: { select: { endpoints: { where: { trusted: true } } } } },
  });
  return rows.map(({ _count, ...r }) => ({ ...r, deviceCount: _count.endpoints }));
}

export async function findIntegration(id: string): Promise<IntegrationRow | null> {
  if (!id || id.length > 64) return null;
  return (await dbReady()).endpointIntegration.findUnique({ where: { id } });
}

/** With the sealed API key and the device API token hash: only the services that use them call this. */
export async function findIntegrationWithSecrets(id: string) {
  if (!id || id.length > 64) return null;
  return (await dbReady()).endpointIntegration.findUnique({
    where: { id },
    omit: { apiKeySealed: false, apiTokenHash: false },
  });
}

export async function findIntegrationsOfKind(kind: IntegrationKind): Promise<IntegrationRow[]> {
  return (await dbReady()).endpointIntegration.findMany({ where: { kind }, orderBy: { createdAt: "asc" } });
}

export async function findEnabledCiscoWithSecret() {
  return (await dbReady()).endpointIntegration.findFirst({
    where: { kind: "CISCO_SECURE_ENDPOINT", enabled: true },
    omit: { apiKeySealed: false },
    orderBy: { createdAt: "asc" },
  });
}

export async function insertIntegration(data: {
  id?: string;
  kind: IntegrationKind;
  name: string;
  enabled?: boolean;
  clientId?: string | null;
  apiKeySealed?: string | null;
  region?: string | null;
  baseUrl?: string | null;
  hostname?: string | null;
  apiTokenHash?: string | null;
}): Promise<IntegrationRow> {
  return (await dbReady()).endpointIntegration.create({ data });
}

export async function updateIntegration(
  id: string,
  data: Partial<{
    name: string;
    enabled: boolean;
    clientId: string | null;
    apiKeySealed: string | null;
    region: string | null;
    baseUrl: string | null;
    hostname: string | null;
    apiTokenHash: string | null;
  }>,
): Promise<IntegrationRow> {
  return (await dbReady()).endpointIntegration.update({ where: { id }, data });
}

/** Removes an integration; its endpoints stay (history, certificates) but are no longer trusted. */
export async function deleteIntegration(id: string): Promise<void> {
  const db = await dbReady();
  await db.$transaction([
    db.endpoint.updateMany({ where: { integrationId: id }, data: { trusted: false, integrationId: null } }),
    db.endpointIntegration.delete({ where: { id } }),
  ]);
}

// ------------------------------------------------------------------ inventories

export type InventoryWrite = {
  deviceId: string;
  hostname: string | null;
  os: string | null;
  serialNumber: string | null;
  userId: string | null;
};

export type ReplaceResult = { added: number; updated: number; removed: number; total: number };

export class InventoryConflict extends Error {
  constructor(readonly deviceIds: string[]) {
    super("device identifiers already in another integration's inventory");
  }
}

const chunks = <T>(xs: T[], n = 400): T[][] =>
  Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

/**
 * Makes `entries` the inventory of `integrationId`, atomically: listed devices become trusted
 * by it (created or updated), devices it listed before and no longer does lose their trust.
 * A device in another integration's inventory is a conflict: nothing changes.
 */
export async function replaceInventory(integrationId: string, entries: InventoryWrite[]): Promise<ReplaceResult> {
  const db = await dbReady();
  return db.$transaction(
    async (tx) => {
      const ids = entries.map((e) => e.deviceId);
      const existing = new Map<string, { id: string; integrationId: string | null; trusted: boolean }>();
      for (const part of chunks(ids)) {
        for (const r of await tx.endpoint.findMany({
          where: { deviceId: { in: part } },
          select: { id: true, deviceId: true, integrationId: true, trusted: true },
        }))
          existing.set(r.deviceId, r);
      }
      const conflicts = [...existing.entries()]
        .filter(([, r]) => r.trusted && r.integrationId && r.integrationId !== integrationId)
        .map(([d]) => d);
      if (conflicts.length) throw new InventoryConflict(conflicts);

      const keep = new Set(ids);
      const before = await tx.endpoint.findMany({
        where: { integrationId, trusted: true },
        select: { id: true, deviceId: true },
      });
      const toRemove = before.filter((r) => !keep.has(r.deviceId)).map((r) => r.id);
      for (const part of chunks(toRemove))
        await tx.endpoint.updateMany({ where: { id: { in: part } }, data: { trusted: false, integrationId: null } });

      let added = 0;
      let updated = 0;
      for (const e of entries) {
        const data = {
          integrationId,
          trusted: true,
          ...(e.hostname !== null && { hostname: e.hostname, name: e.hostname }),
          ...(e.os !== null && { os: e.os }),
          ...(e.serialNumber !== null && { serialNumber: e.serialNumber }),
          ...(e.userId !== null && { userId: e.userId }),
        };
        const row = existing.get(e.deviceId);
        if (row) {
          await tx.endpoint.update({ where: { id: row.id }, data });
          if (!(row.trusted && row.integrationId === integrationId)) added++;
          else updated++;
        } else {
          await tx.endpoint.create({ data: { deviceId: e.deviceId, ...data } });
          added++;
        }
      }
      return { added, updated, removed: toRemove.length, total: entries.length };
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}

// ------------------------------------------------------------------ endpoints

export type EndpointListRow = {
  id: string;
  deviceId: string;
  name: string | null;
  hostname: string | null;
  os: string | null;
  trusted: boolean;
  edrStatus: string | null;
  edrCheckedAt: Date | null;
  lastSeenAt: Date | null;
  createdAt: Date;
  owner: { id: string; username: string } | null;
  integration: { id: string; name: string; kind: string; enabled: boolean } | null;
  activeCertificates: number;
};

export async function listEndpoints(opts: {
  limit: number;
  before?: { createdAt: Date; id: string };
  q?: string;
  integrationId?: string;
}): Promise<EndpointListRow[]> {
  const db = await dbReady();
  const and: object[] = [];
  if (opts.q) and.push({ OR: [{ deviceId: prefixRange(opts.q) }, { hostname: prefixRange(opts.q) }] });
  if (opts.integrationId) and.push({ integrationId: opts.integrationId });
  if (opts.before)
    and.push({
      OR: [
        { createdAt: { lt: opts.before.createdAt } },
        { createdAt: opts.before.createdAt, id: { lt: opts.before.id } },
      ],
    });
  const where = { AND: and };
  const rows = await db.endpoint.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: opts.limit,
    include: {
      user: { select: { id: true, username: true } },
      integration: { select: { id: true, name: true, kind: true, enabled: true } },
      _count: { select: { certificates: { where: { revokedAt: null } } } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    deviceId: r.deviceId,
    name: r.name,
    hostname: r.hostname,
    os: r.os,
    trusted: r.trusted,
    edrStatus: r.edrStatus,
    edrCheckedAt: r.edrCheckedAt,
    lastSeenAt: r.lastSeenAt,
    createdAt: r.createdAt,
    owner: r.user,
    integration: r.integration,
    activeCertificates: r._count.certificates,
  }));
}

export type EndpointRecord = {
  id: string;
  deviceId: string;
  hostname: string | null;
  name: string | null;
  os: string | null;
  trusted: boolean;
  edrGuid: string | null;
  edrStatus: string | null;
  integrationId: string | null;
  userId: string | null;
  integration: { id: string; name: string; kind: string; enabled: boolean } | null;
};

const endpointSelect = {
  id: true,
  deviceId: true,
  hostname: true,
  name: true,
  os: true,
  trusted: true,
  edrGuid: true,
  edrStatus: true,
  integrationId: true,
  userId: true,
  integration: { select: { id: true, name: true, kind: true, enabled: true } },
} as const;

export async function findEndpointByDeviceId(deviceId: string): Promise<EndpointRecord | null> {
  return (await dbReady()).endpoint.findUnique({ where: { deviceId }, select: endpointSelect });
}

export async function findEndpointById(id: string): Promise<EndpointRecord | null> {
  if (!id || id.length > 64) return null;
  return (await dbReady()).endpoint.findUnique({ where: { id }, select: endpointSelect });
}

export async function recordEdrStatus(
  id: string,
  data: { edrStatus: string; edrGuid?: string | null; at: Date },
): Promise<void> {
  await (
    await dbReady()
  ).endpoint.updateMany({
    where: { id },
    data: { edrStatus: data.edrStatus, edrCheckedAt: data.at, ...(data.edrGuid && { edrGuid: data.edrGuid }) },
  });
}

export async function recordEndpointSeen(id: string, data: { at: Date; userId?: string | null }): Promise<void> {
  await (
    await dbReady()
  ).endpoint.updateMany({ where: { id }, data: { lastSeenAt: data.at, ...(data.userId && { userId: data.userId }) } });
}

/** Creates the endpoint or adds it to the inventory of `integrationId`; a device trusted by another integration is a conflict. */
export async function enrollEndpoint(
  deviceId: string,
  integrationId: string,
): Promise<{ id: string; created: boolean }> {
  const db = await dbReady();
  return db.$transaction(async (tx) => {
    const row = await tx.endpoint.findUnique({
      where: { deviceId },
      select: { id: true, trusted: true, integrationId: true },
    });
    if (row && row.trusted && row.integrationId && row.integrationId !== integrationId)
      throw new InventoryConflict([deviceId]);
    if (row) {
      await tx.endpoint.update({ where: { id: row.id }, data: { trusted: true, integrationId } });
      return { id: row.id, created: false };
    }
    const created = await tx.endpoint.create({ data: { deviceId, trusted: true, integrationId } });
    return { id: created.id, created: true };
  });
}

export async function findUserIdsByIdentifiers(identifiers: string[]): Promise<Map<string, string>> {
  const db = await dbReady();
  const wanted = [...new Set(identifiers.map((s) => s.trim().toLowerCase()).filter(Boolean))];
  const out = new Map<string, string>();
  for (const part of chunks(wanted)) {
    for (const u of await db.user.findMany({
      where: { deletedAt: null, OR: [{ usernameNormalized: { in: part } }, { emailNormalized: { in: part } }] },
      select: { id: true, usernameNormalized: true, emailNormalized: true },
    })) {
      out.set(u.usernameNormalized, u.id);
      if (u.emailNormalized) out.set(u.emailNormalized, u.id);
    }
  }
  return out;
}

// ------------------------------------------------------------------ device CA and certificates

export type DeviceCaRow = {
  id: string;
  state: string;
  certificatePem: string;
  sha256Fingerprint: string;
  notAfter: Date;
  createdAt: Date;
};

export async function findActiveDeviceCa(): Promise<DeviceCaRow | null> {
  return (await dbReady()).deviceCa.findFirst({
    where: { state: "ACTIVE" },
    orderBy: { createdAt: "desc" },
    select: { id: true, state: true, certificatePem: true, sha256Fingerprint: true, notAfter: true, createdAt: true },
  });
}

export async function findActiveDeviceCaWithKey() {
  return (await dbReady()).deviceCa.findFirst({ where: { state: "ACTIVE" }, orderBy: { createdAt: "desc" } });
}

export async function insertDeviceCa(data: {
  id: string;
  privateKeySealed: string;
  certificatePem: string;
  sha256Fingerprint: string;
  notAfter: Date;
}): Promise<DeviceCaRow> {
  const row = await (await dbReady()).deviceCa.create({ data: { ...data, state: "ACTIVE" } });
  return {
    id: row.id,
    state: row.state,
    certificatePem: row.certificatePem,
    sha256Fingerprint: row.sha256Fingerprint,
    notAfter: row.notAfter,
    createdAt: row.createdAt,
  };
}

export async function insertDeviceCertificate(data: {
  endpointId: string;
  serialNumber: string;
  sha256Fingerprint: string;
  notAfter: Date;
}) {
  return (await dbReady()).deviceCertificate.create({ data });
}

export type DeviceCertificateRow = {
  id: string;
  endpointId: string;
  serialNumber: string;
  sha256Fingerprint: string;
  notAfter: Date;
  revokedAt: Date | null;
  createdAt: Date;
  endpoint: { deviceId: string; integrationId: string | null };
};

export async function findDeviceCertificateByFingerprint(
  sha256Fingerprint: string,
): Promise<DeviceCertificateRow | null> {
  return (await dbReady()).deviceCertificate.findUnique({
    where: { sha256Fingerprint },
    include: { endpoint: { select: { deviceId: true, integrationId: true } } },
  });
}

export async function findDeviceCertificate(id: string): Promise<DeviceCertificateRow | null> {
  if (!id || id.length > 64) return null;
  return (await dbReady()).deviceCertificate.findUnique({
    where: { id },
    include: { endpoint: { select: { deviceId: true, integrationId: true } } },
  });
}

export async function listDeviceCertificates(opts: {
  integrationId?: string;
  limit: number;
}): Promise<DeviceCertificateRow[]> {
  return (await dbReady()).deviceCertificate.findMany({
    where: opts.integrationId ? { endpoint: { integrationId: opts.integrationId } } : {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: opts.limit,
    include: { endpoint: { select: { deviceId: true, integrationId: true } } },
  });
}

/** Revokes once; false when it already was. */
export async function revokeDeviceCertificate(id: string, at: Date): Promise<boolean> {
  const r = await (
    await dbReady()
  ).deviceCertificate.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at } });
  return r.count === 1;
}
