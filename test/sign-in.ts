// Test helpers for the sign-in doors, through the same services the hosted pages and the SAML
// route handlers call (no mocks): the Global Policy and custom application policies in the
// database, end users with a real authenticator app, and sign-ins by password (and passcode).
import { hashPassword } from "../lib/crypto/password";
import { sealSecret } from "../lib/crypto/secrets";
import { insertAuthenticator } from "../lib/db/authenticators";
import { dbReady } from "../lib/db/client";
import { ensureGlobalPolicy, insertPolicy, setApplicationPolicy } from "../lib/db/policies";
import { insertUser } from "../lib/db/users";
import { newTotpSecret, totpCode, TOTP_PERIOD } from "../lib/mfa/totp";
import { userTotpSealContext } from "../lib/mfa/totp-enrollment";
import {
  DEFAULT_GLOBAL_POLICY_SETTINGS,
  serializePolicySettings,
  type CustomPolicySettings,
  type GlobalPolicySettings,
} from "../lib/policy";
import { invalidatePolicyCache } from "../lib/services/policies/effective-policy";
import { writeSettings } from "../lib/db/settings";
import type { ProofFactor, Proofs } from "../lib/login/assurance";
import { makeApplication } from "./helpers";

export const PASSWORD = "correct horse battery staple";
export const CTX = { ip: "198.51.100.30", userAgent: "vitest" };

/** Replaces the Global Policy: Duo's defaults with `over` on top. */
export async function setGlobalPolicy(over: Partial<GlobalPolicySettings> = {}): Promise<void> {
  const settings = serializePolicySettings({
    ...structuredClone(DEFAULT_GLOBAL_POLICY_SETTINGS),
    ...over,
  } as GlobalPolicySettings);
  const row = await ensureGlobalPolicy(settings);
  await (await dbReady()).policy.update({ where: { id: row.id }, data: { settings } });
  await invalidatePolicyCache();
}

let n = 0;
const unique = (prefix: string) => `${prefix}-${++n}-${Math.random().toString(36).slice(2, 8)}`;

/** An application (optionally with its own custom policy applied to the whole application). */
export async function applicationWithPolicy(name: string, settings?: CustomPolicySettings) {
  await writeSettings({ publicBaseUrl: "https://idp.test" });
  const app = await makeApplication(unique(name));
  if (settings) {
    const policy = await insertPolicy({
      name: unique(`${name} policy`),
      description: null,
      settings: serializePolicySettings(settings),
    });
    await setApplicationPolicy(app.id, policy.id);
    await invalidatePolicyCache();
  }
  return app;
}

export type EndUser = { id: string; username: string; totpSecret: string | null; authenticatorId: string | null };

/** An end user with the test password and, unless `totp: false`, an enrolled authenticator app. */
export async function endUser(opts: { totp?: boolean; status?: string } = {}): Promise<EndUser> {
  const username = unique("user");
  const u = await insertUser({
    username,
    email: `${username}@example.com`,
    passwordHash: await hashPassword(PASSWORD),
    status: opts.status,
  });
  if (opts.totp === false) return { id: u.id, username, totpSecret: null, authenticatorId: null };
  const secret = newTotpSecret();
  const a = await insertAuthenticator(u.id, {
    type: "TOTP",
    name: "Phone",
    secretSealed: sealSecret(secret, userTotpSealContext(u.id)),
  });
  return { id: u.id, username, totpSecret: secret, authenticatorId: a.id };
}

/** Adds a second authenticator app (another secret) to the user. */
export async function addAuthenticatorApp(user: EndUser, name = "Tablet"): Promise<string> {
  const a = await insertAuthenticator(user.id, {
    type: "TOTP",
    name,
    secretSealed: sealSecret(newTotpSecret(), userTotpSealContext(user.id)),
  });
  return a.id;
}

/** A passcode of the user's authenticator app; `stepOffset` picks a neighbouring time step (each is accepted once). */
export function passcode(user: EndUser, stepOffset = 0, now = Date.now()): string {
  if (!user.totpSecret) throw new Error("the user has no authenticator app");
  return totpCode(user.totpSecret, now + stepOffset * TOTP_PERIOD * 1000);
}

/** Proofs of `factors`, all proved `agoMs` before now (what an SSO session records). */
export function proved(...factors: (ProofFactor | number)[]): Proofs {
  const agoMs = typeof factors[factors.length - 1] === "number" ? (factors.pop() as number) : 0;
  const at = Date.now() - agoMs;
  return Object.fromEntries(factors.map((f) => [f, at])) as Proofs;
}

/**
 * What an attacker who knows only the password gets: a sign-in (hosted pages) to an
 * application whose policy bypasses 2FA. Returns the SSO session's cookie value.
 */
export async function passwordOnlySession(username: string): Promise<string> {
  const { identify, verifyPassword } = await import("../lib/services/sign-in/hosted-login");
  const { completeSignIn, startIdpInitiated } = await import("../lib/services/sign-in/saml-sso");
  const wiki = await applicationWithPolicy("Wiki", { authenticationPolicy: { action: "bypass_2fa" } });
  const start = await startIdpInitiated(wiki.key, CTX);
  if (start.kind !== "login") throw new Error(`expected a login transaction, got ${start.kind}`);
  await identify(start.txId, username, CTX);
  const pw = await verifyPassword(start.txId, PASSWORD, CTX);
  if (pw.outcome.kind !== "done" || !pw.session) throw new Error(`expected a session, got ${pw.outcome.kind}`);
  const post = await completeSignIn(wiki.key, start.txId, pw.session.token, CTX);
  if (post.kind !== "post") throw new Error(`expected a Response, got ${post.kind}`);
  return pw.session.token;
}
