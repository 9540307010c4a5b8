"use client";
import Link from "next/link";
import { createUserAction } from "@/app/(console)/admin/users/actions";
import { ActionForm, useEcho, useFormAction } from "@/components/ui/action-form";
import { ChoiceGroup, SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { buttonClass } from "@/components/ui/button";
import { MAX_ALIASES, SETTABLE_STATUSES, USER_STATUS_LABELS } from "@/lib/services/users/user-schema";

const statusOptions = SETTABLE_STATUSES.map((s) => ({ value: s, label: USER_STATUS_LABELS[s] }));

export function AddUserForm({ groups }: { groups: { id: string; name: string }[] }) {
  const form = useFormAction(createUserAction);
  return (
    <ActionForm form={form} className="grid max-w-2xl gap-5">
      <TextField
        label="Username"
        name="username"
        required
        autoComplete="off"
        defaultValue=""
        hint="Letters, digits and . _ - @ + ' (no spaces). Unique; case does not matter."
      />
      <div className="grid gap-5 sm:grid-cols-2">
        <TextField label="Full name" name="realName" autoComplete="off" defaultValue="" />
        <TextField label="Email" name="email" type="email" autoComplete="off" defaultValue="" />
      </div>
      <SelectField
        label="Status"
        name="status"
        options={statusOptions}
        defaultValue="ACTIVE"
        hint="Bypass: signs in without a second factor. Disabled: cannot sign in."
      />
      <TextAreaField
        label="Aliases"
        name="aliases"
        rows={3}
        defaultValue=""
        hint={`Other usernames this user can sign in with, one per line (up to ${MAX_ALIASES}). Unique across all users.`}
      />
      {groups.length > 0 && <GroupChoices groups={groups} />}
      <p className="text-sm text-slate-600">
        After adding the user, create a password reset link on the user&apos;s page so they can set their password.
      </p>
      <div className="flex items-center gap-3">
        <SubmitButton pendingLabel="Adding…">Add User</SubmitButton>
        <Link href="/admin/users" className={buttonClass("ghost")}>
          Cancel
        </Link>
      </div>
    </ActionForm>
  );
}

function GroupChoices({ groups }: { groups: { id: string; name: string }[] }) {
  const echo = useEcho();
  return (
    <ChoiceGroup legend="Groups" name="groupIds">
      <div className="grid max-h-56 gap-1.5 overflow-y-auto rounded-md border border-slate-200 p-3 sm:grid-cols-2">
        {groups.map((g) => (
          <label key={g.id} className="flex items-center gap-2 text-sm text-slate-800">
            <input
              type="checkbox"
              name="groupIds"
              value={g.id}
              defaultChecked={echo.checked("groupIds", g.id, false)}
              className="h-4 w-4 rounded border-slate-300 accent-emerald-700"
            />
            {g.name}
          </label>
        ))}
      </div>
    </ChoiceGroup>
  );
}
