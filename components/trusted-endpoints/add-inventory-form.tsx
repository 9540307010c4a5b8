"use client";
import Link from "next/link";
import { useActionState } from "react";
import { addInventoryIntegrationAction } from "@/app/(console)/admin/trusted-endpoints/actions";
import { Alert } from "@/components/ui/alert";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { CopyField } from "@/components/ui/copy-field";
import { buttonClass } from "@/components/ui/button";

/** Names a new Management Tools integration; after creation shows its device API token once. */
export function AddInventoryForm() {
  const [state, action] = useActionState(addInventoryIntegrationAction, null);
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
  const fe = state?.fieldErrors ?? {};
  return (
    <form action={action} className="max-w-xl space-y-4" noValidate>
      <TextField
        label="Name"
        name="name"
        required
        defaultValue={state?.values?.name ?? "Device inventory"}
        error={fe.name}
        hint="How this management tool appears in the console, e.g. “Intune laptops”."
        maxLength={80}
      />
      <SubmitButton pendingLabel="Adding…">Add integration</SubmitButton>
      {state && !state.ok && <Alert tone="error">{state.message}</Alert>}
    </form>
  );
}
