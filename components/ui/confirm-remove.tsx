"use client";
// "Remove …" that asks first: the link-style button opens an inline confirmation (what removing
// means, Remove, Cancel) that submits `action` with the object's id through the console's form
// plumbing (errors beside it).
import { useState } from "react";
import type { FormState } from "@/components/ui/form-state";
import { Button } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import { ActionForm, useFormAction } from "@/components/ui/action-form";
import { cx } from "./cx";

export function ConfirmRemove({
  action,
  id,
  name,
  label,
  consequence,
  className,
}: {
  action: (state: FormState, fd: FormData) => Promise<FormState>;
  id: string;
  /** The object's name, in the question and the group's accessible name. */
  name: string;
  /** The first button's text ("Remove Application"). */
  label: string;
  /** What removing means, after "Remove <name>?". */
  consequence: string;
  /** Text size and the like, for the first button and the question. */
  className?: string;
}) {
  const form = useFormAction(action);
  const [confirming, setConfirming] = useState(false);
  if (!confirming)
    return (
      <button
        type="button"
        className={cx("text-red-700 underline-offset-2 hover:underline", className)}
        onClick={() => setConfirming(true)}
      >
        {label}
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
      <span className={cx("text-slate-700", className)}>
        Remove {name}? {consequence}
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
