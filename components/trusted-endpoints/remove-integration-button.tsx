"use client";
import { useActionState } from "react";
import { removeIntegrationAction } from "@/app/(console)/admin/trusted-endpoints/actions";
import { FormMessage } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";

export function RemoveIntegrationButton({ id, name }: { id: string; name: string }) {
  const [state, action] = useActionState(removeIntegrationAction, null);
  return (
    <form
      action={action}
      onSubmit={(e) =>
        !confirm(`Remove “${name}”? Its devices stay listed but are no longer trusted.`) && e.preventDefault()
      }
      className="space-y-3"
    >
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant="danger" pendingLabel="Removing…">
        Remove integration
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
