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
      <SubmitButton className="w-full" pendingLabel="…">
        {submit}
      </SubmitButton>
    </form>
  );
}
