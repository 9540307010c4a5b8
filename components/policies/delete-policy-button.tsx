"use client";
// "Delete Policy" with a confirmation that lists where the policy is applied.
import { useState } from "react";
import { deletePolicyAction } from "@/app/(console)/admin/policies/actions";
import { Button } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import { ActionForm, useFormAction } from "@/components/ui/action-form";

export function DeletePolicyButton({ id, name, appliedTo }: { id: string; name: string; appliedTo: string[] }) {
  const form = useFormAction(deletePolicyAction);
  const [confirming, setConfirming] = useState(false);
  if (!confirming)
    return (
      <Button variant="secondary" className="text-red-700" onClick={() => setConfirming(true)}>
        Delete Policy
      </Button>
    );
  return (
    <ActionForm
      form={form}
      role="alertdialog"
      aria-labelledby="delete-policy-title"
      aria-describedby="delete-policy-desc"
      className="w-full max-w-lg space-y-3 rounded-lg border border-red-200 bg-red-50 p-4 text-sm"
    >
      <input type="hidden" name="id" value={id} />
      <p id="delete-policy-title" className="font-semibold text-red-900">
        Delete {name}?
      </p>
      <div id="delete-policy-desc" className="mt-1 text-red-900">
        {appliedTo.length ? (
          <>
            <p>It is applied to:</p>
            <ul className="mt-1 list-disc pl-5" data-testid="delete-applied-to">
              {appliedTo.map((a) => (
                <li key={a}>{a}</li>
              ))}
            </ul>
            <p className="mt-1">
              Those users will be held to the application&apos;s other policies or the Global Policy instead.
            </p>
          </>
        ) : (
          <p>It is not applied to any application.</p>
        )}
      </div>
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
