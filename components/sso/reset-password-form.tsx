"use client";
import { useActionState } from "react";
import { resetPasswordAction } from "@/app/(login)/sso/reset/[token]/actions";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { buttonClass } from "@/components/ui/button";

export type ResetFormMessages = {
  password: string;
  confirm: string;
  hint: string;
  submit: string;
  pending: string;
  doneTitle: string;
  doneBody: string;
  donePortal: string;
  invalidTitle: string;
  invalidBody: string;
  errors: Record<string, string>;
};

/** New password + confirmation; on success the card becomes the confirmation. */
export function ResetPasswordForm({ token, username, m }: { token: string; username: string; m: ResetFormMessages }) {
  const [state, action] = useActionState(resetPasswordAction, null);
  if (state?.ok) {
    return (
      <div role="status" className="space-y-4">
        <h2 className="text-lg font-semibold text-slate-900">{m.doneTitle}</h2>
        <p className="text-sm text-slate-700">{m.doneBody}</p>
        <a href="/sso/portal" className={buttonClass("primary", "w-full")}>
          {m.donePortal}
        </a>
      </div>
    );
  }
  if (state && !state.ok && state.error === "invalid_link") {
    return (
      <div role="alert" className="space-y-2">
        <h2 className="text-lg font-semibold text-slate-900">{m.invalidTitle}</h2>
        <p className="text-sm text-slate-700">{m.invalidBody}</p>
      </div>
    );
  }
  const error = state && !state.ok ? (m.errors[state.error] ?? m.errors.generic) : undefined;
  const field = state && !state.ok ? (state.field ?? "password") : undefined;
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      {/* Lets password managers file the new password under the right account. */}
      <input type="text" name="username" value={username} autoComplete="username" readOnly hidden />
      <TextField
        label={m.password}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        error={field === "password" ? error : undefined}
        hint={m.hint}
        autoFocus
      />
      <TextField
        label={m.confirm}
        name="confirm"
        type="password"
        autoComplete="new-password"
        required
        error={field === "confirm" ? error : undefined}
      />
      <SubmitButton className="w-full" pendingLabel={m.pending}>
        {m.submit}
      </SubmitButton>
    </form>
  );
}
