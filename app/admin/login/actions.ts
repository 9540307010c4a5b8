"use server";
import { unstable_rethrow } from "next/navigation";
import { isAppError } from "@/lib/errors";
import {
  PasscodeRefused,
  startAdminSignIn,
  verifyAdminPasscode,
  type SignInStep,
} from "@/lib/services/admin-auth/sign-in";
import { clientIp } from "@/app/_server/request";

export type StartSignInState = {
  error?: string;
  fieldErrors?: Record<string, string>;
  email?: string;
  next?: SignInStep;
} | null;

export async function startSignInAction(_prev: StartSignInState, fd: FormData): Promise<StartSignInState> {
  const email = String(fd.get("email") ?? "");
  try {
    const next = await startAdminSignIn({ email, password: String(fd.get("password") ?? "") }, await clientIp());
    return { next, email };
  } catch (e) {
    unstable_rethrow(e);
    if (isAppError(e) && e.expose)
      return { error: e.fieldErrors ? undefined : e.message, fieldErrors: e.fieldErrors, email };
    console.error("[admin sign-in] unexpected error", e);
    return { error: "Sign-in is unavailable right now. Try again in a moment.", email };
  }
}

export type PasscodeResult = { grant: string } | { error: string; ticket: string | null };

/** The passcode step: a single-use grant for the session, or the error and (when allowed) a fresh ticket. */
export async function verifyPasscodeAction(ticket: string, code: string): Promise<PasscodeResult> {
  try {
    return await verifyAdminPasscode({ ticket, code }, await clientIp());
  } catch (e) {
    unstable_rethrow(e);
    if (e instanceof PasscodeRefused) return { error: e.message, ticket: e.retryTicket };
    if (isAppError(e) && e.expose) return { error: e.message, ticket: null };
    console.error("[admin sign-in] unexpected error", e);
    return { error: "Sign-in is unavailable right now. Try again in a moment.", ticket: null };
  }
}
