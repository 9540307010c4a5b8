// What the sign-in flow asks about the access device (see README "Trusted Endpoints: how a
// device proves itself"):
//   deviceCheckUrl(txId, returnPath)  where to send the browser to prove its device
//   identifyEndpoint({ transactionId, deviceAssertion })  which endpoint, is it trusted
//   assessEndpoint(identity, { blockCompromised })  is it compromised (Cisco Secure Endpoint)
//   endpointContext(...)  both, shaped as lib/policy's `endpoint` context
import { env } from "../../env";
import { assertionKey, deviceCheckBinding, verifyAssertion } from "../../endpoints/device-assertion";
import { checkDeviceCertificate } from "../../endpoints/device-certificates";
import { matchComputer, parseComputer, parseComputerList } from "../../endpoints/cisco";
import {
  findDeviceCertificateByFingerprint,
  findEnabledCiscoWithSecret,
  findEndpointByDeviceId,
  findEndpointById,
  recordEdrStatus,
  recordEndpointSeen,
  type EndpointRecord,
} from "../../db/endpoints";
import { getDeviceCheckSettings } from "./device-check-settings";
import { ensureDeviceCa } from "./device-ca";
import { ciscoGet } from "./cisco-client";
import { ciscoConnection } from "./cisco-integration";
import { cachedAssessment, storeAssessment } from "./cisco-cache";
import { syncConfig } from "../config-sync";

export type EndpointVia = "tls" | "proxy";

export type EndpointIdentity = {
  identified: boolean;
  trusted: boolean;
  endpointId: string | null;
  deviceId: string | null;
  via: EndpointVia | null;
  /** Why not identified or not trusted (for the Authentication Log detail): no_device_check, invalid_assertion, no_certificate, wrong_ca, expired, revoked, unknown_certificate, untrusted_proxy, not_in_inventory, integration_disabled */
  reason: string | null;
};

export type EndpointAssessment = {
  compromised: boolean | null;
  checkedVia: "not_requested" | "not_identified" | "no_integration" | "cache" | "cisco_secure_endpoint";
  error?: string;
};

/** lib/policy's endpoint context. */
export type EndpointContext = { identified: boolean; trusted: boolean; compromised: boolean | null };

let key: Buffer | undefined;
export const deviceAssertionKey = () => (key ??= assertionKey(Buffer.from(env().PORTCULLIS_SEAL_KEY, "base64")));

/** Whether an endpoint (by its record) is trusted: in the inventory of an enabled Management Tools integration. */
export function isTrustedRecord(e: Pick<EndpointRecord, "trusted" | "integration">): boolean {
  return e.trusted && !!e.integration && e.integration.enabled && e.integration.kind === "DEVICE_INVENTORY";
}

function identity(partial: Partial<EndpointIdentity>): EndpointIdentity {
  return { identified: false, trusted: false, endpointId: null, deviceId: null, via: null, reason: null, ...partial };
}

/**
 * Checks a certificate presented on the device check (directly or through a trusted proxy):
 * chain to the active device CA, dates, issued by us and not revoked, and the endpoint's trust.
 */
export async function identifyCertificate(
  certificate: string | Buffer,
  via: EndpointVia,
  now: Date = new Date(),
): Promise<EndpointIdentity & { sha256Fingerprint: string | null }> {
  const ca = await ensureDeviceCa();
  const check = checkDeviceCertificate(certificate, ca.certificatePem, now);
  if (!check.ok) return { ...identity({ via, reason: check.reason }), sha256Fingerprint: null };
  return {
    ...(await identityFromFingerprint(check.deviceId, check.sha256Fingerprint, via)),
    sha256Fingerprint: check.sha256Fingerprint,
  };
}

async function identityFromFingerprint(
  deviceId: string,
  fingerprint: string,
  via: EndpointVia,
): Promise<EndpointIdentity> {
  const issued = await findDeviceCertificateByFingerprint(fingerprint);
  if (!issued || issued.endpoint.deviceId !== deviceId)
    return identity({ via, deviceId, reason: "unknown_certificate" });
  if (issued.revokedAt) return identity({ via, deviceId, reason: "revoked" });
  if (issued.notAfter.getTime() < Date.now()) return identity({ via, deviceId, reason: "expired" });
  const endpoint = await findEndpointByDeviceId(deviceId);
  if (!endpoint) return identity({ via, deviceId, reason: "unknown_certificate" });
  const trusted = isTrustedRecord(endpoint);
  return identity({
    identified: true,
    trusted,
    endpointId: endpoint.id,
    deviceId,
    via,
    reason: trusted ? null : !endpoint.trusted || !endpoint.integration ? "not_in_inventory" : "integration_disabled",
  });
}

/** What a verified device assertion says; small enough to keep in the login transaction's data. */
export type DeviceProof = {
  deviceId: string | null;
  fingerprint: string | null;
  via: EndpointVia | null;
  reason: string | null;
};

/**
 * Verifies the `device_assertion` query parameter the device check redirected back with: it
 * must be bound to this login transaction and at most 2 minutes old. Call it when the browser
 * returns and keep the proof in the transaction; an invalid one gives reason "invalid_assertion".
 */
export function redeemDeviceAssertion(input: {
  transactionId: string;
  deviceAssertion: string | null | undefined;
}): DeviceProof {
  if (!input.deviceAssertion) return { deviceId: null, fingerprint: null, via: null, reason: "no_device_check" };
  const claims = verifyAssertion(input.deviceAssertion, deviceAssertionKey(), deviceCheckBinding(input.transactionId));
  if (!claims) return { deviceId: null, fingerprint: null, via: null, reason: "invalid_assertion" };
  if (!claims.d || !claims.f || !claims.v)
    return { deviceId: null, fingerprint: null, via: claims.v, reason: claims.r ?? "no_certificate" };
  return { deviceId: claims.d, fingerprint: claims.f, via: claims.v, reason: null };
}

/** The endpoint a proof names, with revocation and trust checked now (not when the proof was made). */
export async function identifyProof(proof: DeviceProof | null | undefined): Promise<EndpointIdentity> {
  if (!proof) return identity({ reason: "no_device_check" });
  if (!proof.deviceId || !proof.fingerprint || !proof.via)
    return identity({ via: proof.via, reason: proof.reason ?? "no_certificate" });
  return identityFromFingerprint(proof.deviceId, proof.fingerprint, proof.via);
}

/**
 * The sign-in flow's question: which endpoint is this browser on? Shorthand for
 * identifyProof(redeemDeviceAssertion(...)) when the assertion is used at once.
 */
export async function identifyEndpoint(input: {
  transactionId: string;
  deviceAssertion?: string | null;
}): Promise<EndpointIdentity> {
  return identifyProof(
    redeemDeviceAssertion({ transactionId: input.transactionId, deviceAssertion: input.deviceAssertion }),
  );
}

/** The URL to send the browser to for the device check, or null when none is configured. */
export async function deviceCheckUrl(transactionId: string, returnPath: string): Promise<string | null> {
  const { deviceCheckUrl: base } = await getDeviceCheckSettings();
  if (!base) return null;
  const u = new URL(`${base}/device-check`);
  u.searchParams.set("b", deviceCheckBinding(transactionId));
  u.searchParams.set("r", returnPath);
  return u.toString();
}

const log = (event: string, data: Record<string, unknown>) =>
  console.info(JSON.stringify({ at: "endpoints.cisco", event, ...data }));

/**
 * Asks the enabled Cisco Secure Endpoint integration whether the endpoint is compromised
 * (3 s timeout, answers cached 60 s). `compromised: null` means unknown: not asked, no
 * integration, computer not found in Cisco, or the API failed (then `error` says why).
 */
export async function assessEndpoint(
  endpoint: Pick<EndpointIdentity, "identified" | "endpointId"> | null,
  opts: { blockCompromised: boolean },
): Promise<EndpointAssessment> {
  if (!opts.blockCompromised) return { compromised: null, checkedVia: "not_requested" };
  if (!endpoint?.identified || !endpoint.endpointId) return { compromised: null, checkedVia: "not_identified" };
  const integration = await findEnabledCiscoWithSecret();
  if (!integration) return { compromised: null, checkedVia: "no_integration" };
  const cacheKey = `${integration.id}:${endpoint.endpointId}`;
  await syncConfig();
  const hit = cachedAssessment(cacheKey);
  if (hit) return { compromised: hit.compromised, checkedVia: "cache" };

  const record = await findEndpointById(endpoint.endpointId);
  const conn = await ciscoConnection(integration);
  if (!record || !conn)
    return { compromised: null, checkedVia: "cisco_secure_endpoint", error: "integration_not_configured" };
  const started = Date.now();
  let computer = null;
  if (record.edrGuid) {
    const r = await ciscoGet(conn, `/v1/computers/${encodeURIComponent(record.edrGuid)}`);
    if (r.ok) computer = parseComputer(r.body);
    else if (r.status !== 404) {
      log("check_failed", {
        endpointId: record.id,
        deviceId: record.deviceId,
        status: r.status,
        error: r.error,
        ...(r.unreachable && { code: r.unreachable.code, detail: r.unreachable.detail }),
        ms: Date.now() - started,
      });
      return { compromised: null, checkedVia: "cisco_secure_endpoint", error: r.error };
    }
  }
  if (!computer) {
    const host = record.hostname ?? record.deviceId;
    const r = await ciscoGet(conn, `/v1/computers?hostname[]=${encodeURIComponent(host)}`);
    if (!r.ok) {
      log("check_failed", {
        endpointId: record.id,
        deviceId: record.deviceId,
        status: r.status,
        error: r.error,
        ...(r.unreachable && { code: r.unreachable.code, detail: r.unreachable.detail }),
        ms: Date.now() - started,
      });
      return { compromised: null, checkedVia: "cisco_secure_endpoint", error: r.error };
    }
    const list = parseComputerList(r.body);
    computer = list ? matchComputer(list.computers, { edrGuid: record.edrGuid, hostname: host }) : null;
  }
  if (!computer) {
    log("computer_not_found", { endpointId: record.id, deviceId: record.deviceId, ms: Date.now() - started });
    await recordEdrStatus(record.id, { edrStatus: "UNKNOWN", at: new Date() });
    storeAssessment(cacheKey, { compromised: null, checkedVia: "cisco_secure_endpoint", edrGuid: null });
    return { compromised: null, checkedVia: "cisco_secure_endpoint", error: "computer_not_found" };
  }
  const compromised = computer.is_compromised === true;
  log("checked", {
    endpointId: record.id,
    deviceId: record.deviceId,
    connectorGuid: computer.connector_guid,
    compromised,
    ms: Date.now() - started,
  });
  await recordEdrStatus(record.id, {
    edrStatus: compromised ? "COMPROMISED" : "NOT_COMPROMISED",
    edrGuid: computer.connector_guid,
    at: new Date(),
  });
  storeAssessment(cacheKey, { compromised, checkedVia: "cisco_secure_endpoint", edrGuid: computer.connector_guid });
  return { compromised, checkedVia: "cisco_secure_endpoint" };
}

/**
 * Everything the policy step needs, in one call: identify, assess (only when the policy
 * lets Cisco Secure Endpoint block), record "last seen" (and the owner) for an identified
 * endpoint. `detail` is for the Authentication Log row.
 */
export async function endpointContext(input: {
  proof?: DeviceProof | null;
  transactionId?: string;
  deviceAssertion?: string | null;
  blockCompromised: boolean;
  userId?: string | null;
}): Promise<{
  context: EndpointContext;
  endpointId: string | null;
  detail: {
    deviceId: string | null;
    via: EndpointVia | null;
    reason: string | null;
    checkedVia: string;
    edrError?: string;
  };
}> {
  const id =
    input.proof !== undefined
      ? await identifyProof(input.proof)
      : await identifyEndpoint({ transactionId: input.transactionId ?? "", deviceAssertion: input.deviceAssertion });
  const assessment = await assessEndpoint(id, { blockCompromised: input.blockCompromised });
  if (id.endpointId) await recordEndpointSeen(id.endpointId, { at: new Date(), userId: input.userId ?? null });
  return {
    context: { identified: id.identified, trusted: id.trusted, compromised: assessment.compromised },
    endpointId: id.endpointId,
    detail: {
      deviceId: id.deviceId,
      via: id.via,
      reason: id.reason,
      checkedVia: assessment.checkedVia,
      ...(assessment.error && { edrError: assessment.error }),
    },
  };
}
