// Server actions return a FormState; AppErrors become messages beside fields, anything
// else a generic error (the cause goes to the server log).
import { unstable_rethrow } from "next/navigation";
import { isAppError } from "@/lib/errors";
import type { FormState } from "@/components/ui/form-state";

const SECRET_FIELD = /password|secret|code|key|token|confirm/i;

/** Runs a use case for a form; on failure echoes the non-secret fields of `fd` back. */
export async function runFormAction(fn: () => Promise<string | void>, fd?: FormData): Promise<FormState> {
  const values = fd
    ? Object.fromEntries(Object.entries(formObject(fd)).filter(([k]) => !SECRET_FIELD.test(k)))
    : undefined;
  try {
    const message = await fn();
    return { ok: true, message: message ?? "Saved." };
  } catch (e) {
    unstable_rethrow(e); // redirect() and notFound() pass through
    if (isAppError(e) && e.expose) return { ok: false, message: e.message, fieldErrors: e.fieldErrors, values };
    console.error("[action] unexpected error", e);
    return { ok: false, message: "Something went wrong. Nothing was changed; try again.", values };
  }
}

export function formObject(fd: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of fd.entries()) if (typeof v === "string" && !k.startsWith("$ACTION")) out[k] = v;
  return out;
}
