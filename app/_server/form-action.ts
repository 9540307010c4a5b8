// Server actions return a FormState (components/ui/form-state.ts); AppErrors become messages
// beside fields, anything else a generic error (the cause goes to the server log).
//
// The one place that decides what a form shows after a submission:
// - success: the current page is refreshed in the same response (next/cache refresh()), so the
//   form, mounted again by components/ui/action-form.tsx, shows the stored values;
// - failure: every non-secret field's submitted values come back (for a page rendered without
//   JavaScript; with it the browser keeps the fields as they were, because ActionForm submits
//   without React's form reset).
import { refresh } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import { isAppError } from "@/lib/errors";
import { NO_CHANGES_MESSAGE, type FormState, type FormValues } from "@/components/ui/form-state";

const SECRET_FIELD = /password|secret|code|key|token|confirm/i;

/** What a use case run by runFormAction may return: a message, or a message and whether it changed anything. */
export type FormResult = string | void | { message?: string; unchanged?: boolean };

/** The result of a save: "Saved." (or `message`) when it changed something, else "No changes to save.". */
export function savedResult(changed: boolean, message = "Saved."): FormResult {
  return changed ? { message } : { message: NO_CHANGES_MESSAGE, unchanged: true };
}

/** Runs a use case for a form; on failure echoes the non-secret fields of `fd` back. */
export async function runFormAction(fn: () => Promise<FormResult>, fd?: FormData): Promise<FormState> {
  try {
    const result = await fn();
    const r = typeof result === "string" ? { message: result } : (result ?? {});
    refresh();
    return { ok: true, message: r.message ?? "Saved.", ...(r.unchanged ? { unchanged: true } : {}) };
  } catch (e) {
    unstable_rethrow(e); // redirect() and notFound() pass through
    const values = fd ? submittedValues(fd) : undefined;
    if (isAppError(e) && e.expose) return { ok: false, message: e.message, fieldErrors: e.fieldErrors, values };
    console.error("[action] unexpected error", e);
    return { ok: false, message: "Something went wrong. Nothing was changed; try again.", values };
  }
}

/** Every value of every non-secret text field of a submitted form (files and React's own fields left out). */
export function submittedValues(fd: FormData): FormValues {
  const out: FormValues = {};
  for (const [k, v] of fd.entries()) {
    if (typeof v !== "string" || k.startsWith("$ACTION") || SECRET_FIELD.test(k)) continue;
    (out[k] ??= []).push(v);
  }
  return out;
}

/** The last value of each field, for actions that read a form as an object. */
export function formObject(fd: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of fd.entries()) if (typeof v === "string" && !k.startsWith("$ACTION")) out[k] = v;
  return out;
}
