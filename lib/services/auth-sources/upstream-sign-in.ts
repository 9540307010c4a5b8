// Sign-in through an authentication source (an upstream SAML identity provider): which
// source a sign-in uses (the application's override, else the email domain's, else the
// tenant default), the signed AuthnRequest that sends the browser there, and the Response
// that comes back to /saml2/sp/{key}/acs: verified by lib/saml, the user found (or created
// just in time) and kept in sync, then the upstream proof handed to the same decision as a
// password (lib/login decide() -> assess()): policy, MFA, enrollment, device checks.
import { randomBytes } from "node:crypto";
import {
  findApplicationSourceChoice,
  findAuthSourceById,
  findAuthSourceByKey,
  findAuthSourceForDomain,
  syncUserFromSource,
  type AuthSourceRecord,
} from "../../db/auth-sources";
import { insertAuthLog } from "../../db/auth-log";
import { readSettings } from "../../db/settings";
import { findUserForLogin, findUserForSession, findUserForUpstream, insertUser, type LoginUser } from "../../db/users";
import { decide, type LoginContext, type PolicyDeps, type StepOutcome } from "../../login/decide";
import { loadLogin, saveLogin, type LoginTx, type TxData } from "../../login/transaction";
import {
  SamlError,
  UpstreamDeniedError,
  buildSourceSpMetadata,
  buildUpstreamAuthnRequest,
  readPemCertificates,
  verifyUpstreamResponse,
  type UpstreamAssertion,
} from "../../saml";
import { findLoginApplication, type LoginApplication } from "../sign-in/login-application";
import { dbReplayStore } from "../sign-in/replay-store";
import { getSigningMaterial } from "../signing-keys/signing-keys";
import { getTenantSettings } from "../settings/tenant-settings";

export const DEFAULT_SOURCE_SETTING = "authSources.defaultSourceId";

/** Portcullis's SP URLs for one source. */
export function sourceUrls(publicBaseUrl: string, key: string) {
  const base = `${publicBaseUrl}/saml2/sp/${encodeURIComponent(key)}`;
  return { entityId: `${base}/metadata`, metadataUrl: `${base}/metadata`, acsUrl: `${base}/acs` };
}

/** The ACS URL of a source key (the bounce form posts there). */
export async function sourceAcsUrl(key: string): Promise<string> {
  return sourceUrls((await getTenantSettings()).publicBaseUrl, key).acsUrl;
}

/** Portcullis's SP metadata for the source `key`, or null when there is none. */
export async function sourceSpMetadata(key: string): Promise<string | null> {
  const source = await findAuthSourceByKey(key);
  if (!source) return null;
  const [{ publicBaseUrl }, material] = await Promise.all([getTenantSettings(), getSigningMaterial()]);
  const urls = sourceUrls(publicBaseUrl, key);
  return buildSourceSpMetadata({
    entityId: urls.entityId,
    acsUrl: urls.acsUrl,
    certificates: material.publishedCertificates,
    nameIdFormat: source.nameIdFormat ?? undefined,
  });
}

/** The tenant default source's id; null = built-in passwords. */
export async function getDefaultSourceId(): Promise<string | null> {
  const v = (await readSettings([DEFAULT_SOURCE_SETTING]))[DEFAULT_SOURCE_SETTING];
  return typeof v === "string" && v ? v : null;
}

/**
 * The source that proves the first factor for this sign-in, or null for built-in passwords:
 * the application's override, else the source the identifier's email domain is routed to,
 * else the tenant default. A disabled source is never used.
 */
export async function routeSource(applicationId: string | null, identifier: string): Promise<AuthSourceRecord | null> {
  const usable = (s: AuthSourceRecord | null) => (s?.enabled ? s : null);
  const choice = applicationId ? await findApplicationSourceChoice(applicationId) : null;
  if (choice?.mode === "BUILTIN") return null;
  if (choice?.mode === "SOURCE" && choice.sourceId) return usable(await findAuthSourceById(choice.sourceId));
  // The domain of the email typed, or of the email of the user a username or alias names
  // (typing "ada" must not skip the source that "ada@corp.example" is routed to).
  const email = identifier.includes("@") ? identifier : (await findUserForLogin(identifier))?.email;
  const at = email ? email.lastIndexOf("@") : -1;
  if (email && at > 0) {
    const routed = usable(
      await findAuthSourceForDomain(
        email
          .slice(at + 1)
          .trim()
          .toLowerCase(),
      ),
    );
    if (routed) return routed;
  }
  const defaultId = await getDefaultSourceId();
  return defaultId ? usable(await findAuthSourceById(defaultId)) : null;
}

/** Sends this sign-in to `source`: a signed AuthnRequest, its ID kept in the transaction. */
export async function startUpstream(tx: LoginTx, source: AuthSourceRecord, identifier: string): Promise<StepOutcome> {
  const [{ publicBaseUrl }, material] = await Promise.all([getTenantSettings(), getSigningMaterial()]);
  const urls = sourceUrls(publicBaseUrl, source.key);
  const message = buildUpstreamAuthnRequest({
    sp: { entityId: urls.entityId, acsUrl: urls.acsUrl },
    signer: { entityId: urls.entityId, key: material.key, algorithm: "SHA256" },
    idp: { ssoUrl: source.ssoUrl, nameIdFormat: source.nameIdFormat ?? undefined },
    forceAuthn: tx.forceAuthn,
  });
  await saveLogin(tx.id, {
    state: "UPSTREAM",
    userId: null,
    data: {
      ...tx.parsed,
      identifier,
      upstream: { sourceId: source.id, sourceKey: source.key, requestId: message.id },
    },
  });
  return { kind: "upstream", url: message.url };
}

/** What the ACS does next. */
export type UpstreamResult =
  | { kind: "decided"; tx: LoginTx; outcome: StepOutcome; app: LoginApplication | null }
  /** Refused: the error page, with what the user can act on. */
  | { kind: "refused"; reason: string; reference: string; statusMessage?: string };

/** What the error page shows for an upstream refusal (its reason code). */
export const upstreamErrorPage = (reason: string) =>
  reason === "upstream_denied"
    ? "upstream_denied"
    : reason === "upstream_user_not_enrolled"
      ? "upstream_not_enrolled"
      : "upstream_failed";

/** The status message of the refused upstream sign-in in this browser's transaction, if its reference matches. */
export async function upstreamErrorMessage(txCookie: string | undefined, reference: string): Promise<string | null> {
  const tx = await loadLogin(txCookie);
  const e = tx?.parsed.upstreamError;
  return e && e.reference === reference ? (e.message ?? null) : null;
}

const newReference = () => randomBytes(6).toString("hex").toUpperCase();

/** POST /saml2/sp/{key}/acs: the upstream Response for the browser's login transaction. */
export async function completeUpstream(
  txCookie: string | undefined,
  sourceKey: string,
  fields: Record<string, string | undefined>,
  ctx: LoginContext,
  deps: PolicyDeps,
  now = new Date(),
): Promise<UpstreamResult> {
  const tx = await loadLogin(txCookie);
  const source = await findAuthSourceByKey(sourceKey);
  const pending = tx?.parsed.upstream;
  const refuse = async (reason: string, detail: unknown, user?: LoginUser | null, statusMessage?: string) => {
    const reference = newReference();
    await insertAuthLog({
      userId: user?.id ?? null,
      username: user?.username ?? tx?.parsed.identifier ?? null,
      applicationId: tx?.applicationId ?? null,
      result: reason === "upstream_denied" ? "DENIED" : "FAILURE",
      reason,
      factor: "upstream",
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      detail: { reference, source: source?.name ?? sourceKey, detail },
    });
    if (tx)
      await saveLogin(tx.id, {
        state: "FAILED",
        userId: user?.id ?? null,
        data: { ...tx.parsed, upstream: undefined, upstreamError: { reference, message: statusMessage } },
      });
    return { kind: "refused" as const, reason, reference, statusMessage };
  };
  if (!source) return refuse("unknown_source", `no authentication source "${sourceKey.slice(0, 100)}"`);
  if (!tx || tx.state !== "UPSTREAM" || !pending)
    return refuse("no_login_transaction", "no sign-in in this browser is waiting for an upstream Response");
  if (pending.sourceKey !== source.key)
    return refuse("wrong_source", `this sign-in was sent to source ${pending.sourceKey}, not ${source.key}`);
  if (!source.enabled) return refuse("source_disabled", "the authentication source is disabled");

  const { publicBaseUrl } = await getTenantSettings();
  const urls = sourceUrls(publicBaseUrl, source.key);
  let assertion: UpstreamAssertion;
  try {
    assertion = await verifyUpstreamResponse(fields, {
      idp: { entityId: source.idpEntityId, certificates: readPemCertificates(source.certificatesPem) },
      sp: { entityId: urls.entityId, acsUrl: urls.acsUrl },
      requestId: pending.requestId,
      replay: dbReplayStore,
      now,
    });
  } catch (e) {
    if (e instanceof UpstreamDeniedError)
      return refuse("upstream_denied", { status: e.upstreamStatus, message: e.statusMessage }, null, e.statusMessage);
    if (e instanceof SamlError) return refuse(e.reason, e.detail);
    throw e;
  }

  // The identifier the source is configured to match on, then the user.
  const first = (name: string | null) => (name ? assertion.attributes[name]?.find((v) => v.trim())?.trim() : undefined);
  const identifier =
    source.identifierAttribute === "NameID" ? assertion.nameId.value : first(source.identifierAttribute);
  if (!identifier || identifier.length > 256)
    return refuse("upstream_identifier_missing", {
      attribute: source.identifierAttribute,
      received: Object.keys(assertion.attributes),
    });
  const matchBy = source.matchBy === "USERNAME" || source.matchBy === "ALIAS" ? source.matchBy : "EMAIL";
  const found = await findUserForUpstream(matchBy, identifier);
  if (found === "ambiguous") return refuse("upstream_user_ambiguous", { identifier, matchBy });
  const email = first(source.emailAttribute) ?? (matchBy === "EMAIL" ? identifier : undefined);
  const realName = first(source.realNameAttribute);
  let user: LoginUser | null = found;
  if (!user) {
    if (!source.jitEnabled) return refuse("upstream_user_not_enrolled", { identifier, matchBy });
    const created = await insertUser({
      username: identifier,
      email: email ?? null,
      realName: realName ?? null,
      aliases: [],
      groupIds: source.jitGroupIds,
    }).catch(() => null);
    if (!created) return refuse("upstream_user_create_failed", { identifier });
    await insertAuthLog({
      userId: created.id,
      username: created.username,
      applicationId: tx.applicationId,
      result: "SUCCESS",
      reason: "user_created_just_in_time",
      factor: "upstream",
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      detail: { source: source.name, groups: source.jitGroupIds.length },
    });
    user = await findUserForSession(created.id);
    if (!user) return refuse("upstream_user_create_failed", { identifier });
  } else {
    // Real name and email follow the source (only attributes it sends).
    const sync: { email?: string | null; realName?: string | null } = {};
    if (source.emailAttribute && email && email !== user.email) sync.email = email;
    if (source.realNameAttribute && realName && realName !== user.realName) sync.realName = realName;
    await syncUserFromSource(user.id, sync);
  }

  // The same decision as after a password: the upstream proof is the first factor.
  const app = await findLoginApplication(tx.applicationId);
  const data: TxData = {
    ...tx.parsed,
    username: user.username,
    proofs: { upstream: now.getTime() },
    upstream: undefined,
    attempts: 0,
    challenge: null,
    device: undefined,
    deviceCheckSent: undefined,
    stepUp: undefined,
    purpose: undefined,
  };
  const outcome = await decide({ tx, app, user, data, ctx, deps, now, via: "upstream" });
  return { kind: "decided", tx: { ...tx, userId: user.id, parsed: data }, outcome, app };
}
