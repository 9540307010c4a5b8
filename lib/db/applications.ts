// Repository: protected applications with their ACS endpoints, attribute mappings and
// permitted groups.
import { dbReady } from "./client";

export type AcsRow = { index: number; url: string; binding: string; isDefault: boolean };
export type AttributeRow = { source: string; samlName: string };

export type ApplicationRecord = {
  id: string;
  key: string;
  name: string;
  notes: string | null;
  template: string;
  spEntityId: string | null;
  sloUrl: string | null;
  spLoginUrl: string | null;
  defaultRelayState: string | null;
  nameIdFormat: string;
  /** Further NameID formats answered on request (the default is nameIdFormat). */
  nameIdFormatsAccepted: string[];
  nameIdAttribute: string;
  signatureAlgorithm: string;
  signResponse: boolean;
  signAssertion: boolean;
  requireSignedRequests: boolean;
  spCertificatePem: string | null;
  userAccess: string;
  /** Admin API / Auth API applications only (template admin-api | auth-api); the sealed secret key is read by findSealedSecretKey. */
  secretKeySetAt: Date | null;
  apiGrants: string | null;
  createdAt: Date;
  updatedAt: Date;
  acs: AcsRow[];
  attributes: AttributeRow[];
  permittedGroupIds: string[];
};

export type ApplicationWrite = Omit<
  ApplicationRecord,
  "id" | "key" | "template" | "createdAt" | "updatedAt" | "secretKeySetAt" | "apiGrants"
>;

const include = {
  acsEndpoints: { orderBy: { index: "asc" as const } },
  attributes: { orderBy: { position: "asc" as const } },
  permittedGroups: { select: { groupId: true } },
};

type Loaded = Omit<
  NonNullable<Awaited<ReturnType<Awaited<ReturnType<typeof dbReady>>["application"]["findUnique"]>>>,
  "nameIdFormatsAccepted"
> & {
  nameIdFormatsAccepted: string;
  acsEndpoints: { index: number; url: string; binding: string; isDefault: boolean }[];
  attributes: { source: string; samlName: string }[];
  permittedGroups: { groupId: string }[];
};

function toRecord(a: Loaded): ApplicationRecord {
  const { acsEndpoints, attributes, permittedGroups, nameIdFormatsAccepted, ...rest } = a;
  return {
    ...rest,
    nameIdFormatsAccepted: nameIdFormatsAccepted.split(/\s+/).filter(Boolean),
    acs: acsEndpoints.map(({ index, url, binding, isDefault }) => ({ index, url, binding, isDefault })),
    attributes: attributes.map(({ source, samlName }) => ({ source, samlName })),
    permittedGroupIds: permittedGroups.map((g) => g.groupId),
  };
}

function children(data: Pick<ApplicationWrite, "acs" | "attributes" | "permittedGroupIds">) {
  return {
    acsEndpoints: {
      create: data.acs.map((r) => ({ index: r.index, url: r.url, binding: r.binding, isDefault: r.isDefault })),
    },
    attributes: {
      create: data.attributes.map((r, position) => ({ source: r.source, samlName: r.samlName, position })),
    },
    permittedGroups: { create: data.permittedGroupIds.map((groupId) => ({ groupId })) },
  };
}

/** The stored form of the scalar settings (the accepted NameID formats as one space-separated column). */
function toScalars<T extends { nameIdFormatsAccepted: string[] }>(data: T) {
  return { ...data, nameIdFormatsAccepted: data.nameIdFormatsAccepted.join(" ") };
}

export async function insertApplication(
  key: string,
  template: string,
  data: ApplicationWrite,
): Promise<ApplicationRecord> {
  const { acs, attributes, permittedGroupIds, ...rest } = data;
  const scalars = toScalars(rest);
  const a = await (
    await dbReady()
  ).application.create({
    data: { key, template, ...scalars, ...children({ acs, attributes, permittedGroupIds }) },
    include,
  });
  return toRecord(a as Loaded);
}

export async function findApplicationById(id: string): Promise<ApplicationRecord | null> {
  const a = await (await dbReady()).application.findUnique({ where: { id }, include });
  return a ? toRecord(a as Loaded) : null;
}

export async function findApplicationByKey(key: string): Promise<ApplicationRecord | null> {
  const a = await (await dbReady()).application.findUnique({ where: { key }, include });
  return a ? toRecord(a as Loaded) : null;
}

/** Every Single Logout URL an application has (the IdP-initiated logout pages frame them). */
export async function listSloUrls(): Promise<string[]> {
  const rows = await (
    await dbReady()
  ).application.findMany({
    where: { sloUrl: { not: null } },
    select: { sloUrl: true },
  });
  return rows.map((r) => r.sloUrl!).filter(Boolean);
}

/** Replaces the application's settings and child rows in one transaction. */
export async function updateApplication(id: string, data: ApplicationWrite): Promise<ApplicationRecord> {
  const db = await dbReady();
  const { acs, attributes, permittedGroupIds, ...rest } = data;
  const scalars = toScalars(rest);
  const [, , , a] = await db.$transaction([
    db.acsEndpoint.deleteMany({ where: { applicationId: id } }),
    db.attributeMapping.deleteMany({ where: { applicationId: id } }),
    db.applicationGroup.deleteMany({ where: { applicationId: id } }),
    db.application.update({
      where: { id },
      data: { ...scalars, ...children({ acs, attributes, permittedGroupIds }) },
      include,
    }),
  ]);
  return toRecord(a as Loaded);
}

/** The sealed secret key of an Admin API / Auth API application (omitted from every other read). */
export async function findSealedSecretKey(id: string): Promise<string | null> {
  const a = await (await dbReady()).application.findUnique({ where: { id }, select: { secretKeySealed: true } });
  return a?.secretKeySealed ?? null;
}

/** The Admin API / Auth API columns (and name and notes) of an API application. */
export async function updateApiApplication(
  id: string,
  data: {
    name?: string;
    notes?: string | null;
    secretKeySealed?: string;
    secretKeySetAt?: Date;
    apiGrants?: string | null;
  },
): Promise<void> {
  await (await dbReady()).application.update({ where: { id }, data });
}

export async function deleteApplication(id: string): Promise<void> {
  await (await dbReady()).application.delete({ where: { id } });
}

export type ApplicationListRow = {
  id: string;
  key: string;
  name: string;
  template: string;
  spEntityId: string | null;
  createdAt: Date;
};

export async function listApplications(opts: {
  sort: "name" | "createdAt";
  dir: "asc" | "desc";
}): Promise<ApplicationListRow[]> {
  return (await dbReady()).application.findMany({
    orderBy: [{ [opts.sort]: opts.dir }, { id: "asc" }],
    select: { id: true, key: true, name: true, template: true, spEntityId: true, createdAt: true },
    take: 5000,
  });
}

export async function existingGroupIds(ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await (await dbReady()).group.findMany({ where: { id: { in: ids } }, select: { id: true } });
  return rows.map((r) => r.id);
}

/** Applications a user could launch: configured with an Entity ID and at least one ACS URL. */
export async function listApplicationsForPortal(): Promise<
  { key: string; name: string; spLoginUrl: string | null; userAccess: string; permittedGroupIds: string[] }[]
> {
  const rows = await (
    await dbReady()
  ).application.findMany({
    where: { spEntityId: { not: null }, acsEndpoints: { some: {} } },
    select: {
      key: true,
      name: true,
      spLoginUrl: true,
      userAccess: true,
      permittedGroups: { select: { groupId: true } },
    },
    orderBy: { name: "asc" },
  });
  return rows.map(({ permittedGroups, ...r }) => ({ ...r, permittedGroupIds: permittedGroups.map((g) => g.groupId) }));
}

/** Names of applications that start with `prefix` (for a new application's unique default name). */
export async function findApplicationNamesStartingWith(prefix: string): Promise<string[]> {
  const rows = await (
    await dbReady()
  ).application.findMany({ where: { name: { startsWith: prefix } }, select: { name: true }, take: 5000 });
  return rows.map((r) => r.name);
}

/** Other applications registered for the same service provider (SP Entity ID). */
export async function findApplicationsBySpEntityId(
  spEntityId: string,
  exceptId: string,
): Promise<{ id: string; name: string }[]> {
  return (await dbReady()).application.findMany({
    where: { spEntityId, id: { not: exceptId } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
    take: 20,
  });
}
