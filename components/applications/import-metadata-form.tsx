"use client";
import { useActionState } from "react";
import { importMetadataAction } from "@/app/(console)/admin/applications/actions";
import { FormMessage } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { FileField } from "@/components/ui/file-field";

/** The server's limit for a metadata file (lib/saml SP_METADATA_MAX_BYTES). */
const MAX_METADATA_FILE_BYTES = 512 * 1024;
import { SubmitButton } from "@/components/ui/submit-button";

/** Fills the Service Provider section from the SP's metadata file or URL. */
export function ImportMetadataForm({ id }: { id: string }) {
  const [state, action] = useActionState(importMetadataAction, null);
  const fe = state?.fieldErrors ?? {};
  return (
    <Card
      title="Import Service Provider metadata"
      description="Upload the metadata file your service provider gives you (for Webex Control Hub: idb-meta-<org-ID>-SP.xml), or enter its URL. Entity ID, ACS URLs, Single Logout URL and signing certificate are filled in; importing again updates them."
    >
      <form action={action} className="grid max-w-3xl gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-start" noValidate>
        <input type="hidden" name="id" value={id} />
        <FileField
          label="Metadata file"
          name="metadataFile"
          accept=".xml,application/xml,text/xml,application/samlmetadata+xml"
          maxBytes={MAX_METADATA_FILE_BYTES}
          tooLargeMessage="The metadata file is larger than 512 KiB. Nothing was imported."
          error={fe.metadataFile}
          className="py-1.5"
        />
        <TextField
          label="or Metadata URL"
          name="metadataUrl"
          type="url"
          placeholder="https://sp.example.com/metadata"
          defaultValue={state?.values?.metadataUrl}
          error={fe.metadataUrl}
        />
        <div className="sm:pt-7">
          <SubmitButton variant="secondary" pendingLabel="Importing…">
            Import
          </SubmitButton>
        </div>
        {state && !state.ok && !state.fieldErrors && (
          <div className="sm:col-span-3">
            <FormMessage state={state} />
          </div>
        )}
      </form>
    </Card>
  );
}
