"use client";
import { useActionState, useState } from "react";
import { ROLES, ROLE_DESCRIPTIONS, ROLE_LABELS, type Role } from "@/lib/authz";
import {
  addAdministratorAction,
  changeRoleAction,
  removeAdministratorAction,
  unlockAdministratorAction,
} from "@/app/(console)/admin/administrators/actions";
import { FormMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField, TextField, inputClass } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

const roleOptions = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

export function AddAdministratorForm() {
  const [state, action] = useActionState(addAdministratorAction, null);
  const [role, setRole] = useState<Role>("READ_ONLY");
  const fe = state?.fieldErrors ?? {};
  const v = state?.values ?? {};
  return (
    <form action={action} className="grid max-w-2xl gap-4 sm:grid-cols-2" noValidate>
      <TextField label="Name" name="name" autoComplete="off" required error={fe.name} defaultValue={v.name} />
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="off"
        required
        error={fe.email}
        defaultValue={v.email}
      />
      <SelectField
        label="Role"
        name="role"
        options={roleOptions}
        value={role}
        onChange={(e) => setRole(e.target.value as Role)}
        error={fe.role}
        hint={ROLE_DESCRIPTIONS[role]}
      />
      <TextField
        label="Initial password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        error={fe.password}
        hint="At least 12 characters. Share it with them privately."
      />
      <div className="flex items-center gap-3 sm:col-span-2">
        <SubmitButton pendingLabel="Adding…">Add administrator</SubmitButton>
      </div>
      <div className="sm:col-span-2">
        <FormMessage state={state} />
      </div>
    </form>
  );
}

export function AdministratorRowActions({
  adminId,
  email,
  role,
  locked = false,
}: {
  adminId: string;
  email: string;
  role: Role;
  locked?: boolean;
}) {
  const [roleState, roleAction] = useActionState(changeRoleAction, null);
  const [removeState, removeAction] = useActionState(removeAdministratorAction, null);
  const [unlockState, unlockAction] = useActionState(unlockAdministratorAction, null);
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="flex flex-col items-end gap-1.5">
      {locked && (
        <form action={unlockAction}>
          <input type="hidden" name="adminId" value={adminId} />
          <SubmitButton className="py-1.5" pendingLabel="Unlocking…" aria-label={`Unlock ${email}`}>
            Unlock
          </SubmitButton>
        </form>
      )}
      <form action={roleAction} className="flex items-center gap-2">
        <input type="hidden" name="adminId" value={adminId} />
        <label className="sr-only" htmlFor={`role-${adminId}`}>
          Role for {email}
        </label>
        <select
          id={`role-${adminId}`}
          name="role"
          defaultValue={role}
          className={`${inputClass} w-auto min-w-[9.5rem] py-1.5`}
        >
          {roleOptions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <SubmitButton
          variant="secondary"
          className="py-1.5 whitespace-nowrap"
          pendingLabel="Saving…"
          aria-label={`Change role for ${email}`}
        >
          Change role
        </SubmitButton>
      </form>
      {confirming ? (
        <form action={removeAction} className="flex items-center gap-2">
          <input type="hidden" name="adminId" value={adminId} />
          <SubmitButton
            variant="danger"
            className="py-1.5"
            pendingLabel="Removing…"
            aria-label={`Confirm removing ${email}`}
          >
            Confirm remove
          </SubmitButton>
          <Button variant="ghost" className="py-1.5" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
        </form>
      ) : (
        <Button
          variant="ghost"
          className="py-1.5 text-red-700"
          onClick={() => setConfirming(true)}
          aria-label={`Remove ${email}`}
        >
          Remove
        </Button>
      )}
      {roleState?.message && !roleState.ok && <FormMessage state={roleState} />}
      {removeState?.message && !removeState.ok && <FormMessage state={removeState} />}
      {unlockState?.message && !unlockState.ok && <FormMessage state={unlockState} />}
    </div>
  );
}
