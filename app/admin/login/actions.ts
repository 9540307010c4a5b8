"use server";
import { unstable_rethrow } from "next/navigation";
import { isAppError } from "@/lib/errors";
import { startAdminSignIn, type SignInStep } from "@/lib/services/admin-auth/sign-in";
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
