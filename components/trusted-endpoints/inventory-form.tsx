"use client";
import { useActionState } from "react";
import { clearInventoryAction, replaceInventoryAction } from "@/app/(console)/admin/trusted-endpoints/actions";
import { FormMessage } from "@/components/ui/alert";
import { TextAreaField } from "@/components/ui/field";
import { FileField } from "@/components/ui/file-field";
import { SubmitButton } from "@/components/ui/submit-button";

export function InventoryForm({ id, deviceCount }: { id: string; deviceCount: number }) {
  const [state, action] = useActionState(replaceInventoryAction, null);
  const [clearState, clear] = useActionState(clearInventoryAction, null);
  const fe = state?.fieldErrors ?? {};
  return (
    <div className="space-y-5">
      <form action={action} className="max-w-2xl space-y-4" noValidate>
        <input type="hidden" name="id" value={id} />
        <FileField
          label="Inventory file"
          name="inventoryFile"
          accept=".csv,.txt,text/csv,text/plain"
          maxBytes={1024 * 1024}
          tooLargeMessage="The file is larger than 1 MiB. Nothing was changed."
          error={fe.inventoryFile}
          hint="A .csv with a device_id column (optional: hostname, os, owner, serial_number) or a .txt with one device identifier per line. At most 1 MiB and 10,000 devices."
          className="file:mr-3 file:rounded file:border-0 file:bg-slate-100 file:px-3 file:py-1"
        />
        <TextAreaField
          label="Or enter device identifiers"
          name="inventory"
          rows={5}
          defaultValue={state?.values?.inventory ?? ""}
          error={fe.inventory}
          className="font-mono"
          placeholder={"LAPTOP-0042\nMAC-C02XK1JH\n…or CSV: device_id,hostname,os,owner"}
          hint="Replaces the whole inventory: devices not listed stop being trusted by this integration."
        />
        <SubmitButton pendingLabel="Replacing…">Replace inventory</SubmitButton>
        <FormMessage state={state} />
      </form>
      {deviceCount > 0 && (
        <form
          action={clear}
          onSubmit={(e) =>
            !confirm(`Remove all ${deviceCount} devices from this inventory? They will no longer be trusted.`) &&
            e.preventDefault()
          }
          className="space-y-3"
        >
          <input type="hidden" name="id" value={id} />
          <SubmitButton variant="secondary" pendingLabel="Removing…">
            Remove all devices
          </SubmitButton>
          <FormMessage state={clearState} />
        </form>
      )}
    </div>
  );
}
