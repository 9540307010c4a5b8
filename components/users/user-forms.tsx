"use client";
// The forms of the user page (Users > user). Each is shown only to roles that may use it;
// the services check again.
import { useState } from "react";
import {
  addToGroupAction,
  createResetLinkAction,
  deleteUserAction,
  generateBypassCodesAction,
  removeAuthenticatorAction,
  removeBypassCodeAction,
  removeFromGroupAction,
  unlockUserAction,
  updateUserAction,
} from "@/app/(console)/admin/users/actions";
import { Alert } from "@/components/ui/alert";
import { ActionForm, FormStatus, useEcho, useFormAction } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { dateTimeFmt } from "./user-status";
import { MAX_ALIASES, SETTABLE_STATUSES, USER_STATUS_LABELS } from "@/lib/services/users/user-schema";

export type ProfileValues = {
  id: string;
  username: string;
  email: string | null;
  realName: string | null;
  status: string;
  aliases: string[];
};

export function ProfileForm({ user }: { user: ProfileValues }) {
  const form = useFormAction(updateUserAction);
  const locked = user.status === "LOCKED_OUT";
  const statuses = locked ? (["LOCKED_OUT", ...SETTABLE_STATUSES] as const) : SETTABLE_STATUSES;
  return (
    <ActionForm form={form} className="grid gap-5">
      <input type="hidden" name="id" value={user.id} />
      <div className="grid gap-5 sm:grid-cols-2">
        <TextField label="Full name" name="realName" autoComplete="off" defaultValue={user.realName ?? ""} />
        <TextField label="Email" name="email" type="email" autoComplete="off" defaultValue={user.email ?? ""} />
      </div>
      <SelectField
        label="Status"
        name="status"
        options={statuses.map((s) => ({ value: s, label: USER_STATUS_LABELS[s] }))}
        defaultValue={user.status}
        hint="Active: policy decides about 2FA. Bypass: no second factor. Disabled: cannot sign in."
      />
      <TextAreaField
        label="Aliases"
        name="aliases"
        rows={3}
        defaultValue={user.aliases.join("\n")}
        hint={`Other usernames for signing in, one per line (up to ${MAX_ALIASES}). Unique across all users.`}
      />
      <div className="flex items-center gap-3">
        <SubmitButton pendingLabel="Saving…">Save Changes</SubmitButton>
      </div>
      <FormStatus form={form} />
    </ActionForm>
  );
}

export function UnlockButton({ userId }: { userId: string }) {
  const form = useFormAction(unlockUserAction);
  return (
    <ActionForm form={form} className="flex flex-wrap items-center gap-3" summaryClassName="basis-full">
      <input type="hidden" name="id" value={userId} />
      <SubmitButton pendingLabel="Unlocking…">Unlock</SubmitButton>
    </ActionForm>
  );
}

export function GroupMemberships({
  userId,
  groups,
  allGroups,
  canManage,
}: {
  userId: string;
  groups: { id: string; name: string; status: string }[];
  allGroups: { id: string; name: string }[];
  canManage: boolean;
}) {
  const add = useFormAction(addToGroupAction);
  const available = allGroups.filter((g) => !groups.some((m) => m.id === g.id));
  return (
    <div className="space-y-4">
      {groups.length === 0 ? (
        <p className="text-sm text-slate-600">Not in any group.</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-md border border-slate-200" aria-label="Groups of this user">
          {groups.map((g) => (
            <li key={g.id} className="flex items-center justify-between gap-3 px-3 py-2 text-sm">
              <span>
                <span data-testid="user-group">{g.name}</span>
                {g.status !== "ACTIVE" && (
                  <span className="ml-2 text-xs text-slate-600">
                    (group status: {USER_STATUS_LABELS[g.status as "ACTIVE"] ?? g.status})
                  </span>
                )}
              </span>
              {canManage && <RemoveFromGroupButton userId={userId} group={g} />}
            </li>
          ))}
        </ul>
      )}
      {canManage && available.length > 0 && (
        <ActionForm form={add} className="flex flex-wrap items-end gap-2" summaryClassName="basis-full">
          <input type="hidden" name="id" value={userId} />
          <div className="min-w-[14rem] flex-1">
            <SelectField
              label="Add to group"
              name="groupId"
              defaultValue=""
              options={[
                { value: "", label: "Choose a group…" },
                ...available.map((g) => ({ value: g.id, label: g.name })),
              ]}
            />
          </div>
          <SubmitButton variant="secondary" pendingLabel="Adding…">
            Add
          </SubmitButton>
          <FormStatus form={add} className="basis-full" />
        </ActionForm>
      )}
      {/* The user is now in every group: the form is gone, its confirmation stays. */}
      {canManage && available.length === 0 && <FormStatus form={add} />}
    </div>
  );
}

function RemoveFromGroupButton({ userId, group }: { userId: string; group: { id: string; name: string } }) {
  const form = useFormAction(removeFromGroupAction);
  return (
    <ActionForm form={form} className="flex flex-col items-end gap-1">
      <input type="hidden" name="id" value={userId} />
      <input type="hidden" name="groupId" value={group.id} />
      <SubmitButton
        variant="ghost"
        className="py-1 text-red-700"
        pendingLabel="Removing…"
        aria-label={`Remove from ${group.name}`}
      >
        Remove
      </SubmitButton>
    </ActionForm>
  );
}

export function RemoveAuthenticatorButton({
  userId,
  authenticatorId,
  name,
}: {
  userId: string;
  authenticatorId: string;
  name: string;
}) {
  const form = useFormAction(removeAuthenticatorAction);
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <Button
        variant="ghost"
        className="py-1 text-red-700"
        onClick={() => setConfirming(true)}
        aria-label={`Remove ${name}`}
      >
        Remove
      </Button>
    );
  }
  return (
    <ActionForm form={form} className="flex flex-wrap items-center justify-end gap-2" summaryClassName="basis-full">
      <input type="hidden" name="id" value={userId} />
      <input type="hidden" name="authenticatorId" value={authenticatorId} />
      <SubmitButton variant="danger" className="py-1" pendingLabel="Removing…" aria-label={`Confirm removing ${name}`}>
        Confirm remove
      </SubmitButton>
      <Button variant="ghost" className="py-1" onClick={() => setConfirming(false)}>
        Cancel
      </Button>
    </ActionForm>
  );
}

export function DeleteBypassCodeButton({ userId, codeId }: { userId: string; codeId: string }) {
  const form = useFormAction(removeBypassCodeAction);
  return (
    <ActionForm form={form}>
      <input type="hidden" name="id" value={userId} />
      <input type="hidden" name="codeId" value={codeId} />
      <SubmitButton variant="ghost" className="py-1 text-red-700" pendingLabel="Deleting…">
        Delete
      </SubmitButton>
    </ActionForm>
  );
}

const EXPIRY_OPTIONS = [
  { value: "", label: "Never" },
  { value: "60", label: "1 hour" },
  { value: "480", label: "8 hours" },
  { value: "1440", label: "1 day" },
  { value: "10080", label: "7 days" },
  { value: "43200", label: "30 days" },
];

/** `max`: MAX_LIVE_BYPASS_CODES, passed in (lib/mfa/bypass-codes pulls argon2, a server-only module). */
export function GenerateBypassCodesForm({ userId, live, max }: { userId: string; live: number; max: number }) {
  const form = useFormAction(generateBypassCodesAction);
  const state = form.state;
  const codes = state?.ok ? state.codes : undefined;
  return (
    <div className="space-y-4">
      {codes && (
        <Alert tone="warning" title="Copy these bypass codes now: they will not be shown again">
          <ul
            className="mt-2 grid gap-1 font-mono text-base tracking-wider sm:grid-cols-2"
            aria-label="New bypass codes"
            data-testid="bypass-codes"
          >
            {codes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
          <p className="mt-2">
            {state?.reuseCount === null
              ? "Each code can be used any number of times"
              : `Each code can be used ${state?.reuseCount === 1 ? "once" : `${state?.reuseCount} times`}`}
            {state?.expiresAt
              ? `, until ${dateTimeFmt.format(new Date(state.expiresAt))} UTC.`
              : ", and does not expire."}
          </p>
          <div className="mt-3 [&>div]:sm:grid-cols-[6rem_1fr]">
            <CopyField label="All codes" value={codes.join(" ")} />
          </div>
        </Alert>
      )}
      <ActionForm form={form} className="grid gap-4 sm:grid-cols-3" summaryClassName="sm:col-span-3">
        <input type="hidden" name="id" value={userId} />
        <BypassCodeFields live={live} max={max} />
      </ActionForm>
    </div>
  );
}

function BypassCodeFields({ live, max }: { live: number; max: number }) {
  const echo = useEcho();
  const [unlimited, setUnlimited] = useState(echo.checked("unlimited", "on", false));
  return (
    <>
      <TextField
        label="Number of codes"
        name="count"
        type="number"
        min={1}
        max={max}
        inputMode="numeric"
        defaultValue="1"
        hint={`1 to ${max}; ${live} unused now.`}
      />
      <div className="space-y-2">
        <TextField
          label="Uses per code"
          name="reuseCount"
          type="number"
          min={1}
          max={100}
          inputMode="numeric"
          defaultValue="1"
          disabled={unlimited}
        />
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            name="unlimited"
            checked={unlimited}
            onChange={(e) => setUnlimited(e.target.checked)}
            className="h-4 w-4 accent-emerald-700"
          />
          Unlimited uses (must expire)
        </label>
      </div>
      <SelectField label="Expires after" name="expiresInMinutes" options={EXPIRY_OPTIONS} defaultValue="" />
      <div className="flex items-center gap-3 sm:col-span-3">
        <SubmitButton variant="secondary" pendingLabel="Generating…">
          Generate Bypass Codes
        </SubmitButton>
      </div>
    </>
  );
}

export function ResetLinkForm({ userId }: { userId: string }) {
  const form = useFormAction(createResetLinkAction);
  const state = form.state;
  return (
    <div className="space-y-3">
      <ActionForm form={form} className="space-y-3">
        <input type="hidden" name="id" value={userId} />
        <SubmitButton variant="secondary" pendingLabel="Creating…">
          {state?.url ? "Create a new link" : "Create Password Reset Link"}
        </SubmitButton>
      </ActionForm>
      {state?.url && (
        <div className="space-y-2" data-testid="reset-link">
          <CopyField label="Password reset link" value={state.url} />
          <p className="text-sm text-slate-600" role="status">
            {state.message} Expires {dateTimeFmt.format(new Date(state.expiresAt!))} UTC.
          </p>
        </div>
      )}
    </div>
  );
}

export function DeleteUserButton({ userId, username }: { userId: string; username: string }) {
  const form = useFormAction(deleteUserAction);
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <Button variant="secondary" className="text-red-700" onClick={() => setConfirming(true)}>
        Delete User
      </Button>
    );
  }
  return (
    <ActionForm
      form={form}
      className="flex flex-wrap items-center gap-2 rounded-md border border-red-200 bg-red-50 px-3 py-2"
      summaryClassName="basis-full"
    >
      <input type="hidden" name="id" value={userId} />
      <span className="text-sm text-red-900">
        Move {username} to the trash? They cannot sign in; you can restore them for 7 days.
      </span>
      <SubmitButton variant="danger" pendingLabel="Deleting…">
        Confirm delete
      </SubmitButton>
      <Button variant="ghost" onClick={() => setConfirming(false)}>
        Cancel
      </Button>
    </ActionForm>
  );
}

/** For roles that only view: the same details, read-only. */
export function ReadOnlyProfile({ user }: { user: ProfileValues }) {
  const row = (label: string, value: string | null) => (
    <div className="grid grid-cols-[10rem_1fr] gap-3 py-2 text-sm">
      <dt className="font-medium text-slate-600">{label}</dt>
      <dd className="text-slate-900">{value || <span className="text-slate-500">—</span>}</dd>
    </div>
  );
  return (
    <dl className="divide-y divide-slate-100">
      {row("Full name", user.realName)}
      {row("Email", user.email)}
      {row("Status", USER_STATUS_LABELS[user.status as "ACTIVE"] ?? user.status)}
      {row("Aliases", user.aliases.join(", "))}
    </dl>
  );
}
