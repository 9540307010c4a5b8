"use client";
import { useActionState } from "react";
import Link from "next/link";
import { createUserAction } from "@/app/(console)/admin/users/actions";
import { FormMessage } from "@/components/ui/alert";
import { SelectField, TextAreaField, TextField, FieldShell } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { buttonClass } from "@/components/ui/button";
import { MAX_ALIASES, SETTABLE_STATUSES, USER_STATUS_LABELS } from "@/lib/services/users/user-schema";

const statusOptions = SETTABLE_STATUSES.map((s) => ({ value: s, label: USER_STATUS_LABELS[s] }));

export function AddUserForm({ groups }: { groups: { id: string; name: string }[] }) {
  const [state, action] = useActionState(createUserAction, null);
  const fe = state?.fieldErrors ?? {};
  const v = state?.values ?? {};
  return (
    <form action={action} className="grid max-w-2xl gap-5" noValidate>
      <TextField
        label="Username"
        name="username"
        required
        autoComplete="off"
        error={fe.username}
        defaultValue={v.username}
        hint="Letters, digits and . _ - @ + ' (no spaces). Unique; case does not matter."
      />
      <div className="grid gap-5 sm:grid-cols-2">
        <TextField label="Full name" name="realName" autoComplete="off" error={fe.realName} defaultValue={v.realName} />
        <TextField label="Email" name="email" type="email" autoComplete="off" error={fe.email} defaultValue={v.email} />
      </div>
      <SelectField
        label="Status"
        name="status"
        options={statusOptions}
        defaultValue={v.status ?? "ACTIVE"}
        error={fe.status}
        hint="Bypass: signs in without a second factor. Disabled: cannot sign in."
      />
      <TextAreaField
        label="Aliases"
        name="aliases"
        rows={3}
        error={fe.aliases}
        defaultValue={v.aliases}
        hint={`Other usernames this user can sign in with, one per line (up to ${MAX_ALIASES}). Unique across all users.`}
      />
      {groups.length > 0 && (
        <FieldShell label="Groups" error={fe.groupIds}>
          {({ id, describedBy }) => (
            <fieldset
              id={id}
              aria-describedby={describedBy}
              className="grid max-h-56 gap-1.5 overflow-y-auto rounded-md border border-slate-200 p-3 sm:grid-cols-2"
            >
              <legend className="sr-only">Groups</legend>
              {groups.map((g) => (
                <label key={g.id} className="flex items-center gap-2 text-sm text-slate-800">
                  <input
                    type="checkbox"
                    name="groupIds"
                    value={g.id}
                    className="h-4 w-4 rounded border-slate-300 accent-emerald-700"
                  />
                  {g.name}
                </label>
              ))}
            </fieldset>
          )}
        </FieldShell>
      )}
      <p className="text-sm text-slate-600">
        After adding the user, create a password reset link on the user&apos;s page so they can set their password.
      </p>
      <div className="flex items-center gap-3">
        <SubmitButton pendingLabel="Adding…">Add User</SubmitButton>
        <Link href="/admin/users" className={buttonClass("ghost")}>
          Cancel
        </Link>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
