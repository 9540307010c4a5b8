"use client";
import { importMetadataAction } from "@/app/(console)/admin/applications/actions";
import { ActionForm, useFormAction } from "@/components/ui/action-form";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { FileField } from "@/components/ui/file-field";
import { SubmitButton } from "@/components/ui/submit-button";

/** The server's limit for a metadata file (lib/saml SP_METADATA_MAX_BYTES). */
const MAX_METADATA_FILE_BYTES = 512 * 1024;

/** Fills the Service Provider section from the SP's metadata file or URL. */
export function ImportMetadataForm({ id }: { id: string }) {
  const form = useFormAction(importMetadataAction);
  return (
    <Card
      title="Import Service Provider metadata"
      description="Upload the metadata file your service provider gives you (for Webex Control Hub: idb-meta-<org-ID>-SP.xml), or enter its URL. Entity ID, ACS URLs, Single Logout URL and signing certificate are filled in; importing again updates them."
    >
      <ActionForm
        form={form}
        className="grid max-w-3xl gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-start"
        summaryClassName="sm:col-span-3"
      >
        <input type="hidden" name="id" value={id} />
        <FileField
          label="Metadata file"
          name="metadataFile"
          accept=".xml,application/xml,text/xml,application/samlmetadata+xml"
          maxBytes={MAX_METADATA_FILE_BYTES}
          tooLargeMessage="The metadata file is larger than 512 KiB. Nothing was imported."
          className="py-1.5"
        />
        <TextField
          label="or Metadata URL"
          name="metadataUrl"
          type="url"
          placeholder="https://sp.example.com/metadata"
          defaultValue=""
        />
        <div className="sm:pt-7">
          <SubmitButton variant="secondary" pendingLabel="Importing…">
            Import
          </SubmitButton>
        </div>
      </ActionForm>
    </Card>
  );
}
