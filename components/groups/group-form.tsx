"use client";
import { useActionState } from "react";
import { createGroupAction, updateGroupAction } from "@/app/(console)/admin/groups/actions";
import { FormMessage } from "@/components/ui/alert";
import { TextAreaField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { LinkButton } from "@/components/ui/button";
import { GROUP_STATUSES, GROUP_STATUS_HELP, GROUP_STATUS_LABELS } from "@/lib/services/groups/group-status";

export type GroupFormValues = { id?: string; name: string; description: string; status: string };

const STATUSES = GROUP_STATUSES.map((value) => ({
  value,
  label: GROUP_STATUS_LABELS[value],
  help: GROUP_STATUS_HELP[value],
}));

/** Name, description and status of a group; creates one when `initial.id` is absent. */
export function GroupForm({ initial, readOnly = false }: { initial: GroupFormValues; readOnly?: boolean }) {
  const [state, action] = useActionState(initial.id ? updateGroupAction : createGroupAction, null);
  const v = (k: keyof GroupFormValues) => state?.values?.[k] ?? initial[k] ?? "";
  const fe = state?.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-5" noValidate>
      {initial.id && <input type="hidden" name="id" value={initial.id} />}
      {state && !state.ok && <FormMessage state={state} />}
      <fieldset disabled={readOnly} className="space-y-5">
        <TextField
          label="Group name"
          name="name"
          required
          maxLength={100}
          defaultValue={v("name")}
          error={fe.name}
          hint="Unique, ignoring upper and lower case."
        />
        <TextAreaField
          label="Description"
          name="description"
          rows={2}
          maxLength={500}
          defaultValue={v("description")}
          error={fe.description}
        />
        <fieldset aria-describedby={fe.status ? "group-status-error" : undefined}>
          <legend className="text-sm font-medium text-slate-800">Status</legend>
          <p className="mt-1 text-xs text-slate-500">
            A group’s status applies to all of its members. A user in a disabled group is denied even when the user is
            active.
          </p>
          <div className="mt-2 space-y-2">
            {STATUSES.map((s) => (
              <label
                key={s.value}
                className="flex items-start gap-3 rounded-md border border-slate-200 px-3 py-2 text-sm has-[:checked]:border-emerald-600 has-[:checked]:bg-emerald-50/50"
              >
                <input
                  type="radio"
                  name="status"
                  value={s.value}
                  defaultChecked={v("status") === s.value}
                  className="mt-0.5 h-4 w-4 accent-emerald-700"
                />
                <span>
                  <span className="font-medium text-slate-900">{s.label}</span>
                  <span className="block text-slate-600">{s.help}</span>
                </span>
              </label>
            ))}
          </div>
          {fe.status && (
            <p id="group-status-error" role="alert" className="mt-1 text-sm text-red-700">
              {fe.status}
            </p>
          )}
        </fieldset>
      </fieldset>
      {!readOnly && (
        <div className="flex items-center gap-3">
          <SubmitButton pendingLabel={initial.id ? "Saving…" : "Adding…"}>
            {initial.id ? "Save Changes" : "Add Group"}
          </SubmitButton>
          {!initial.id && (
            <LinkButton href="/admin/groups" variant="ghost">
              Cancel
            </LinkButton>
          )}
        </div>
      )}
    </form>
  );
}
