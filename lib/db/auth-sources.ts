// Repository: authentication sources (upstream SAML identity providers), their JIT groups and
// routed email domains, and each application's choice of source.
import { dbReady } from "./client";

export type AuthSourceRecord = {
  id: string;
  key: string;
  name: string;
  enabled: boolean;
  idpEntityId: string;
  ssoUrl: string;
  certificatesPem: string;
  metadataUrl: string | null;
  nameIdFormat: string | null;
  identifierAttribute: string;
  matchBy: string;
  emailAttribute: string | null;
  realNameAttribute: string | null;
  jitEnabled: boolean;
  createdAt: Date;
  updatedAt: Date;
  jitGroupIds: string[];
  domains: string[];
};

export type AuthSourceInput = Omit<AuthSourceRecord, "id" | "key" | "createdAt" | "updatedAt">;

const include = { jitGroups: { select: { groupId: true } }, domains: { select: { domain: true } } } as const;

type Row = Omit<AuthSourceRecord, "jitGroupIds" | "domains"> & {
  nameNormalized: string;
  type: string;
  jitGroups: { groupId: string }[];
  domains: { domain: string }[];
};

function record(row: Row): AuthSourceRecord {
  const { jitGroups, domains, nameNormalized: _n, type: _t, ...rest } = row;
  return { ...rest, jitGroupIds: jitGroups.map((g) => g.groupId), domains: domains.map((d) => d.domain).sort() };
}

export async function listAuthSources(): Promise<AuthSourceRecord[]> {
  const rows = await (await dbReady()).authSource.findMany({ include, orderBy: { nameNormalized: "asc" } });
  return rows.map(record);
}

export async function findAuthSourceById(id: string): Promise<AuthSourceRecord | null> {
  const row = await (await dbReady()).authSource.findUnique({ where: { id }, include });
  return row ? record(row) : null;
}

export async function findAuthSourceByKey(key: string): Promise<AuthSourceRecord | null> {
  const row = await (await dbReady()).authSource.findUnique({ where: { key }, include });
  return row ? record(row) : null;
}

/** The source an email domain (lowercase) is routed to, if any. */
export async function findAuthSourceForDomain(domain: string): Promise<AuthSourceRecord | null> {
  const row = await (
    await dbReady()
  ).authSourceDomain.findUnique({
    where: { domain },
    include: { source: { include } },
  });
  return row ? record(row.source) : null;
}

/** Domains among `domains` already routed to a source other than `exceptSourceId`. */
export async function findTakenDomains(domains: string[], exceptSourceId?: string): Promise<string[]> {
  const rows = await (
    await dbReady()
  ).authSourceDomain.findMany({
    where: { domain: { in: domains }, ...(exceptSourceId ? { NOT: { sourceId: exceptSourceId } } : {}) },
    select: { domain: true },
  });
  return rows.map((r) => r.domain);
}

const columns = (data: AuthSourceInput) => {
  const { jitGroupIds: _g, domains: _d, ...rest } = data;
  return { ...rest, nameNormalized: data.name.trim().toLowerCase() };
};

export async function insertAuthSource(key: string, data: AuthSourceInput): Promise<AuthSourceRecord> {
  const row = await (
    await dbReady()
  ).authSource.create({
    data: {
      ...columns(data),
      key,
      jitGroups: { create: data.jitGroupIds.map((groupId) => ({ groupId })) },
      domains: { create: data.domains.map((domain) => ({ domain })) },
    },
    include,
  });
  return record(row);
}

/** Replaces a source's settings, JIT groups and domains in one transaction. */
export async function updateAuthSource(id: string, data: AuthSourceInput): Promise<AuthSourceRecord> {
  const db = await dbReady();
  const [, , row] = await db.$transaction([
    db.authSourceGroup.deleteMany({ where: { sourceId: id } }),
    db.authSourceDomain.deleteMany({ where: { sourceId: id } }),
    db.authSource.update({
      where: { id },
      data: {
        ...columns(data),
        jitGroups: { create: data.jitGroupIds.map((groupId) => ({ groupId })) },
        domains: { create: data.domains.map((domain) => ({ domain })) },
      },
      include,
    }),
  ]);
  return record(row);
}

export async function deleteAuthSource(id: string): Promise<void> {
  await (await dbReady()).authSource.delete({ where: { id } });
}

export type ApplicationSourceChoice = { mode: "DEFAULT" | "BUILTIN" | "SOURCE"; sourceId: string | null };

export async function findApplicationSourceChoice(applicationId: string): Promise<ApplicationSourceChoice | null> {
  const row = await (
    await dbReady()
  ).application.findUnique({
    where: { id: applicationId },
    select: { authSourceMode: true, authSourceId: true },
  });
  if (!row) return null;
  const mode = row.authSourceMode === "BUILTIN" || row.authSourceMode === "SOURCE" ? row.authSourceMode : "DEFAULT";
  return { mode, sourceId: row.authSourceId };
}

export async function updateApplicationSourceChoice(
  applicationId: string,
  choice: ApplicationSourceChoice,
): Promise<void> {
  await (
    await dbReady()
  ).application.update({
    where: { id: applicationId },
    data: { authSourceMode: choice.mode, authSourceId: choice.mode === "SOURCE" ? choice.sourceId : null },
  });
}

/** Names of the applications that override the tenant default with `sourceId`. */
export async function findApplicationsUsingSource(sourceId: string): Promise<string[]> {
  const rows = await (
    await dbReady()
  ).application.findMany({
    where: { authSourceId: sourceId },
    select: { name: true },
    orderBy: { name: "asc" },
  });
  return rows.map((r) => r.name);
}

/** Keeps a user's real name and email as the source states them (only what changed). */
export async function syncUserFromSource(
  userId: string,
  data: { email?: string | null; realName?: string | null },
): Promise<void> {
  const update: Record<string, string | null> = {};
  if (data.email !== undefined) {
    update.email = data.email;
    update.emailNormalized = data.email ? data.email.trim().toLowerCase() : null;
  }
  if (data.realName !== undefined) update.realName = data.realName;
  if (Object.keys(update).length === 0) return;
  await (await dbReady()).user.update({ where: { id: userId }, data: update });
}
