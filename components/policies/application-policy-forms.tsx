"use client";
// The application page's policy controls: "Apply a policy", "Apply a group policy", and the
// small remove / move buttons of applied policies.
import { startTransition, useActionState, useState, type FormEvent } from "react";
import {
  applyApplicationPolicyAction,
  applyGroupPolicyAction,
  moveGroupPolicyAction,
  removePolicyAssignmentAction,
} from "@/app/(console)/admin/policies/actions";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Choice, ChoiceGroup } from "./choice-fields";

type Option = { id: string; name: string };

/** Calls the action without React's form reset, so a refused submission keeps what was chosen (the form still posts without JavaScript). */
function submitWithoutReset(action: (fd: FormData) => void) {
  return (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    startTransition(() => action(fd));
  };
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
  const [state, action, pending] = useActionState(applyApplicationPolicyAction, null);
  const [open, setOpen] = useState(false);
  const [policyId, setPolicyId] = useState(currentPolicyId ?? "");
  if (!open)
    return (
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Apply a policy
      </Button>
    );
  return (
    <form
      action={action}
      onSubmit={submitWithoutReset(action)}
      className="space-y-3 rounded-md border border-slate-200 bg-slate-50 p-4"
      aria-label="Apply a policy"
    >
      <input type="hidden" name="applicationId" value={applicationId} />
      <SelectField
        label="Policy for the whole application"
        name="policyId"
        value={policyId}
        onChange={(e) => setPolicyId(e.target.value)}
        options={[{ value: "", label: "Choose a policy…" }, ...policies.map((p) => ({ value: p.id, label: p.name }))]}
        error={state?.fieldErrors?.policyId}
        hint={
          policies.length
            ? "Replaces the application's current policy."
            : "There are no custom policies yet: create one on the Policies page."
        }
      />
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Applying…" : "Apply Policy"}
        </Button>
        <Button variant="ghost" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
      {state && !state.ok && !state.fieldErrors && (
        <p role="alert" className="text-sm text-red-700">
          {state.message}
        </p>
      )}
    </form>
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
  const [state, action, pending] = useActionState(applyGroupPolicyAction, null);
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<string[]>([]);
  const [policyId, setPolicyId] = useState("");
  if (!open)
    return (
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Apply a group policy
      </Button>
    );
  return (
    <form
      action={action}
      onSubmit={submitWithoutReset(action)}
      className="space-y-3 rounded-md border border-slate-200 bg-slate-50 p-4"
      aria-label="Apply a group policy"
    >
      <input type="hidden" name="applicationId" value={applicationId} />
      <SelectField
        label="Group policy"
        name="groupPolicyId"
        value={policyId}
        onChange={(e) => setPolicyId(e.target.value)}
        options={[{ value: "", label: "Choose a policy…" }, ...policies.map((p) => ({ value: p.id, label: p.name }))]}
        error={state?.fieldErrors?.groupPolicyId}
      />
      <ChoiceGroup
        legend="Apply to members of"
        hint={
          groups.length
            ? "A group that already has a group policy here gets this one instead."
            : "There are no groups yet."
        }
        error={state?.fieldErrors?.groupIds}
      >
        <div className="grid max-h-48 gap-1 overflow-y-auto sm:grid-cols-2">
          {groups.map((g) => (
            <Choice
              key={g.id}
              type="checkbox"
              name="groupIds"
              value={g.id}
              label={g.name}
              checked={chosen.includes(g.id)}
              onChange={(on) => setChosen((c) => (on ? [...c, g.id] : c.filter((x) => x !== g.id)))}
            />
          ))}
        </div>
      </ChoiceGroup>
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Applying…" : "Apply Group Policy"}
        </Button>
        <Button variant="ghost" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
      {state && !state.ok && !state.fieldErrors && (
        <p role="alert" className="text-sm text-red-700">
          {state.message}
        </p>
      )}
    </form>
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
  const [state, action] = useActionState(
    kind === "remove" ? removePolicyAssignmentAction : moveGroupPolicyAction,
    null,
  );
  return (
    <form action={action} className="inline">
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
      {state && !state.ok && (
        <span role="alert" className="ml-2 text-xs text-red-700">
          {state.message}
        </span>
      )}
    </form>
  );
}
