"use client";
// A plain HTML form posting one code to a route handler: works without JavaScript.
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

export function CodeForm({
  action,
  name,
  label,
  hint,
  submit,
  error,
  autoFocus,
  oneTimeCode,
  hidden,
  remember,
}: {
  action: string;
  name: string;
  label: string;
  hint?: string;
  submit: string;
  error?: string;
  autoFocus?: boolean;
  oneTimeCode?: boolean;
  /** Hidden fields sent along (e.g. the portal's sealed enrollment state). */
  hidden?: Record<string, string>;
  /** Label of a "Remember me for N hours" checkbox (field `remember`), when the policy offers it. */
  remember?: string;
}) {
  return (
    <form method="post" action={action} className="space-y-4" noValidate>
      {Object.entries(hidden ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <TextField
        label={label}
        name={name}
        hint={hint}
        error={error}
        inputMode="numeric"
        autoComplete={oneTimeCode ? "one-time-code" : "off"}
        autoFocus={autoFocus}
        required
        maxLength={24}
      />
      {remember && (
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            name="remember"
            value="on"
            className="h-4 w-4 rounded border-slate-300 text-emerald-700 focus:ring-emerald-600"
          />
          {remember}
        </label>
      )}
      <SubmitButton className="w-full" pendingLabel="…">
        {submit}
      </SubmitButton>
    </form>
  );
}
