// Duo's Auth API (/auth/v2: ping, check, preauth, auth, auth_status) and the legacy
// /rest/v1 endpoints that libduo 1.x (Debian's login_duo / pam_duo 1.11) calls with BSON
// answers. The decision comes from decideApiAccess (./auth-decision); passcodes are checked
// like the hosted sign-in's (one-time TOTP steps, counted bypass codes) and every wrong one
// counts towards the same lockout. Every decision writes one Authentication Log row.
import { isIP } from "node:net";
import { insertAuthLog, type AuthLogInput } from "../../db/auth-log";
import {
  claimTotpStep,
  consumeBypassCode,
  listAuthenticators,
  listAuthenticatorsForVerification,
  listBypassCodes,
} from "../../db/authenticators";
import { readLockState, unlockUser } from "../../db/user-lockout";
import { findUserForLogin, findUserForSession, recordUserLogin, type LoginUser } from "../../db/users";
import { derivedKey } from "../../crypto/secrets";
import { checkLockout } from "../../mfa/lockout";
import { normalizeBypassCode, verifyBypassCode } from "../../mfa/bypass-codes";
import { countFailure } from "../../login/failures";
import { matchTotp } from "../../login/mfa-step";
import {
  DuoApiError,
  fail,
  internalError,
  invalidParameter,
  notFound,
  ok,
  type Envelope,
} from "../../duo-api/envelope";
import { issueTxid, readTxid, type TxOutcome } from "../../duo-api/txid";
import { getLockoutSettings } from "../settings/lockout-settings";
import { getTenantSettings } from "../settings/tenant-settings";
import { decideApiAccess, type ApiDecision } from "./auth-decision";
import { authenticate, callParams, ParamReader, refusedApplication, type ApiRequest } from "./request";
import type { ApiCredentialRecord } from "./api-applications";

export type AuthApiResult = { status: number; envelope: Envelope };

const txKey = () => derivedKey("auth api txid v1");

/** Messages a user may read (login_duo prints them); the exact reason is in the log. */
const DENY_MESSAGES: Record<string, string> = {
  user_disabled: "Your account is disabled.",
  locked_out: "Your account is locked out.",
  user_not_in_permitted_group: "You are not allowed to use this application.",
  policy_denied: "Access denied by policy.",
  new_user_denied: "Access denied: you have not enrolled an authentication device.",
  no_allowed_factor: "None of your authentication methods is allowed here.",
  network_not_authorized: "Access denied from this network.",
  endpoint_not_trusted: "Access denied: this device is not trusted.",
  endpoint_compromised: "Access denied: this device is compromised.",
  unknown_user: "Access denied.",
};
const ALLOW_MESSAGES: Record<string, string> = {
  user_marked_bypass: "Your account is in bypass mode: no second factor is needed.",
  policy_bypass: "Two-factor authentication is not required.",
  allow_unenrolled_user: "Access allowed without enrollment.",
  authorized_network: "Access allowed from an authorized network.",
  remembered_device: "Access allowed from a remembered device.",
};
const ENROLL_MESSAGE = "Enroll an authentication device to proceed.";
const SUCCESS_MESSAGE = "Success. Logging you in...";
const WRONG_PASSCODE = "Incorrect passcode. Please try again.";
const LOCKED_NOW = "Your account is locked out after too many failed attempts.";

type Who = { user: LoginUser | null; typed: string };

function clientIp(p: ParamReader): string | null {
  const ip = p.get("ipaddr");
  if (ip !== undefined && ip !== "") {
    if (!isIP(ip)) throw invalidParameter("ipaddr");
    return ip;
  }
  return null;
}

async function resolveUser(p: ParamReader, usernameParam: string): Promise<Who> {
  const userId = p.get("user_id");
  const username = p.get(usernameParam);
  if (userId !== undefined && userId !== "") {
    const user = userId.length <= 64 ? await findUserForSession(userId) : null;
    return { user, typed: user?.username ?? userId };
  }
  if (username === undefined || username === "" || username.length > 256) throw invalidParameter(usernameParam);
  return { user: await findUserForLogin(username), typed: username };
}

/** The same automatic unlock the hosted sign-in applies when the configured minutes have passed. */
async function autoUnlock(user: LoginUser, now: Date) {
  if (user.status !== "LOCKED_OUT") return;
  const [state, settings] = await Promise.all([readLockState(user.id), getLockoutSettings()]);
  if (state && checkLockout(state, settings, now).kind === "unlock" && (await unlockUser(user.id)))
    user.status = "ACTIVE";
}

type Base = Omit<AuthLogInput, "result" | "reason">;

function logBase(app: ApiCredentialRecord, who: Who, ip: string | null, req: ApiRequest, factor: string | null): Base {
  return {
    userId: who.user?.id ?? null,
    username: who.user?.username ?? who.typed,
    applicationId: app.id,
    applicationName: app.name,
    ip: ip ?? req.ip,
    userAgent: req.userAgent,
    factor,
  };
}

export type PreauthAnswer =
  | { result: "allow" | "deny" | "enroll"; status_msg: string; enroll_portal_url?: string }
  | {
      result: "auth";
      status_msg: string;
      devices: { device: string; type: string; name: string; capabilities: string[] }[];
    };

async function preauthDecision(app: ApiCredentialRecord, p: ParamReader, req: ApiRequest, usernameParam: string) {
  const now = new Date();
  const ip = clientIp(p);
  const who = await resolveUser(p, usernameParam);
  const base = logBase(app, who, ip, req, null);
  if (!who.user) {
    await insertAuthLog({ ...base, result: "FAILURE", reason: "unknown_user", detail: { api: "preauth" } });
    return { result: "deny", status_msg: DENY_MESSAGES.unknown_user! } satisfies PreauthAnswer;
  }
  await autoUnlock(who.user, now);
  const decision = await decideApiAccess(who.user, app, ip, now);
  return preauthAnswer(decision, who.user, base);
}

async function preauthAnswer(decision: ApiDecision, user: LoginUser, base: Base): Promise<PreauthAnswer> {
  const detail = { api: "preauth", reasons: decision.reasons };
  switch (decision.kind) {
    case "deny":
      await insertAuthLog({ ...base, result: "DENIED", reason: decision.reason, detail });
      return { result: "deny", status_msg: DENY_MESSAGES[decision.reason] ?? "Access denied." };
    case "allow":
      await recordUserLogin(user.id);
      await insertAuthLog({ ...base, result: "SUCCESS", reason: decision.reason, detail });
      return { result: "allow", status_msg: ALLOW_MESSAGES[decision.reason] ?? "Access allowed." };
    case "enroll": {
      await insertAuthLog({ ...base, result: "DENIED", reason: "enrollment_required", detail });
      const { publicBaseUrl } = await getTenantSettings();
      return { result: "enroll", status_msg: ENROLL_MESSAGE, enroll_portal_url: `${publicBaseUrl}/sso/portal` };
    }
    case "mfa": {
      // Not an ending: the auth call that follows writes the row.
      const authenticators = await listAuthenticators(user.id);
      return {
        result: "auth",
        status_msg: "Account is active",
        devices: decision.factors.includes("totp")
          ? authenticators
              .filter((a) => a.type === "TOTP")
              .map((a) => ({ device: a.id, type: "token", name: a.name, capabilities: ["mobile_otp"] }))
          : [],
      };
    }
  }
}

/** Checks a passcode: an authenticator-app code (once per time step) or a bypass code (counted). */
async function checkPasscode(
  user: LoginUser,
  code: string,
  totpAllowed: boolean,
  now: Date,
): Promise<
  | { ok: true; factor: "totp" | "bypass_code"; detail: Record<string, unknown> }
  | { ok: false; factor: "totp" | "bypass_code"; cause: string }
> {
  const typed = code.replace(/[\s-]+/g, "");
  if (!normalizeBypassCode(typed)) {
    // Not a bypass code: an authenticator-app passcode, when the policy allows that method.
    if (!totpAllowed || !/^\d{6}$/.test(typed))
      return { ok: false, factor: "totp", cause: totpAllowed ? "invalid" : "method_not_allowed" };
    const match = matchTotp(await listAuthenticatorsForVerification(user.id), user.id, typed, now.getTime());
    if (match.kind === "ok") {
      // Accepted at most once, even by two concurrent requests with the same code.
      if (await claimTotpStep(match.authenticator.id, match.step, now))
        return { ok: true, factor: "totp", detail: { authenticator: match.authenticator.name } };
      return { ok: false, factor: "totp", cause: "replayed" };
    }
    return { ok: false, factor: "totp", cause: match.kind === "replayed" ? "replayed" : "invalid" };
  }
  const check = await verifyBypassCode(await listBypassCodes(user.id), typed, now);
  if (check.ok && (await consumeBypassCode(check.codeId, now)))
    return { ok: true, factor: "bypass_code", detail: { codeId: check.codeId, usedUp: check.usedUp } };
  return { ok: false, factor: "bypass_code", cause: check.ok ? "used_concurrently" : check.reason };
}

/** /auth with a passcode (or, as for libduo, `auto` carrying the typed passcode). */
async function authDecision(
  app: ApiCredentialRecord,
  p: ParamReader,
  req: ApiRequest,
  usernameParam: string,
  passcode: string,
): Promise<TxOutcome> {
  const now = new Date();
  const ip = clientIp(p);
  const who = await resolveUser(p, usernameParam);
  if (!who.user) {
    await insertAuthLog({
      ...logBase(app, who, ip, req, null),
      result: "FAILURE",
      reason: "unknown_user",
      detail: { api: "auth" },
    });
    return { result: "deny", status: "deny", status_msg: DENY_MESSAGES.unknown_user! };
  }
  const user = who.user;
  await autoUnlock(user, now);
  const decision = await decideApiAccess(user, app, ip, now);
  const base = logBase(app, who, ip, req, null);
  const detail = { api: "auth", reasons: decision.reasons };
  if (decision.kind === "deny") {
    await insertAuthLog({ ...base, result: "DENIED", reason: decision.reason, detail });
    return { result: "deny", status: "deny", status_msg: DENY_MESSAGES[decision.reason] ?? "Access denied." };
  }
  if (decision.kind === "allow") {
    await recordUserLogin(user.id);
    await insertAuthLog({ ...base, result: "SUCCESS", reason: decision.reason, detail });
    return { result: "allow", status: "bypass", status_msg: ALLOW_MESSAGES[decision.reason] ?? "Access allowed." };
  }
  if (decision.kind === "enroll") {
    await insertAuthLog({ ...base, result: "DENIED", reason: "enrollment_required", detail });
    return { result: "deny", status: "deny", status_msg: ENROLL_MESSAGE };
  }
  const checked = await checkPasscode(user, passcode, decision.factors.includes("totp"), now);
  const logged = { ...base, factor: checked.factor };
  if (checked.ok) {
    await recordUserLogin(user.id); // also resets the consecutive failures
    await insertAuthLog({
      ...logged,
      result: "SUCCESS",
      reason: checked.factor === "totp" ? "valid_passcode" : "bypass_code",
      detail: { ...detail, ...checked.detail },
    });
    return { result: "allow", status: "allow", status_msg: SUCCESS_MESSAGE };
  }
  const counted = await countFailure(
    { ...logged, userId: user.id },
    checked.factor === "totp" ? "invalid_passcode" : "invalid_bypass_code",
    { ...detail, cause: checked.cause },
    getLockoutSettings,
    now,
  );
  return counted === "locked"
    ? { result: "deny", status: "locked_out", status_msg: LOCKED_NOW }
    : { result: "deny", status: "deny", status_msg: WRONG_PASSCODE };
}

/** Factors Portcullis has no device for are refused as Duo refuses a factor the user's devices lack. */
const OUT_OF_BAND = new Set(["push", "phone", "sms", "auto"]);

// ------------------------------------------------------------------ /auth/v2

type V2Handler = (app: ApiCredentialRecord, p: ParamReader, req: ApiRequest) => Promise<unknown>;

const V2: Record<string, { method: string; handler: V2Handler }> = {
  check: { method: "GET", handler: async () => ({ time: Math.floor(Date.now() / 1000) }) },
  preauth: { method: "POST", handler: (app, p, req) => preauthDecision(app, p, req, "username") },
  auth: {
    method: "POST",
    handler: async (app, p, req) => {
      const factor = p.required("factor");
      if (OUT_OF_BAND.has(factor)) throw invalidParameter("device");
      if (factor !== "passcode") throw invalidParameter("factor");
      const passcode = p.required("passcode");
      if (passcode.length > 64) throw invalidParameter("passcode");
      const outcome = await authDecision(app, p, req, "username", passcode);
      const asyncFlag = p.get("async");
      if (asyncFlag === "1" || asyncFlag === "true") return { txid: issueTxid(outcome, app.key, txKey()) };
      return outcome;
    },
  },
  auth_status: {
    method: "GET",
    handler: async (app, p) => {
      const outcome = readTxid(p.required("txid"), app.key, txKey());
      if (!outcome) throw invalidParameter("txid");
      return outcome;
    },
  },
};

async function logRefusal(app: ApiCredentialRecord | undefined, req: ApiRequest, err: DuoApiError) {
  if (!app) {
    console.warn(JSON.stringify({ at: "duo-api.auth", refused: true, path: req.path, status: err.status, ip: req.ip }));
    return;
  }
  await insertAuthLog({
    applicationId: app.id,
    applicationName: app.name,
    ip: req.ip,
    userAgent: req.userAgent,
    result: "FAILURE",
    reason: "api_request_refused",
    detail: { path: req.path, status: err.status, code: err.code, message: err.message },
  });
}

const toError = (e: unknown) => {
  if (e instanceof DuoApiError) return e;
  console.error(JSON.stringify({ at: "duo-api.auth", error: String(e) }));
  return internalError();
};

export async function handleAuthApiV2(req: ApiRequest): Promise<AuthApiResult> {
  const name = req.path.replace(/^\/auth\/v2\//, "");
  // /ping is the one unsigned endpoint.
  if (name === "ping") {
    if (req.method !== "GET") return { status: 405, envelope: fail(new DuoApiError(405, 40501, "Method not allowed")) };
    return { status: 200, envelope: ok({ time: Math.floor(Date.now() / 1000) }) };
  }
  let app: ApiCredentialRecord | undefined;
  try {
    const route = Object.hasOwn(V2, name) ? V2[name]! : null;
    const auth = await authenticate(req, "auth-api");
    app = auth.app;
    if (!route) throw notFound();
    if (route.method !== req.method) throw new DuoApiError(405, 40501, "Method not allowed");
    const response = await route.handler(app, new ParamReader(callParams(req)), req);
    return { status: 200, envelope: ok(response) };
  } catch (e) {
    const err = toError(e);
    if (err.status === 401) await logRefusal(app ?? refusedApplication(e), req, err);
    return { status: err.status, envelope: fail(err) };
  }
}

// ------------------------------------------------------------------ /rest/v1 (libduo 1.x, BSON)

/** What libduo prints before reading the passcode (it also offers no factor list: we have no push or phone). */
const promptFor = (username: string) =>
  `Duo login for ${username}\n\nEnter a passcode from your authenticator app or a bypass code.\n\nPasscode: `;

type V1Response = Record<string, unknown>;

const V1: Record<
  string,
  { method: string; handler: (app: ApiCredentialRecord, p: ParamReader, req: ApiRequest) => Promise<V1Response> }
> = {
  "preauth.bson": {
    method: "POST",
    handler: async (app, p, req) => {
      const a = await preauthDecision(app, p, req, "user");
      if (a.result === "auth") return { result: "auth", prompt: promptFor(p.required("user")), factors: {} };
      return { result: a.result, status: a.status_msg };
    },
  },
  "auth.bson": {
    method: "POST",
    handler: async (app, p, req) => {
      // libduo sends factor=auto with auto=<the option or passcode typed at the prompt>.
      const factor = p.required("factor");
      const typed = factor === "auto" ? p.required("auto") : factor === "passcode" ? p.required("passcode") : null;
      if (typed === null || OUT_OF_BAND.has(typed) || typed.length > 64) throw invalidParameter("factor");
      const outcome = await authDecision(app, p, req, "user", typed);
      if (p.get("async") === "1") return { txid: issueTxid(outcome, app.key, txKey()) };
      return { result: outcome.result, status: outcome.status_msg };
    },
  },
  "status.bson": {
    method: "GET",
    handler: async (app, p) => {
      const outcome = readTxid(p.required("txid"), app.key, txKey());
      if (!outcome) throw invalidParameter("txid");
      return { result: outcome.result, status: outcome.status_msg };
    },
  },
};

export async function handleLegacyRestV1(req: ApiRequest): Promise<AuthApiResult> {
  const name = req.path.replace(/^\/rest\/v1\//, "");
  let app: ApiCredentialRecord | undefined;
  try {
    const route = Object.hasOwn(V1, name) ? V1[name]! : null;
    const auth = await authenticate(req, "auth-api", { allowV1: true });
    app = auth.app;
    if (!route) throw notFound();
    if (route.method !== req.method) throw new DuoApiError(405, 40501, "Method not allowed");
    return { status: 200, envelope: ok(await route.handler(app, new ParamReader(callParams(req)), req)) };
  } catch (e) {
    const err = toError(e);
    if (err.status === 401) await logRefusal(app ?? refusedApplication(e), req, err);
    return { status: err.status, envelope: fail(err) };
  }
}
