"use client";
import { useState } from "react";
import { deleteGroupAction } from "@/app/(console)/admin/groups/actions";
import { Button } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import { ActionForm, useFormAction } from "@/components/ui/action-form";

/** "Delete Group" with a confirmation that says what goes with the group. */
export function DeleteGroupButton({
  id,
  name,
  memberCount,
  applications,
  policyAssignments = 0,
}: {
  id: string;
  name: string;
  memberCount: number;
  applications: string[];
  policyAssignments?: number;
}) {
  const form = useFormAction(deleteGroupAction);
  const [confirming, setConfirming] = useState(false);
  if (!confirming)
    return (
      <Button variant="secondary" className="text-red-700" onClick={() => setConfirming(true)}>
        Delete Group
      </Button>
    );
  return (
    <ActionForm
      form={form}
      role="group"
      aria-label={`Delete ${name}`}
      className="max-w-xl space-y-3 rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-900"
    >
      <input type="hidden" name="id" value={id} />
      <p className="font-semibold">Delete {name}?</p>
      <p className="mt-1" data-testid="delete-group-consequences">
        {memberCount === 1 ? "Its 1 member is" : `Its ${memberCount.toLocaleString("en-US")} members are`} removed from
        the group (the users themselves are kept).{" "}
        {applications.length === 0
          ? "No application permits this group."
          : `It is removed from the permitted groups of ${applications.length === 1 ? "this application" : `these ${applications.length} applications`}: ${applications.join(", ")}. If an application then permits no group, nobody can sign in to it until you change its user access.`}{" "}
        {policyAssignments > 0 &&
          `${policyAssignments === 1 ? "The policy applied to this group in an application is" : `The ${policyAssignments} policies applied to this group in applications are`} no longer applied. `}
        This cannot be undone.
      </p>
      <div className="mt-3 flex gap-2">
        <SubmitButton variant="danger" pendingLabel="Deleting…">
          Delete
        </SubmitButton>
        <Button variant="ghost" onClick={() => setConfirming(false)}>
          Cancel
        </Button>
      </div>
    </ActionForm>
  );
}
