"use client";
// The application page's policy controls: "Apply a policy", "Apply a group policy", and the
// small remove / move buttons of applied policies.
import { useState } from "react";
import {
  applyApplicationPolicyAction,
  applyGroupPolicyAction,
  moveGroupPolicyAction,
  removePolicyAssignmentAction,
} from "@/app/(console)/admin/policies/actions";
import { ActionForm, FormStatus, useEcho, useFormAction, type FormAction } from "@/components/ui/action-form";
import type { FormState } from "@/components/ui/form-state";
import { Button } from "@/components/ui/button";
import { Choice, ChoiceGroup, SelectField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

type Option = { id: string; name: string };

/** A form behind a button: open until a save succeeds, then closed with the confirmation beside the button. */
function useOpenUntilSaved(form: FormAction<FormState>) {
  const [open, setOpen] = useState(false);
  const [closedAt, setClosedAt] = useState(form.generation);
  if (form.generation !== closedAt) {
    setClosedAt(form.generation);
    setOpen(false);
  }
  return [open, setOpen] as const;
}

export function ApplyPolicyForm({
  applicationId,
  policies,
  currentPolicyId,
}: {
  applicationId: string;
  policies: Option[];
  currentPolicyId: string | null;
}) {
  const form = useFormAction(applyApplicationPolicyAction);
  const [open, setOpen] = useOpenUntilSaved(form);
  if (!open)
    return (
      <div className="space-y-3">
        <Button variant="secondary" onClick={() => setOpen(true)}>
          Apply a policy
        </Button>
        <FormStatus form={form} />
      </div>
    );
  return (
    <ActionForm
      form={form}
      className="space-y-3 rounded-md border border-slate-200 bg-slate-50 p-4"
      aria-label="Apply a policy"
    >
      <input type="hidden" name="applicationId" value={applicationId} />
      <SelectField
        label="Policy for the whole application"
        name="policyId"
        defaultValue={currentPolicyId ?? ""}
        options={[{ value: "", label: "Choose a policy…" }, ...policies.map((p) => ({ value: p.id, label: p.name }))]}
        hint={
          policies.length
            ? "Replaces the application's current policy."
            : "There are no custom policies yet: create one on the Policies page."
        }
      />
      <div className="flex gap-2">
        <SubmitButton pendingLabel="Applying…">Apply Policy</SubmitButton>
        <Button variant="ghost" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
    </ActionForm>
  );
}

export function ApplyGroupPolicyForm({
  applicationId,
  policies,
  groups,
}: {
  applicationId: string;
  policies: Option[];
  groups: Option[];
}) {
  const form = useFormAction(applyGroupPolicyAction);
  const [open, setOpen] = useOpenUntilSaved(form);
  if (!open)
    return (
      <div className="space-y-3">
        <Button variant="secondary" onClick={() => setOpen(true)}>
          Apply a group policy
        </Button>
        <FormStatus form={form} />
      </div>
    );
  return (
    <ActionForm
      form={form}
      className="space-y-3 rounded-md border border-slate-200 bg-slate-50 p-4"
      aria-label="Apply a group policy"
    >
      <input type="hidden" name="applicationId" value={applicationId} />
      <SelectField
        label="Group policy"
        name="groupPolicyId"
        defaultValue=""
        options={[{ value: "", label: "Choose a policy…" }, ...policies.map((p) => ({ value: p.id, label: p.name }))]}
      />
      <GroupChoices groups={groups} />
      <div className="flex gap-2">
        <SubmitButton pendingLabel="Applying…">Apply Group Policy</SubmitButton>
        <Button variant="ghost" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
    </ActionForm>
  );
}

function GroupChoices({ groups }: { groups: Option[] }) {
  const echo = useEcho();
  return (
    <ChoiceGroup
      legend="Apply to members of"
      name="groupIds"
      hint={
        groups.length
          ? "A group that already has a group policy here gets this one instead."
          : "There are no groups yet."
      }
    >
      <div className="grid max-h-48 gap-1 overflow-y-auto sm:grid-cols-2">
        {groups.map((g) => (
          <Choice
            key={g.id}
            type="checkbox"
            name="groupIds"
            value={g.id}
            label={g.name}
            defaultChecked={echo.checked("groupIds", g.id, false)}
          />
        ))}
      </div>
    </ChoiceGroup>
  );
}

export function AssignmentButton({
  applicationId,
  assignmentId,
  kind,
  label,
  disabled,
}: {
  applicationId: string;
  assignmentId: string;
  kind: "remove" | "up" | "down";
  label: string;
  disabled?: boolean;
}) {
  const form = useFormAction(kind === "remove" ? removePolicyAssignmentAction : moveGroupPolicyAction);
  return (
    <ActionForm form={form} className="inline">
      <input type="hidden" name="applicationId" value={applicationId} />
      <input type="hidden" name="assignmentId" value={assignmentId} />
      {kind !== "remove" && <input type="hidden" name="direction" value={kind} />}
      <SubmitButton
        variant="ghost"
        className="px-2 py-1 text-xs"
        aria-label={label}
        title={label}
        disabled={disabled}
        pendingLabel="…"
      >
        {kind === "remove" ? "Remove" : kind === "up" ? "↑" : "↓"}
      </SubmitButton>
    </ActionForm>
  );
}
