"use client";
import { useState } from "react";
import { ROLES, ROLE_DESCRIPTIONS, ROLE_LABELS, type Role } from "@/lib/authz";
import {
  addAdministratorAction,
  changeRoleAction,
  removeAdministratorAction,
  unlockAdministratorAction,
} from "@/app/(console)/admin/administrators/actions";
import { ActionForm, FormStatus, useEcho, useFormAction, useFormField } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { SelectField, TextField, inputClass } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

const roleOptions = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

export function AddAdministratorForm() {
  const form = useFormAction(addAdministratorAction);
  return (
    <ActionForm form={form} className="grid max-w-2xl gap-4 sm:grid-cols-2" summaryClassName="sm:col-span-2">
      <TextField label="Name" name="name" autoComplete="off" required defaultValue="" />
      <TextField label="Email" name="email" type="email" autoComplete="off" required defaultValue="" />
      <RoleField />
      <TextField
        label="Initial password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 12 characters. Share it with them privately."
      />
      <div className="flex items-center gap-3 sm:col-span-2">
        <SubmitButton pendingLabel="Adding…">Add administrator</SubmitButton>
      </div>
      <FormStatus form={form} className="sm:col-span-2" />
    </ActionForm>
  );
}

/** The role select; its hint describes the role chosen now. */
function RoleField() {
  const echo = useEcho();
  const [role, setRole] = useState<Role>(echo.text("role", "READ_ONLY") as Role);
  return (
    <SelectField
      label="Role"
      name="role"
      options={roleOptions}
      value={role}
      onChange={(e) => setRole(e.target.value as Role)}
      hint={ROLE_DESCRIPTIONS[role] ?? ""}
    />
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
  const roleForm = useFormAction(changeRoleAction);
  const removeForm = useFormAction(removeAdministratorAction);
  const unlockForm = useFormAction(unlockAdministratorAction);
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="flex flex-col items-end gap-1.5">
      {locked && (
        <ActionForm
          form={unlockForm}
          className="flex flex-wrap items-center justify-end gap-2"
          summaryClassName="basis-full"
        >
          <input type="hidden" name="adminId" value={adminId} />
          <SubmitButton className="py-1.5" pendingLabel="Unlocking…" aria-label={`Unlock ${email}`}>
            Unlock
          </SubmitButton>
        </ActionForm>
      )}
      <ActionForm
        form={roleForm}
        className="flex flex-wrap items-center justify-end gap-2"
        summaryClassName="basis-full"
      >
        <input type="hidden" name="adminId" value={adminId} />
        <RoleSelect adminId={adminId} email={email} role={role} />
        <SubmitButton
          variant="secondary"
          className="py-1.5 whitespace-nowrap"
          pendingLabel="Saving…"
          aria-label={`Change role for ${email}`}
        >
          Change role
        </SubmitButton>
        <FormStatus form={roleForm} className="basis-full py-1.5" />
      </ActionForm>
      {confirming ? (
        <ActionForm
          form={removeForm}
          className="flex flex-wrap items-center justify-end gap-2"
          summaryClassName="basis-full"
        >
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
        </ActionForm>
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
    </div>
  );
}

function RoleSelect({ adminId, email, role }: { adminId: string; email: string; role: Role }) {
  const { id, error, submitted } = useFormField("role");
  return (
    <>
      <label className="sr-only" htmlFor={id}>
        Role for {email}
      </label>
      <select
        id={id}
        name="role"
        defaultValue={submitted?.[0] ?? role}
        aria-invalid={!!error}
        data-admin={adminId}
        className={`${inputClass} w-auto min-w-[9.5rem] py-1.5`}
      >
        {roleOptions.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </>
  );
}
