"use client";
import { useActionState, useState } from "react";
import { removeApplicationAction } from "@/app/(console)/admin/applications/actions";
import { Button } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";

export function RemoveApplicationButton({ id, name }: { id: string; name: string }) {
  const [state, action] = useActionState(removeApplicationAction, null);
  const [confirming, setConfirming] = useState(false);
  if (!confirming)
    return (
      <button
        type="button"
        className="text-red-700 underline-offset-2 hover:underline"
        onClick={() => setConfirming(true)}
      >
        Remove Application
      </button>
    );
  return (
    <form action={action} className="flex items-center gap-2" role="group" aria-label={`Remove ${name}`}>
      <input type="hidden" name="id" value={id} />
      <span className="text-slate-700">Remove {name}? Users can no longer sign in to it.</span>
      <SubmitButton variant="danger" className="py-1" pendingLabel="Removing…">
        Remove
      </SubmitButton>
      <Button variant="ghost" className="py-1" onClick={() => setConfirming(false)}>
        Cancel
      </Button>
      {state && !state.ok && (
        <span role="alert" className="text-red-700">
          {state.message}
        </span>
      )}
    </form>
  );
}
