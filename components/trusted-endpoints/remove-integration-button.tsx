"use client";
import { removeIntegrationAction } from "@/app/(console)/admin/trusted-endpoints/actions";
import { ActionForm, useFormAction } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/submit-button";

export function RemoveIntegrationButton({ id, name }: { id: string; name: string }) {
  const form = useFormAction(removeIntegrationAction);
  return (
    <ActionForm
      form={form}
      beforeSubmit={() => confirm(`Remove “${name}”? Its devices stay listed but are no longer trusted.`)}
      className="space-y-3"
    >
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant="danger" pendingLabel="Removing…">
        Remove integration
      </SubmitButton>
    </ActionForm>
  );
}
