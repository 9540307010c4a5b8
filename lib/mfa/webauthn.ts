// WebAuthn passkeys and security keys as a second factor: thin, typed wrappers over
// @simplewebauthn/server. Plain data in and out; credentials are passed and returned in the
// shape of the Authenticator columns (credentialId and publicKey base64url, counter, and
// transports comma separated). The library makes the challenges; the caller keeps the one it
// sent in the login transaction, passes it back once, and clears it after any verification
// (success or not), so an assertion can never be verified twice.
//
// Relying party: name = tenant name, ID = host name of the public base URL, origin = its
// origin. User verification is "preferred" (the password came first); attestation "none".
import { createHash } from "node:crypto";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { COSEALG, decodeAttestationObject } from "@simplewebauthn/server/helpers";
import { z } from "zod";

export type RelyingParty = { name: string; id: string; origin: string };

/** A WebAuthn Authenticator row: the columns this module reads and returns. */
export type StoredWebAuthnCredential = {
  credentialId: string;
  publicKey: string;
  counter: number;
  transports: string | null;
};

export type WebAuthnFailure =
  | "malformed" // not a WebAuthn response (shape, encoding, size)
  | "wrong_type" // a registration sent to authentication or the reverse
  | "challenge_mismatch"
  | "origin_mismatch"
  | "rp_id_mismatch"
  | "unknown_credential" // not one of the user's credentials
  | "user_handle_mismatch" // a passkey of another user account
  | "counter_not_increased" // replayed or cloned authenticator
  | "bad_signature"
  | "invalid"; // anything else the library refused (flags, attestation, algorithm)

export type RegistrationResult =
  | { ok: true; credential: StoredWebAuthnCredential; userVerified: boolean; aaguid: string; backedUp: boolean }
  | { ok: false; reason: WebAuthnFailure; detail: string };

export type AuthenticationResult =
  | {
      ok: true;
      credentialId: string;
      /** Store it conditionally on the counter read (`where: { credentialId, counter: previousCounter }`). */
      newCounter: number;
      previousCounter: number;
      userVerified: boolean;
    }
  | { ok: false; reason: WebAuthnFailure; detail: string };

// EdDSA, ES256, RS256: fixed, so options and verification agree whatever the runtime supports.
const ALGORITHMS = [COSEALG.EdDSA, COSEALG.ES256, COSEALG.RS256];
const TRANSPORTS = new Set(["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"]);

const b64url = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[A-Za-z0-9_-]*$/);
const common = {
  id: b64url(1400).min(1),
  rawId: b64url(1400).min(1),
  type: z.literal("public-key"),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
};
const registrationResponseSchema = z.object({
  ...common,
  response: z.object({
    clientDataJSON: b64url(4096).min(1),
    attestationObject: b64url(64 * 1024).min(1),
    transports: z.array(z.string().max(32)).max(16).optional(),
  }),
});
const authenticationResponseSchema = z.object({
  ...common,
  response: z.object({
    clientDataJSON: b64url(4096).min(1),
    authenticatorData: b64url(8192).min(1),
    signature: b64url(2048).min(1),
    userHandle: b64url(128).optional().nullable(),
  }),
});

const bytes = (b64: string) => new Uint8Array(Buffer.from(b64, "base64url"));
const splitTransports = (csv: string | null) => (csv ? csv.split(",").filter((t) => TRANSPORTS.has(t)) : []);

/** The relying party of the tenant: its name, and the host name and origin of the public base URL. */
export function relyingParty(tenant: { tenantName: string; publicBaseUrl: string }): RelyingParty {
  const url = new URL(tenant.publicBaseUrl);
  return { name: tenant.tenantName, id: url.hostname, origin: url.origin };
}

/** The WebAuthn user handle: 32 stable, opaque bytes derived from our user id (no personal data). */
export function webauthnUserHandle(userId: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(createHash("sha256").update(`portcullis:webauthn-user:${userId}`).digest());
}

/** Options for navigator.credentials.create(): the user's existing credentials are excluded. */
export function registrationOptions(
  rp: RelyingParty,
  user: { id: string; username: string; displayName?: string | null },
  existing: readonly StoredWebAuthnCredential[],
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  return generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userID: webauthnUserHandle(user.id),
    userName: user.username,
    userDisplayName: user.displayName ?? user.username,
    attestationType: "none",
    excludeCredentials: existing.map((c) => ({ id: c.credentialId, transports: splitTransports(c.transports) })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
    supportedAlgorithmIDs: ALGORITHMS,
  });
}

/** Verifies navigator.credentials.create()'s response; on success, the credential to store. */
export async function verifyRegistration(
  rp: RelyingParty,
  response: unknown,
  expectedChallenge: string,
): Promise<RegistrationResult> {
  const parsed = registrationResponseSchema.safeParse(response);
  if (!parsed.success) return { ok: false, reason: "malformed", detail: "not a registration response" };
  const body = parsed.data as RegistrationResponseJSON;
  let outcome;
  try {
    outcome = await verifyRegistrationResponse({
      response: body,
      expectedChallenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: false,
      supportedAlgorithmIDs: ALGORITHMS,
    });
  } catch (e) {
    return fail(
      rp,
      "webauthn.create",
      body.response.clientDataJSON,
      registrationAuthData(body),
      expectedChallenge,
      null,
      e,
    );
  }
  if (!outcome.verified) return { ok: false, reason: "invalid", detail: "registration not verified" };
  const info = outcome.registrationInfo;
  const transports = (body.response.transports ?? []).filter((t) => TRANSPORTS.has(t));
  return {
    ok: true,
    credential: {
      credentialId: info.credential.id,
      publicKey: Buffer.from(info.credential.publicKey).toString("base64url"),
      counter: info.credential.counter,
      transports: transports.length ? [...new Set(transports)].join(",") : null,
    },
    userVerified: info.userVerified,
    aaguid: info.aaguid,
    backedUp: info.credentialBackedUp,
  };
}

/** Options for navigator.credentials.get(): only the user's credentials are allowed. */
export function authenticationOptions(
  rp: RelyingParty,
  credentials: readonly StoredWebAuthnCredential[],
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return generateAuthenticationOptions({
    rpID: rp.id,
    allowCredentials: credentials.map((c) => ({ id: c.credentialId, transports: splitTransports(c.transports) })),
    userVerification: "preferred",
  });
}

/**
 * Verifies navigator.credentials.get()'s response against one of the user's credentials:
 * challenge, origin, RP ID, signature, and a counter that increases (unless both are 0).
 */
export async function verifyAuthentication(
  rp: RelyingParty,
  response: unknown,
  expectedChallenge: string,
  credentials: readonly StoredWebAuthnCredential[],
  userId: string,
): Promise<AuthenticationResult> {
  const parsed = authenticationResponseSchema.safeParse(response);
  if (!parsed.success || parsed.data.id !== parsed.data.rawId)
    return { ok: false, reason: "malformed", detail: "not an authentication response" };
  const body = parsed.data as AuthenticationResponseJSON;
  const stored = credentials.find((c) => c.credentialId === body.id);
  if (!stored) return { ok: false, reason: "unknown_credential", detail: "the credential is not one of the user's" };
  const handle = body.response.userHandle;
  if (handle && handle !== Buffer.from(webauthnUserHandle(userId)).toString("base64url")) {
    return { ok: false, reason: "user_handle_mismatch", detail: "the credential belongs to another user handle" };
  }
  let outcome;
  try {
    outcome = await verifyAuthenticationResponse({
      response: body,
      expectedChallenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: {
        id: stored.credentialId,
        publicKey: bytes(stored.publicKey),
        counter: stored.counter,
        transports: undefined,
      },
      requireUserVerification: false,
    });
  } catch (e) {
    return fail(
      rp,
      "webauthn.get",
      body.response.clientDataJSON,
      bytesOrNull(body.response.authenticatorData),
      expectedChallenge,
      stored.counter,
      e,
    );
  }
  if (!outcome.verified)
    return { ok: false, reason: "bad_signature", detail: "the signature does not verify with the stored public key" };
  return {
    ok: true,
    credentialId: stored.credentialId,
    newCounter: outcome.authenticationInfo.newCounter,
    previousCounter: stored.counter,
    userVerified: outcome.authenticationInfo.userVerified,
  };
}

// ------------------------------------------------------------------ failure reasons

function bytesOrNull(b64: string): Uint8Array | null {
  try {
    return bytes(b64);
  } catch {
    return null;
  }
}

function registrationAuthData(body: RegistrationResponseJSON): Uint8Array | null {
  try {
    return decodeAttestationObject(bytes(body.response.attestationObject)).get("authData") ?? null;
  } catch {
    return null;
  }
}

/**
 * Names the cause of a refusal (for the Authentication Log) by re-reading the response in the
 * library's order of checks; the library stays the judge, this only labels its refusal.
 */
function fail(
  rp: RelyingParty,
  expectedType: string,
  clientDataJSON: string,
  authData: Uint8Array | null,
  expectedChallenge: string,
  storedCounter: number | null,
  error: unknown,
): { ok: false; reason: WebAuthnFailure; detail: string } {
  const detail = error instanceof Error ? error.message.slice(0, 300) : "refused";
  let client: { type?: unknown; challenge?: unknown; origin?: unknown };
  try {
    client = JSON.parse(Buffer.from(clientDataJSON, "base64url").toString("utf8")) as typeof client;
  } catch {
    return { ok: false, reason: "malformed", detail };
  }
  if (typeof client !== "object" || client === null) return { ok: false, reason: "malformed", detail };
  if (client.type !== expectedType) return { ok: false, reason: "wrong_type", detail };
  if (client.challenge !== expectedChallenge) return { ok: false, reason: "challenge_mismatch", detail };
  if (client.origin !== rp.origin) return { ok: false, reason: "origin_mismatch", detail };
  if (!authData || authData.length < 37) return { ok: false, reason: "malformed", detail };
  const rpIdHash = createHash("sha256").update(rp.id).digest();
  if (!rpIdHash.equals(authData.subarray(0, 32))) return { ok: false, reason: "rp_id_mismatch", detail };
  if (storedCounter !== null) {
    const counter = Buffer.from(authData.buffer, authData.byteOffset + 33, 4).readUInt32BE(0);
    if ((counter > 0 || storedCounter > 0) && counter <= storedCounter)
      return { ok: false, reason: "counter_not_increased", detail };
  }
  return { ok: false, reason: "invalid", detail };
}
