"use server";
import { cookies } from "next/headers";
import { submitIdentifier, submitPassword, type StepOutcome } from "@/lib/login/password-step";
import { beginLogin, loadLogin, saveLogin, TX_TTL_MS } from "@/lib/login/transaction";
import { createSsoSession, SSO_TTL_MS } from "@/lib/login/session";
import { findLoginApplication } from "@/lib/services/sign-in/login-application";
import { cookieOptions, loginContext, SSO_COOKIE, TX_COOKIE } from "@/app/_server/sso";

/** `next`: where the browser goes after success — a full navigation, since /resume is a route handler that must run once. */
export type LoginState = { outcome: StepOutcome; identifier?: string; next?: string } | null;

export async function identifyAction(_prev: LoginState, fd: FormData): Promise<LoginState> {
  const jar = await cookies();
  let txId = jar.get(TX_COOKIE)?.value;
  if (!txId) {
    // Signing in to the portal, not to one application.
    txId = await beginLogin({ applicationId: null, requestId: null, acsUrl: null, acsBinding: null, relayState: null, forceAuthn: false }, await loginContext());
    jar.set(TX_COOKIE, txId, await cookieOptions(TX_TTL_MS));
  }
  const identifier = String(fd.get("identifier") ?? "");
  const outcome = await submitIdentifier(txId, identifier);
  return { outcome, identifier };
}

export async function passwordAction(_prev: LoginState, fd: FormData): Promise<LoginState> {
  const jar = await cookies();
  const tx = await loadLogin(jar.get(TX_COOKIE)?.value);
  if (!tx) return { outcome: { kind: "error", error: "expired" } };
  const app = await findLoginApplication(tx.applicationId);
  const outcome = await submitPassword(tx, app, String(fd.get("password") ?? ""), await loginContext());
  if (outcome.kind !== "done") return { outcome, identifier: tx.parsed.identifier };
  const session = await createSsoSession(outcome.userId, outcome.factors);
  jar.set(SSO_COOKIE, session.id, await cookieOptions(SSO_TTL_MS));
  if (app) return { outcome, next: `/saml2/idp/${encodeURIComponent(app.key)}/resume` };
  jar.delete(TX_COOKIE);
  return { outcome, next: "/sso/portal" };
}

export async function restartAction(): Promise<LoginState> {
  const jar = await cookies();
  const tx = await loadLogin(jar.get(TX_COOKIE)?.value);
  if (tx) await saveLogin(tx.id, { state: "IDENTIFY", data: {} });
  return null;
}
