"use client";
import { createSourceAction, saveSourceAction } from "@/app/(console)/admin/settings/sources/actions";
import { ActionForm, FormStatus, useFormAction } from "@/components/ui/action-form";
import { Card } from "@/components/ui/card";
import { Choice, ChoiceGroup, SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { FileField } from "@/components/ui/file-field";
import { SubmitButton } from "@/components/ui/submit-button";

/** The server's limit for a metadata file (lib/saml IDP_METADATA_MAX_BYTES). */
const MAX_METADATA_FILE_BYTES = 512 * 1024;

export type SourceFormValues = {
  id?: string;
  name: string;
  enabled: boolean;
  idpEntityId: string;
  ssoUrl: string;
  certificatesPem: string;
  metadataUrl: string;
  nameIdFormat: string;
  identifierAttribute: string;
  matchBy: string;
  emailAttribute: string;
  realNameAttribute: string;
  jitEnabled: boolean;
  jitGroupIds: string[];
  domains: string;
};

export const EMPTY_SOURCE: SourceFormValues = {
  name: "",
  enabled: true,
  idpEntityId: "",
  ssoUrl: "",
  certificatesPem: "",
  metadataUrl: "",
  nameIdFormat: "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
  identifierAttribute: "NameID",
  matchBy: "EMAIL",
  emailAttribute: "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
  realNameAttribute: "http://schemas.microsoft.com/identity/claims/displayname",
  jitEnabled: false,
  jitGroupIds: [],
  domains: "",
};

const NAMEID_OPTIONS = [
  { value: "", label: "None (the identity provider's default)" },
  { value: "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress", label: "Email address" },
  { value: "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent", label: "Persistent" },
  { value: "urn:oasis:names:tc:SAML:2.0:nameid-format:transient", label: "Transient" },
  { value: "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified", label: "Unspecified" },
];

export function SourceForm({
  initial,
  groups,
  claims,
  readOnly,
}: {
  initial: SourceFormValues;
  groups: { id: string; name: string }[];
  claims: readonly { uri: string; label: string }[];
  readOnly: boolean;
}) {
  const form = useFormAction(initial.id ? saveSourceAction : createSourceAction);
  const editing = !!initial.id;
  return (
    <ActionForm form={form} className="space-y-6">
      {initial.id && <input type="hidden" name="id" value={initial.id} />}
      <datalist id="claim-uris">
        <option value="NameID">The Subject&apos;s NameID</option>
        {claims.map((c) => (
          <option key={c.uri} value={c.uri}>
            {c.label}
          </option>
        ))}
      </datalist>
      <Card
        title="Identity provider"
        description="Import the identity provider's metadata (Entra ID: Single sign-on > SAML Certificates > Federation Metadata XML; AD FS: /FederationMetadata/2007-06/FederationMetadata.xml), or type its Entity ID, Single Sign-On URL and signing certificate."
      >
        <div className="grid max-w-3xl gap-4">
          <TextField
            label="Name"
            name="name"
            required
            defaultValue={initial.name}
            disabled={readOnly}
            hint="Shown in the console and the Authentication Log, e.g. “Entra ID”."
          />
          <div className="grid gap-4 sm:grid-cols-2">
            <FileField
              label={editing ? "Re-import metadata file" : "Metadata file"}
              name="metadataFile"
              accept=".xml,application/xml,text/xml,application/samlmetadata+xml"
              maxBytes={MAX_METADATA_FILE_BYTES}
              tooLargeMessage="The metadata file is larger than 512 KiB. Nothing was saved."
              className="py-1.5"
              disabled={readOnly}
            />
            <TextField
              label="or Metadata URL"
              name="metadataUrl"
              type="url"
              placeholder="https://login.microsoftonline.com/<tenant>/federationmetadata/2007-06/federationmetadata.xml?appid=…"
              defaultValue={initial.metadataUrl}
              disabled={readOnly}
            />
          </div>
          <p className="text-sm text-slate-600">Or type the values (a metadata file or URL fills and replaces them):</p>
          <TextField
            label="Entity ID"
            name="idpEntityId"
            defaultValue={initial.idpEntityId}
            disabled={readOnly}
            hint="Entra ID: “Microsoft Entra Identifier” (https://sts.windows.net/<tenant-id>/)."
          />
          <TextField
            label="Single Sign-On URL"
            name="ssoUrl"
            type="url"
            defaultValue={initial.ssoUrl}
            disabled={readOnly}
            hint="Its HTTP-Redirect endpoint. Entra ID: “Login URL”."
          />
          <TextAreaField
            label="Signing certificates (PEM)"
            name="certificatesPem"
            rows={5}
            className="font-mono text-xs"
            defaultValue={initial.certificatesPem}
            disabled={readOnly}
            hint="Only signatures by these certificates are accepted. Paste several during a certificate rollover."
          />
          <SelectField
            label="NameID format to request"
            name="nameIdFormat"
            options={NAMEID_OPTIONS}
            defaultValue={initial.nameIdFormat}
            disabled={readOnly}
          />
        </div>
      </Card>
      <Card
        title="Attribute mapping"
        description="Which value of the assertion identifies the user, and how it is matched against Portcullis users."
      >
        <div className="grid max-w-3xl gap-4">
          <TextField
            label="User identifier"
            name="identifierAttribute"
            list="claim-uris"
            defaultValue={initial.identifierAttribute}
            disabled={readOnly}
            hint="NameID, or an attribute name such as http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn."
          />
          <SelectField
            label="Match users by"
            name="matchBy"
            options={[
              { value: "EMAIL", label: "Email address" },
              { value: "USERNAME", label: "Username" },
              { value: "ALIAS", label: "Alias" },
            ]}
            defaultValue={initial.matchBy}
            disabled={readOnly}
          />
          <TextField
            label="Email attribute"
            name="emailAttribute"
            list="claim-uris"
            defaultValue={initial.emailAttribute}
            disabled={readOnly}
            hint="Kept in sync at each sign-in. Leave empty to leave emails alone."
          />
          <TextField
            label="Real name attribute"
            name="realNameAttribute"
            list="claim-uris"
            defaultValue={initial.realNameAttribute}
            disabled={readOnly}
            hint="Kept in sync at each sign-in. Leave empty to leave names alone."
          />
        </div>
      </Card>
      <Card title="Users and routing">
        <div className="grid max-w-3xl gap-4">
          <ChoiceGroup legend="Just-in-time creation">
            <Choice
              type="checkbox"
              name="jitEnabled"
              value="on"
              defaultChecked={initial.jitEnabled}
              disabled={readOnly}
              label="Create users who sign in here but are not in Portcullis yet"
              description="Off: such a user sees “You entered an incorrect email address.” and the Authentication Log records upstream_user_not_enrolled."
            />
          </ChoiceGroup>
          {groups.length > 0 && (
            <ChoiceGroup legend="Groups for created users" name="jitGroupIds">
              {groups.map((g) => (
                <Choice
                  key={g.id}
                  type="checkbox"
                  name="jitGroupIds"
                  value={g.id}
                  defaultChecked={initial.jitGroupIds.includes(g.id)}
                  disabled={readOnly}
                  label={g.name}
                />
              ))}
            </ChoiceGroup>
          )}
          <TextField
            label="Email domains"
            name="domains"
            defaultValue={initial.domains}
            disabled={readOnly}
            hint="Users who type an email address at one of these domains (comma separated) sign in here, whatever the default source."
          />
          <ChoiceGroup legend="Status">
            <Choice
              type="checkbox"
              name="enabled"
              value="on"
              defaultChecked={initial.enabled}
              disabled={readOnly}
              label="Enabled"
              description="A disabled source is never used; its users fall back to the next routing rule."
            />
          </ChoiceGroup>
        </div>
      </Card>
      {readOnly ? (
        <p className="text-sm text-slate-600">Your role can view these settings but not change them.</p>
      ) : (
        <SubmitButton>{editing ? "Save" : "Add identity provider"}</SubmitButton>
      )}
      <FormStatus form={form} />
    </ActionForm>
  );
}
