"use client";
import { useActionState } from "react";
import { createOwnerAction } from "@/app/admin/setup/actions";
import { FormMessage } from "@/components/ui/alert";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

export function SetupForm() {
  const [state, action] = useActionState(createOwnerAction, null);
  const fe = state?.fieldErrors ?? {};
  const v = state?.values ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      <TextField
        label="Setup code"
        name="setupCode"
        autoComplete="off"
        spellCheck={false}
        required
        autoFocus
        className="font-mono tracking-wider uppercase"
        error={fe.setupCode}
        hint="Printed in the server's log when Portcullis starts without an administrator (like ABCD-EFGH-JKMN)."
      />
      <TextField label="Your name" name="name" autoComplete="name" required error={fe.name} defaultValue={v.name} />
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="username"
        required
        error={fe.email}
        defaultValue={v.email}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        error={fe.password}
        hint="At least 12 characters."
      />
      <TextField
        label="Confirm password"
        name="confirm"
        type="password"
        autoComplete="new-password"
        required
        error={fe.confirm}
      />
      <p className="text-sm text-slate-600">
        After this you sign in and enroll an authenticator app: administrators always use two factors.
      </p>
      <SubmitButton className="w-full" pendingLabel="Creating…">
        Create Owner
      </SubmitButton>
      {!state?.fieldErrors && <FormMessage state={state} />}
    </form>
  );
}
