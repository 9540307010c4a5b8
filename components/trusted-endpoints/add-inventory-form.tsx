"use client";
import Link from "next/link";
import { addInventoryIntegrationAction } from "@/app/(console)/admin/trusted-endpoints/actions";
import { ActionForm, useFormAction } from "@/components/ui/action-form";
import { Alert } from "@/components/ui/alert";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { CopyField } from "@/components/ui/copy-field";
import { buttonClass } from "@/components/ui/button";

/** Names a new Management Tools integration; after creation shows its device API token once. */
export function AddInventoryForm() {
  const form = useFormAction(addInventoryIntegrationAction);
  const state = form.state;
  if (state?.ok && state.token && state.integrationId) {
    return (
      <div className="space-y-4" data-testid="new-integration">
        <Alert tone="success" title="Integration added">
          Copy the device API token now: it is shown only this once. Your management tool sends it as{" "}
          <code>Authorization: Bearer …</code> to replace the inventory.
        </Alert>
        <CopyField label="Device API token" value={state.token} />
        <Link href={`/admin/trusted-endpoints/integrations/${state.integrationId}`} className={buttonClass("primary")}>
          Continue to the integration
        </Link>
      </div>
    );
  }
  return (
    <ActionForm form={form} className="max-w-xl space-y-4">
      <TextField
        label="Name"
        name="name"
        required
        defaultValue="Device inventory"
        hint="How this management tool appears in the console, e.g. “Intune laptops”."
        maxLength={80}
      />
      <SubmitButton pendingLabel="Adding…">Add integration</SubmitButton>
    </ActionForm>
  );
}
