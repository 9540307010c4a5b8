"use server";
import { cookies } from "next/headers";
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
import { cookieOptions, loginContext } from "@/app/_server/sso";

/** `next`: where the browser goes after success — a full navigation, since /resume is a route handler that must run once. */
export type LoginState = { outcome: StepOutcome; identifier?: string; next?: string } | null;

export async function identifyAction(_prev: LoginState, fd: FormData): Promise<LoginState> {
  const jar = await cookies();
  const identifier = String(fd.get("identifier") ?? "");
  const { outcome, newTxId } = await identify(jar.get(TX_COOKIE)?.value, identifier, await loginContext());
  if (newTxId) jar.set(TX_COOKIE, newTxId, await cookieOptions(TX_TTL_MS));
  return { outcome, identifier };
}

export async function passwordAction(_prev: LoginState, fd: FormData): Promise<LoginState> {
  const jar = await cookies();
  const r = await verifyPassword(jar.get(TX_COOKIE)?.value, String(fd.get("password") ?? ""), await loginContext());
  if (r.session) jar.set(SSO_COOKIE, r.session.token, await cookieOptions(SSO_TTL_MS));
  if (r.clearTransaction) jar.delete(TX_COOKIE);
  return { outcome: r.outcome, identifier: r.identifier, next: r.next };
}

export async function restartAction(): Promise<LoginState> {
  await restartLogin((await cookies()).get(TX_COOKIE)?.value);
  return null;
}
