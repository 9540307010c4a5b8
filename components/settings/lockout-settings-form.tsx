"use client";
import { useActionState } from "react";
import { saveLockoutSettingsAction } from "@/app/(console)/admin/settings/lockout/actions";
import { FormMessage } from "@/components/ui/alert";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

export function LockoutSettingsForm({
  initial,
  readOnly,
}: {
  initial: { lockoutThreshold: number; autoUnlockMinutes: number | null };
  readOnly: boolean;
}) {
  const [state, action] = useActionState(saveLockoutSettingsAction, null);
  const fe = state?.fieldErrors ?? {};
  const v = {
    lockoutThreshold: String(initial.lockoutThreshold),
    autoUnlockMinutes: initial.autoUnlockMinutes === null ? "" : String(initial.autoUnlockMinutes),
    ...state?.values,
  };
  return (
    <form action={action} className="max-w-xl space-y-4" noValidate>
      <TextField
        label="Lock out after failed attempts"
        name="lockoutThreshold"
        inputMode="numeric"
        defaultValue={v.lockoutThreshold}
        required
        disabled={readOnly}
        error={fe.lockoutThreshold}
        hint="Consecutive failed passwords or second factors before the user is Locked Out (1-100, default 10)."
      />
      <TextField
        label="Unlock automatically after (minutes)"
        name="autoUnlockMinutes"
        inputMode="numeric"
        defaultValue={v.autoUnlockMinutes}
        disabled={readOnly}
        error={fe.autoUnlockMinutes}
        hint="Leave empty so that only an administrator can unlock a user (Users > user > Unlock)."
      />
      {readOnly ? (
        <p className="text-sm text-slate-600">Your role can view these settings but not change them.</p>
      ) : (
        <SubmitButton>Save</SubmitButton>
      )}
      <FormMessage state={state} />
    </form>
  );
}
