"use client";
import { saveLockoutSettingsAction } from "@/app/(console)/admin/settings/lockout/actions";
import { ActionForm, FormStatus, useFormAction } from "@/components/ui/action-form";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

export function LockoutSettingsForm({
  initial,
  readOnly,
}: {
  initial: { lockoutThreshold: number; autoUnlockMinutes: number | null };
  readOnly: boolean;
}) {
  const form = useFormAction(saveLockoutSettingsAction);
  return (
    <ActionForm form={form} className="max-w-xl space-y-4">
      <TextField
        label="Lock out after failed attempts"
        name="lockoutThreshold"
        inputMode="numeric"
        defaultValue={String(initial.lockoutThreshold)}
        required
        disabled={readOnly}
        hint="Consecutive failed passwords or second factors before the user is Locked Out (1-100, default 10)."
      />
      <TextField
        label="Unlock automatically after (minutes)"
        name="autoUnlockMinutes"
        inputMode="numeric"
        defaultValue={initial.autoUnlockMinutes === null ? "" : String(initial.autoUnlockMinutes)}
        disabled={readOnly}
        hint="Leave empty so that only an administrator can unlock a user (Users > user > Unlock)."
      />
      {readOnly ? (
        <p className="text-sm text-slate-600">Your role can view these settings but not change them.</p>
      ) : (
        <SubmitButton>Save</SubmitButton>
      )}
      <FormStatus form={form} />
    </ActionForm>
  );
}
