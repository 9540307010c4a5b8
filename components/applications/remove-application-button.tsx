"use client";
import { useState } from "react";
import { removeApplicationAction } from "@/app/(console)/admin/applications/actions";
import { Button } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import { ActionForm, useFormAction } from "@/components/ui/action-form";

export function RemoveApplicationButton({ id, name }: { id: string; name: string }) {
  const form = useFormAction(removeApplicationAction);
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
    <ActionForm
      form={form}
      className="flex flex-wrap items-center gap-2"
      summaryClassName="basis-full"
      role="group"
      aria-label={`Remove ${name}`}
    >
      <input type="hidden" name="id" value={id} />
      <span className="text-slate-700">Remove {name}? Users can no longer sign in to it.</span>
      <SubmitButton variant="danger" className="py-1" pendingLabel="Removing…">
        Remove
      </SubmitButton>
      <Button variant="ghost" className="py-1" onClick={() => setConfirming(false)}>
        Cancel
      </Button>
    </ActionForm>
  );
}
