"use client";
import { createGroupAction, updateGroupAction } from "@/app/(console)/admin/groups/actions";
import { ActionForm, FormStatus, useEcho, useFormAction } from "@/components/ui/action-form";
import { ChoiceGroup, TextAreaField, TextField } from "@/components/ui/field";
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
  const form = useFormAction(initial.id ? updateGroupAction : createGroupAction);
  return (
    <ActionForm form={form} className="space-y-5">
      {initial.id && <input type="hidden" name="id" value={initial.id} />}
      <fieldset disabled={readOnly} className="space-y-5">
        <TextField
          label="Group name"
          name="name"
          required
          maxLength={100}
          defaultValue={initial.name}
          hint="Unique, ignoring upper and lower case."
        />
        <TextAreaField
          label="Description"
          name="description"
          rows={2}
          maxLength={500}
          defaultValue={initial.description}
        />
        <StatusChoices stored={initial.status} />
      </fieldset>
      {!readOnly && (
        <div className="flex flex-wrap items-center gap-3">
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
      <FormStatus form={form} />
    </ActionForm>
  );
}

function StatusChoices({ stored }: { stored: string }) {
  const echo = useEcho();
  return (
    <ChoiceGroup
      legend="Status"
      name="status"
      hint="A group’s status applies to all of its members. A user in a disabled group is denied even when the user is active."
    >
      <div className="space-y-2">
        {STATUSES.map((s) => (
          <label
            key={s.value}
            className="flex items-start gap-3 rounded-md border border-slate-200 px-3 py-2 text-sm has-[:checked]:border-emerald-600 has-[:checked]:bg-emerald-50/50"
          >
            <input
              type="radio"
              name="status"
              value={s.value}
              defaultChecked={echo.checked("status", s.value, stored === s.value)}
              className="mt-0.5 h-4 w-4 accent-emerald-700"
            />
            <span>
              <span className="font-medium text-slate-900">{s.label}</span>
              <span className="block text-slate-600">{s.help}</span>
            </span>
          </label>
        ))}
      </div>
    </ChoiceGroup>
  );
}
