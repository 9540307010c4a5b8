// Hosted sign-in, first steps: identify the user (username, email or alias), then check
// the password against the built-in directory, the account status and the application's
// user access. Wrong username and wrong password give one message (no user enumeration).
// Every ending writes one Authentication Log row with a reason code.
import { verifyPassword } from "../crypto/password";
import { insertAuthLog } from "../db/auth-log";
import { findUserForLogin, recordUserLogin } from "../db/users";
import { checkAccess } from "./access";
import { loadLogin, saveLogin, type LoginTx } from "./transaction";

export type LoginContext = { ip?: string | null; userAgent?: string | null };
export type LoginApp = { id: string; name: string; userAccess: string; permittedGroupIds: string[] } | null;

export type StepOutcome =
  | { kind: "password" }
  | { kind: "error"; error: "invalid_credentials" | "expired" | "missing_identifier" | "missing_password" }
  | { kind: "denied"; reason: "user_disabled" | "locked_out" | "user_not_in_permitted_group" }
  | { kind: "done"; userId: string; factors: string[] };

export async function submitIdentifier(txId: string | undefined, identifier: string): Promise<StepOutcome> {
  const tx = await loadLogin(txId);
  if (!tx) return { kind: "error", error: "expired" };
  const id = identifier.trim().slice(0, 256);
  if (!id) return { kind: "error", error: "missing_identifier" };
  await saveLogin(tx.id, { state: "PASSWORD", data: { ...tx.parsed, identifier: id } });
  return { kind: "password" };
}

export async function submitPassword(tx: LoginTx, app: LoginApp, password: string, ctx: LoginContext): Promise<StepOutcome> {
  const identifier = tx.parsed.identifier;
  if (!identifier) return { kind: "error", error: "missing_identifier" };
  if (!password) return { kind: "error", error: "missing_password" };
  const user = await findUserForLogin(identifier);
  const ok = await verifyPassword(user?.passwordHash, password);
  const base = { applicationId: app?.id ?? null, applicationName: app?.name ?? null, ip: ctx.ip, userAgent: ctx.userAgent, factor: "password" };
  if (!user || !ok) {
    await insertAuthLog({ ...base, userId: user?.id ?? null, username: user?.username ?? identifier, result: "FAILURE", reason: user ? "invalid_password" : "unknown_user" });
    return { kind: "error", error: "invalid_credentials" };
  }
  const access = checkAccess(user, app);
  if (!access.allowed) {
    await insertAuthLog({ ...base, userId: user.id, username: user.username, result: "DENIED", reason: access.reason });
    return { kind: "denied", reason: access.reason };
  }
  // MFA and policy decisions slot in here (lib/policy, lib/mfa).
  await saveLogin(tx.id, { state: "DONE", userId: user.id, data: { ...tx.parsed, factors: ["pwd"] } });
  await recordUserLogin(user.id);
  await insertAuthLog({ ...base, userId: user.id, username: user.username, result: "SUCCESS", reason: "valid_password" });
  return { kind: "done", userId: user.id, factors: ["pwd"] };
}
