// The server-side login transaction: what the SP asked for (request ID, ACS, binding,
// RelayState), kept in a DB row referenced by an httpOnly cookie while the user signs in.
// The cookie holds a random value; the row's id is its SHA-256 (storageId), so a copy of the
// database cannot continue anyone's sign-in. `LoginTx.id` is that stored id.
import { createHash, randomBytes } from "node:crypto";
import {
  consumeLoginTransaction,
  findLoginTransaction,
  insertLoginTransaction,
  updateLoginTransaction,
  type LoginTransactionRow,
} from "../db/sign-in-state";
import type { AssurancePurpose, Proofs } from "./assurance";

export const TX_COOKIE = "pc_tx";
export const TX_TTL_MS = 15 * 60_000;

/**
 * Step state kept in the transaction row; `chain` is a Single Logout chain (lib/services/sign-in/saml-slo).
 * After the password (state MFA or ENROLL): `username`, the second factors the policy offers
 * (`mfa`) or the methods the user may enroll (`enroll`, with the sealed TOTP secret being
 * enrolled), the pending WebAuthn `challenge` (cleared after any verification) and the
 * number of failed second-factor `attempts` in this transaction.
 */
export type TxData = {
  identifier?: string;
  /** What this sign-in has proved so far, and when (a step-up starts from the SSO session's proofs). */
  proofs?: Proofs;
  passive?: boolean;
  /** The NameID format negotiated with the AuthnRequest's NameIDPolicy. */
  nameIdFormat?: string;
  chain?: unknown;
  /** An IdP-initiated logout run (lib/services/sign-in/idp-logout). */
  idpLogout?: unknown;
  /** Test SSO: the Response is shown to this administrator instead of being posted. */
  testSso?: { adminId: string };
  username?: string;
  mfa?: { factors: string[] };
  enroll?: { factors: string[]; totpSealed?: string };
  challenge?: string | null;
  attempts?: number;
  /** Trusted Endpoints: the browser was sent to the device check (at most once per transaction). */
  deviceCheckSent?: boolean;
  /** What the device check proved (a verified device assertion; see lib/services/endpoints/sign-in-endpoint). */
  device?: DeviceProofData;
  /** The endpoint the policy saw, for the log row that ends the sign-in. */
  endpoint?: { id: string | null; detail: Record<string, unknown> };
  /** Remembered devices: the policy lets this browser be remembered for this many hours after the second factor. */
  rememberHours?: number;
  /**
   * A step-up of an existing SSO session (stored id `sessionId`): on success that session is
   * elevated instead of a new one opened, and the browser goes to `returnTo` (a path under
   * /sso/portal) or, with an application, to its /resume.
   */
  stepUp?: { sessionId: string; returnTo?: string };
  /**
   * Authentication sources: the upstream identity provider this sign-in was sent to and the ID
   * of the AuthnRequest it got (its Response must answer exactly that).
   */
  upstream?: { sourceId: string; sourceKey: string; requestId: string };
  /** The upstream sign-in was refused: the reference on the error page and the IdP's status message. */
  upstreamError?: { reference: string; message?: string };
  /** What the assurance is for (default sign_in); the portal's self-service asks for a recent second factor. */
  purpose?: AssurancePurpose;
};

/** A verified device assertion (the shape of sign-in-endpoint's DeviceProof). */
export type DeviceProofData = {
  deviceId: string | null;
  fingerprint: string | null;
  via: "tls" | "proxy" | null;
  reason: string | null;
};

/** What the SP asked for (all null for a portal sign-in). */
export type LoginRequest = Pick<
  LoginTransactionRow,
  "applicationId" | "requestId" | "acsUrl" | "acsBinding" | "relayState" | "forceAuthn"
>;

export const newOpaqueId = () => randomBytes(32).toString("base64url");

/** The stored id of a cookie value (login transaction, SSO session, logout chain): its SHA-256, hex. */
export const storageId = (value: string) => createHash("sha256").update(value, "utf8").digest("hex");

/** Opens a login transaction; returns the cookie value (the row stores only its hash). */
export async function beginLogin(
  req: LoginRequest,
  ctx: { ip?: string | null; userAgent?: string | null },
  data?: TxData,
  now = Date.now(),
): Promise<string> {
  const token = newOpaqueId();
  await insertLoginTransaction({
    id: storageId(token),
    ...req,
    expiresAt: new Date(now + TX_TTL_MS),
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    data: data ? JSON.stringify(data) : null,
  });
  return token;
}

export type LoginTx = LoginTransactionRow & { parsed: TxData };

/** The live transaction a cookie value (or a logout chain's RelayState) refers to. */
export async function loadLogin(token: string | undefined | null): Promise<LoginTx | null> {
  if (!token || token.length > 100) return null;
  const tx = await findLoginTransaction(storageId(token));
  if (!tx) return null;
  let parsed: TxData = {};
  try {
    parsed = tx.data ? (JSON.parse(tx.data) as TxData) : {};
  } catch {
    parsed = {};
  }
  return { ...tx, parsed };
}

/** Ends the transaction with stored id `id` (LoginTx.id); false when it was already gone. */
export const consumeLogin = (id: string) => consumeLoginTransaction(id);

/** Updates the transaction with stored id `id` (LoginTx.id). */
export async function saveLogin(
  id: string,
  patch: { state?: string; userId?: string | null; data?: TxData },
): Promise<void> {
  await updateLoginTransaction(id, {
    state: patch.state,
    userId: patch.userId,
    data: patch.data ? JSON.stringify(patch.data) : undefined,
  });
}
