"use client";
// The application page's editable sections (Service Provider, SAML Response, Settings),
// with the same labels and order as Duo's Generic SAML Service Provider page.
import { useState } from "react";
import { saveApplicationAction } from "@/app/(console)/admin/applications/actions";
import {
  ActionForm,
  FormStatus,
  fieldElementId,
  useEcho,
  useFormAction,
  useFormContext,
  type FormAction,
} from "@/components/ui/action-form";
import type { FormState } from "@/components/ui/form-state";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ChoiceGroup, FieldError, SelectField, TextAreaField, TextField, inputClass } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { cx } from "@/components/ui/cx";
import { SpCertificateList } from "@/components/applications/sp-certificates";
import type { SpCertificateSummary } from "@/lib/services/applications/manage-applications";
import {
  BINDING_POST,
  NAMEID_FORMATS,
  SIGNATURE_ALGORITHMS,
  USER_ATTRIBUTES,
} from "@/lib/services/applications/saml-options";
import { ImportMetadataForm } from "./import-metadata-form";

export type ApplicationFormValues = {
  id: string;
  name: string;
  notes: string;
  spEntityId: string;
  acs: { index: number; url: string; binding: string; isDefault: boolean }[];
  sloUrl: string;
  spLoginUrl: string;
  defaultRelayState: string;
  nameIdFormat: string;
  nameIdFormatsAccepted: string[];
  nameIdAttribute: string;
  signatureAlgorithm: string;
  signResponse: boolean;
  signAssertion: boolean;
  attributes: { source: string; samlName: string }[];
  requireSignedRequests: boolean;
  spCertificatePem: string;
  userAccess: string;
  permittedGroupIds: string[];
};

const nameIdFormatOptions = [
  { value: NAMEID_FORMATS.unspecified, label: "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified" },
  { value: NAMEID_FORMATS.emailAddress, label: "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress" },
  { value: NAMEID_FORMATS.transient, label: "urn:oasis:names:tc:SAML:2.0:nameid-format:transient" },
  { value: NAMEID_FORMATS.persistent, label: "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent" },
];
const nameIdAttributeOptions = [
  { value: "username", label: "<Username>" },
  { value: "email", label: "<Email Address>" },
  { value: "userId", label: "<User ID>" },
];
const algorithmOptions = SIGNATURE_ALGORITHMS.map((a) => ({
  value: a,
  label: `${a.replace("SHA", "SHA-")}${a === "SHA256" ? " (default)" : ""}`,
}));
const sourceOptions = Object.entries(USER_ATTRIBUTES).map(([value, label]) => ({ value, label }));

function CellError({ msg, id }: { msg?: string; id?: string }) {
  return (
    <FieldError id={id} className="mt-1 text-xs">
      {msg}
    </FieldError>
  );
}

/** Rows echoed after an error without JavaScript (the JSON hidden field), else the stored ones. */
function echoedRows<T>(json: string, stored: T[]): T[] {
  if (!json) return stored;
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? (v as T[]) : stored;
  } catch {
    return stored;
  }
}

export function ApplicationForm({
  initial,
  groups,
  readOnly,
  spCertificates = [],
}: {
  initial: ApplicationFormValues;
  groups: { id: string; name: string }[];
  readOnly: boolean;
  /** Summaries of the stored SP signing certificates (computed on the server). */
  spCertificates?: SpCertificateSummary[];
}) {
  const form = useFormAction(saveApplicationAction);
  return (
    <>
      {/* Mounted again after each save, so that an earlier import error does not linger. */}
      {!readOnly && <ImportMetadataForm key={form.generation} id={initial.id} />}
      <ActionForm form={form} className="space-y-8">
        <input type="hidden" name="id" value={initial.id} />
        <ApplicationFields
          initial={initial}
          groups={groups}
          readOnly={readOnly}
          form={form}
          spCertificates={spCertificates}
        />
      </ActionForm>
    </>
  );
}

function ApplicationFields({
  initial,
  groups,
  readOnly,
  form,
  spCertificates,
}: {
  initial: ApplicationFormValues;
  groups: { id: string; name: string }[];
  readOnly: boolean;
  form: FormAction<FormState>;
  spCertificates: SpCertificateSummary[];
}) {
  const ctx = useFormContext();
  const echo = useEcho();
  const fe = ctx?.fieldErrors ?? {};
  const cellId = (name: string) => (ctx ? fieldElementId(ctx.id, name) : undefined);
  const text = (k: keyof ApplicationFormValues & string) => String(initial[k] ?? "");
  const [acs, setAcs] = useState(() => {
    const rows = echoedRows(echo.text("acsJson", ""), initial.acs);
    return rows.length ? rows : [{ index: 1, url: "", binding: BINDING_POST, isDefault: true }];
  });
  const [attributes, setAttributes] = useState(() => echoedRows(echo.text("attributesJson", ""), initial.attributes));
  const [requireSigned, setRequireSigned] = useState(
    echo.checked("requireSignedRequests", "on", initial.requireSignedRequests),
  );
  const [userAccess, setUserAccess] = useState(echo.text("userAccess", initial.userAccess));
  const [defaultFormat, setDefaultFormat] = useState(echo.text("nameIdFormat", initial.nameIdFormat));
  const acceptedFormats: readonly string[] = echo.all("nameIdFormatsAccepted", initial.nameIdFormatsAccepted);
  const [editPem, setEditPem] = useState(!!fe.spCertificatePem);

  const updateAcs = (i: number, patch: Partial<(typeof acs)[number]>) =>
    setAcs((rows) =>
      rows.map((r, j) => (j === i ? { ...r, ...patch } : patch.isDefault ? { ...r, isDefault: false } : r)),
    );
  const nextIndex = () => Math.max(0, ...acs.map((r) => Number(r.index) || 0)) + 1;

  return (
    <>
      <input type="hidden" name="acsJson" value={JSON.stringify(acs)} />
      <input type="hidden" name="attributesJson" value={JSON.stringify(attributes)} />
      <fieldset disabled={readOnly} className="space-y-8">
        <Card title="Service Provider">
          <div className="max-w-5xl space-y-5">
            <TextField
              label="Entity ID"
              name="spEntityId"
              required
              defaultValue={text("spEntityId")}
              hint="The unique identifier of the service provider."
            />

            <div id={cellId("acs")}>
              <p id="acs-label" className="text-sm font-medium text-slate-800">
                Assertion Consumer Service (ACS) URL <span className="text-red-700">*</span>
              </p>
              <p className="text-xs text-slate-600">Portcullis posts signed responses only to these URLs.</p>
              <table className="mt-2 w-full table-fixed text-sm" aria-labelledby="acs-label">
                <thead className="text-left text-xs font-semibold text-slate-600">
                  <tr>
                    <th scope="col" className="w-20 py-1 pr-2">
                      Index
                    </th>
                    <th scope="col" className="py-1 pr-2">
                      URL
                    </th>
                    <th scope="col" className="w-28 py-1 pr-2">
                      Binding
                    </th>
                    <th scope="col" className="w-20 py-1 pr-2">
                      isDefault
                    </th>
                    <th scope="col" className="w-24 py-1">
                      <span className="sr-only">Remove</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {acs.map((row, i) => (
                    <tr key={i} className="align-top" data-testid="acs-row">
                      <td className="py-1 pr-2">
                        <input
                          id={cellId(`acs.${i}.index`)}
                          aria-label={`Index of ACS URL ${i + 1}`}
                          inputMode="numeric"
                          className={inputClass}
                          value={String(row.index)}
                          aria-invalid={!!fe[`acs.${i}.index`]}
                          aria-describedby={fe[`acs.${i}.index`] ? `${cellId(`acs.${i}.index`)}-error` : undefined}
                          onChange={(e) => updateAcs(i, { index: e.target.value as unknown as number })}
                        />
                        <CellError msg={fe[`acs.${i}.index`]} id={`${cellId(`acs.${i}.index`)}-error`} />
                      </td>
                      <td className="py-1 pr-2">
                        <input
                          id={cellId(`acs.${i}.url`)}
                          aria-label={`URL of ACS URL ${i + 1}`}
                          type="url"
                          className={inputClass}
                          value={row.url}
                          placeholder="https://sp.example.com/saml/acs"
                          aria-invalid={!!fe[`acs.${i}.url`]}
                          aria-describedby={fe[`acs.${i}.url`] ? `${cellId(`acs.${i}.url`)}-error` : undefined}
                          onChange={(e) => updateAcs(i, { url: e.target.value })}
                        />
                        <CellError msg={fe[`acs.${i}.url`]} id={`${cellId(`acs.${i}.url`)}-error`} />
                      </td>
                      <td className="py-1 pr-2">
                        <span className="inline-block py-2 text-slate-700" title={row.binding}>
                          HTTP-POST
                        </span>
                        <CellError msg={fe[`acs.${i}.binding`]} />
                      </td>
                      <td className="py-1 pr-2 text-center">
                        <input
                          aria-label={`ACS URL ${i + 1} is the default`}
                          type="radio"
                          name="acsDefault"
                          className="mt-3 h-4 w-4 accent-emerald-700"
                          checked={row.isDefault || acs.length === 1}
                          onChange={() => updateAcs(i, { isDefault: true })}
                        />
                      </td>
                      <td className="py-1 text-right">
                        {acs.length > 1 && (
                          <Button
                            variant="ghost"
                            className="text-red-700"
                            onClick={() => setAcs((rows) => rows.filter((_, j) => j !== i))}
                            aria-label={`Remove ACS URL ${i + 1}`}
                          >
                            Remove
                          </Button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {fe.acs && <CellError msg={fe.acs} />}
              <Button
                variant="secondary"
                className="mt-2"
                onClick={() =>
                  setAcs((rows) => [...rows, { index: nextIndex(), url: "", binding: BINDING_POST, isDefault: false }])
                }
              >
                Add an ACS URL
              </Button>
            </div>

            <TextField
              label="Single Logout URL"
              name="sloUrl"
              type="url"
              defaultValue={text("sloUrl")}
              hint="Optional. Where Portcullis sends logout requests and responses for this service provider."
            />
            <TextField
              label="Service Provider Login URL"
              name="spLoginUrl"
              type="url"
              defaultValue={text("spLoginUrl")}
              hint="Optional. When set, the application portal opens this URL (service-provider-initiated sign-in) instead of signing in IdP-initiated."
            />
            <TextField
              label="Default Relay State"
              name="defaultRelayState"
              defaultValue={text("defaultRelayState")}
              hint="Optional, at most 80 bytes. Sent with IdP-initiated sign-ins to tell the service provider where to go."
            />
          </div>
        </Card>

        <Card title="SAML Response">
          <div className="grid max-w-3xl gap-5 sm:grid-cols-2">
            <div className="sm:col-span-2">
              <SelectField
                label="NameID format"
                name="nameIdFormat"
                options={nameIdFormatOptions}
                defaultValue={text("nameIdFormat")}
                onChange={(e) => setDefaultFormat(e.target.value)}
                hint="Sent when the service provider asks for no particular format. Transient is a new opaque value for every sign-in; persistent a stable opaque value per user for this application; the others carry the NameID attribute."
              />
            </div>
            <fieldset className="sm:col-span-2">
              <legend className="text-sm font-medium text-slate-800">Also answer requests for</legend>
              <p className="text-xs text-slate-500">
                A service provider that asks for one of these formats gets it; any other format is refused
                (InvalidNameIDPolicy). The metadata lists the default and these.
              </p>
              <div className="mt-2 flex flex-wrap gap-x-6 gap-y-1">
                {nameIdFormatOptions
                  .filter((o) => o.value !== defaultFormat)
                  .map((o) => (
                    <label key={o.value} className="flex items-center gap-2 text-sm">
                      <input
                        type="checkbox"
                        name="nameIdFormatsAccepted"
                        value={o.value}
                        defaultChecked={acceptedFormats.includes(o.value)}
                        className="h-4 w-4 accent-emerald-700"
                      />
                      {o.label.split(":").pop()}
                    </label>
                  ))}
              </div>
              <CellError msg={fe.nameIdFormatsAccepted} />
            </fieldset>
            <SelectField
              label="NameID attribute"
              name="nameIdAttribute"
              options={nameIdAttributeOptions}
              defaultValue={text("nameIdAttribute")}
              hint="The user property sent as the NameID."
            />
            <SelectField
              label="Signature algorithm"
              name="signatureAlgorithm"
              options={algorithmOptions}
              defaultValue={text("signatureAlgorithm")}
            />
            <ChoiceGroup legend="Signing options" name="signAssertion" legendClassName="mb-0">
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  name="signResponse"
                  defaultChecked={echo.checked("signResponse", "on", initial.signResponse)}
                  className="h-4 w-4 accent-emerald-700"
                />{" "}
                Sign response
              </label>
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  name="signAssertion"
                  defaultChecked={echo.checked("signAssertion", "on", initial.signAssertion)}
                  className="h-4 w-4 accent-emerald-700"
                />{" "}
                Sign assertion
              </label>
            </ChoiceGroup>
          </div>

          <div className="mt-6 max-w-3xl">
            <p id="attr-label" className="text-sm font-medium text-slate-800">
              Map attributes
            </p>
            <p className="text-xs text-slate-600">
              Each row sends a user property as a SAML attribute, e.g. Email address → uid.
            </p>
            {attributes.length > 0 && (
              <table className="mt-2 w-full text-sm" aria-labelledby="attr-label">
                <thead className="text-left text-xs font-semibold text-slate-600">
                  <tr>
                    <th scope="col" className="py-1 pr-2">
                      Portcullis attribute
                    </th>
                    <th scope="col" className="py-1 pr-2">
                      SAML Response attribute
                    </th>
                    <th scope="col" className="w-20 py-1">
                      <span className="sr-only">Remove</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {attributes.map((row, i) => (
                    <tr key={i} className="align-top" data-testid="attribute-row">
                      <td className="py-1 pr-2">
                        <select
                          id={cellId(`attributes.${i}.source`)}
                          aria-label={`User property of attribute ${i + 1}`}
                          className={inputClass}
                          value={row.source}
                          onChange={(e) =>
                            setAttributes((rows) =>
                              rows.map((r, j) => (j === i ? { ...r, source: e.target.value } : r)),
                            )
                          }
                        >
                          {sourceOptions.map((o) => (
                            <option key={o.value} value={o.value}>
                              {o.label}
                            </option>
                          ))}
                        </select>
                        <CellError msg={fe[`attributes.${i}.source`]} />
                      </td>
                      <td className="py-1 pr-2">
                        <input
                          id={cellId(`attributes.${i}.samlName`)}
                          aria-label={`SAML name of attribute ${i + 1}`}
                          className={inputClass}
                          value={row.samlName}
                          aria-invalid={!!fe[`attributes.${i}.samlName`]}
                          aria-describedby={
                            fe[`attributes.${i}.samlName`] ? `${cellId(`attributes.${i}.samlName`)}-error` : undefined
                          }
                          onChange={(e) =>
                            setAttributes((rows) =>
                              rows.map((r, j) => (j === i ? { ...r, samlName: e.target.value } : r)),
                            )
                          }
                        />
                        <CellError
                          msg={fe[`attributes.${i}.samlName`]}
                          id={`${cellId(`attributes.${i}.samlName`)}-error`}
                        />
                      </td>
                      <td className="py-1 text-right">
                        <Button
                          variant="ghost"
                          className="text-red-700"
                          onClick={() => setAttributes((rows) => rows.filter((_, j) => j !== i))}
                          aria-label={`Remove attribute ${i + 1}`}
                        >
                          Remove
                        </Button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <Button
              variant="secondary"
              className="mt-2"
              onClick={() => setAttributes((rows) => [...rows, { source: "email", samlName: "" }])}
            >
              Add an attribute
            </Button>
          </div>

          <div className="mt-6 max-w-3xl space-y-3">
            <p id="sp-certs-label" className="text-sm font-medium text-slate-800">
              Service provider signing certificates
            </p>
            <p className="text-xs text-slate-500">
              Signed requests from the service provider are accepted when any of these verifies them (key rollover).
            </p>
            <SpCertificateList certificates={spCertificates} />
            <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
              <input
                type="checkbox"
                name="requireSignedRequests"
                checked={requireSigned}
                onChange={(e) => setRequireSigned(e.target.checked)}
                className="h-4 w-4 accent-emerald-700"
              />
              Require signed AuthnRequests
            </label>
            {!readOnly && (
              <Button variant="ghost" aria-expanded={editPem || requireSigned} onClick={() => setEditPem((v) => !v)}>
                {editPem ? "Hide the certificates (PEM)" : "Edit the certificates (PEM)"}
              </Button>
            )}
            <div className={cx(!(editPem || (requireSigned && spCertificates.length === 0)) && "hidden")}>
              <TextAreaField
                label="Service provider certificate"
                name="spCertificatePem"
                rows={6}
                className="font-mono text-xs"
                defaultValue={text("spCertificatePem")}
                hint="One or more PEM certificates, one after another. AuthnRequests and LogoutRequests that carry a signature must verify with one of them (RSA-SHA256 or stronger)."
              />
            </div>
          </div>
        </Card>

        <Card title="Settings">
          <div className="max-w-3xl space-y-5">
            <TextField
              label="Name"
              name="name"
              required
              defaultValue={text("name")}
              hint="Users see this name in the application portal and on the sign-in page."
            />
            <TextAreaField
              label="Notes"
              name="notes"
              rows={3}
              defaultValue={text("notes")}
              hint="For administrators only."
            />
            <ChoiceGroup legend="User access" name="userAccess">
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name="userAccess"
                  value="ALL"
                  checked={userAccess === "ALL"}
                  onChange={() => setUserAccess("ALL")}
                  className="h-4 w-4 accent-emerald-700"
                />
                Enable for all users
              </label>
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name="userAccess"
                  value="GROUPS"
                  checked={userAccess === "GROUPS"}
                  onChange={() => setUserAccess("GROUPS")}
                  className="h-4 w-4 accent-emerald-700"
                />
                Only allow authentication from users in certain groups
              </label>
              {userAccess === "GROUPS" && (
                <ChoiceGroup
                  legend="Permitted groups"
                  name="permittedGroupIds"
                  className="mt-3 rounded-md border border-slate-200 p-3"
                  legendClassName="sr-only"
                >
                  {groups.length === 0 ? (
                    <p className="text-sm text-slate-600">
                      There are no groups yet. Create groups on the Groups page first.
                    </p>
                  ) : (
                    <div className="grid gap-1 sm:grid-cols-2">
                      {groups.map((g) => (
                        <label key={g.id} className="flex items-center gap-2 text-sm">
                          <input
                            type="checkbox"
                            name="permittedGroupIds"
                            value={g.id}
                            defaultChecked={echo.checked(
                              "permittedGroupIds",
                              g.id,
                              initial.permittedGroupIds.includes(g.id),
                            )}
                            className="h-4 w-4 accent-emerald-700"
                          />
                          {g.name}
                        </label>
                      ))}
                    </div>
                  )}
                </ChoiceGroup>
              )}
            </ChoiceGroup>
          </div>
        </Card>
      </fieldset>
      {!readOnly && (
        <div className="sticky bottom-0 -mx-6 flex flex-wrap items-center gap-4 border-t border-slate-200 bg-white/95 px-6 py-3 backdrop-blur">
          <SubmitButton>Save</SubmitButton>
          {form.state && !form.state.ok && (
            <span className="text-sm text-red-700">Nothing was saved. Correct the fields listed at the top.</span>
          )}
          <FormStatus form={form} className="flex-1 py-2" />
        </div>
      )}
    </>
  );
}
