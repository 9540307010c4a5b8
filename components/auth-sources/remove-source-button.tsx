"use client";
import { useState } from "react";
import { removeSourceAction } from "@/app/(console)/admin/settings/sources/actions";
import { Button } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import { ActionForm, useFormAction } from "@/components/ui/action-form";

export function RemoveSourceButton({ id, name }: { id: string; name: string }) {
  const form = useFormAction(removeSourceAction);
  const [confirming, setConfirming] = useState(false);
  if (!confirming)
    return (
      <button
        type="button"
        className="text-sm text-red-700 underline-offset-2 hover:underline"
        onClick={() => setConfirming(true)}
      >
        Remove authentication source
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
      <span className="text-sm text-slate-700">
        Remove {name}? Its users sign in with the next routing rule (usually built-in passwords).
      </span>
      <SubmitButton variant="danger" className="py-1" pendingLabel="Removing…">
        Remove
      </SubmitButton>
      <Button variant="ghost" className="py-1" onClick={() => setConfirming(false)}>
        Cancel
      </Button>
    </ActionForm>
  );
}
