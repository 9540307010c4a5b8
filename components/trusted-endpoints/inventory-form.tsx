"use client";
import { clearInventoryAction, replaceInventoryAction } from "@/app/(console)/admin/trusted-endpoints/actions";
import { ActionForm, FormStatus, useFormAction } from "@/components/ui/action-form";
import { TextAreaField } from "@/components/ui/field";
import { FileField } from "@/components/ui/file-field";
import { SubmitButton } from "@/components/ui/submit-button";

export function InventoryForm({ id, deviceCount }: { id: string; deviceCount: number }) {
  const replace = useFormAction(replaceInventoryAction);
  const clear = useFormAction(clearInventoryAction);
  return (
    <div className="space-y-5">
      <ActionForm form={replace} className="max-w-2xl space-y-4">
        <input type="hidden" name="id" value={id} />
        <FileField
          label="Inventory file"
          name="inventoryFile"
          accept=".csv,.txt,text/csv,text/plain"
          maxBytes={1024 * 1024}
          tooLargeMessage="The file is larger than 1 MiB. Nothing was changed."
          hint="A .csv with a device_id column (optional: hostname, os, owner, serial_number) or a .txt with one device identifier per line. At most 1 MiB and 10,000 devices."
          className="file:mr-3 file:rounded file:border-0 file:bg-slate-100 file:px-3 file:py-1"
        />
        <TextAreaField
          label="Or enter device identifiers"
          name="inventory"
          rows={5}
          defaultValue=""
          className="font-mono"
          placeholder={"LAPTOP-0042\nMAC-C02XK1JH\n…or CSV: device_id,hostname,os,owner"}
          hint="Replaces the whole inventory: devices not listed stop being trusted by this integration."
        />
        <SubmitButton pendingLabel="Replacing…">Replace inventory</SubmitButton>
        <FormStatus form={replace} />
      </ActionForm>
      {deviceCount > 0 && (
        <ActionForm
          form={clear}
          beforeSubmit={() =>
            confirm(`Remove all ${deviceCount} devices from this inventory? They will no longer be trusted.`)
          }
          className="space-y-3"
        >
          <input type="hidden" name="id" value={id} />
          <SubmitButton variant="secondary" pendingLabel="Removing…">
            Remove all devices
          </SubmitButton>
        </ActionForm>
      )}
      <FormStatus form={clear} />
    </div>
  );
}
