"use server";
import {
  identify,
  restartLogin,
  SSO_COOKIE,
  SSO_TTL_MS,
  TX_COOKIE,
  TX_TTL_MS,
  verifyPassword,
  type StepOutcome,
} from "@/lib/services/sign-in/hosted-login";
import { loginContext } from "@/app/_server/sso";
import { deleteCookie, readCookie, setCookie } from "@/app/_server/cookies";

/** `next`: where the browser goes after success — a full navigation, since /resume is a route handler that must run once. */
export type LoginState = { outcome: StepOutcome; identifier?: string; next?: string } | null;

export async function identifyAction(_prev: LoginState, fd: FormData): Promise<LoginState> {
  const identifier = String(fd.get("identifier") ?? "");
  const { outcome, newTxId } = await identify(await readCookie(TX_COOKIE), identifier, await loginContext());
  if (newTxId) await setCookie(TX_COOKIE, newTxId, "sign-in", { maxAgeMs: TX_TTL_MS });
  // An authentication source: the browser goes to the upstream identity provider.
  return { outcome, identifier, ...(outcome.kind === "upstream" && { next: outcome.url }) };
}

export async function passwordAction(_prev: LoginState, fd: FormData): Promise<LoginState> {
  const r = await verifyPassword(await readCookie(TX_COOKIE), String(fd.get("password") ?? ""), await loginContext());
  if (r.session) await setCookie(SSO_COOKIE, r.session.token, "sign-in", { maxAgeMs: SSO_TTL_MS });
  if (r.clearTransaction) await deleteCookie(TX_COOKIE);
  return { outcome: r.outcome, identifier: r.identifier, next: r.next };
}

export async function restartAction(): Promise<LoginState> {
  await restartLogin(await readCookie(TX_COOKIE));
  return null;
}
