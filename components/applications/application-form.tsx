"use client";
// The application page's editable sections (Service Provider, SAML Response, Settings),
// with the same labels and order as Duo's Generic SAML Service Provider page.
import { useActionState, useState } from "react";
import { saveApplicationAction } from "@/app/(console)/admin/applications/actions";
import { FormMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { SelectField, TextAreaField, TextField, inputClass } from "@/components/ui/field";
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
  return msg ? (
    <p id={id} className="mt-1 text-xs text-red-700" role="alert">
      {msg}
    </p>
  ) : null;
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
  const [state, action] = useActionState(saveApplicationAction, null);
  const fe = state?.fieldErrors ?? {};
  // After a refused save the form shows what was typed, not the stored values.
  const sv = state?.values;
  const text = (k: keyof ApplicationFormValues & string) => (sv ? (sv[k] ?? "") : String(initial[k] ?? ""));
  const checked = (k: "signResponse" | "signAssertion") => (sv ? sv[k] === "on" : initial[k]);
  const [acs, setAcs] = useState(
    initial.acs.length ? initial.acs : [{ index: 1, url: "", binding: BINDING_POST, isDefault: true }],
  );
  const [attributes, setAttributes] = useState(initial.attributes);
  const [requireSigned, setRequireSigned] = useState(initial.requireSignedRequests);
  const [userAccess, setUserAccess] = useState(initial.userAccess);
  const [defaultFormat, setDefaultFormat] = useState(sv ? String(sv.nameIdFormat ?? "") : initial.nameIdFormat);
  const acceptedFormats: string[] = sv
    ? String(sv.nameIdFormatsAccepted ?? "")
        .split(" ")
        .filter(Boolean)
    : initial.nameIdFormatsAccepted;
  const [editPem, setEditPem] = useState(!!fe.spCertificatePem);

  const updateAcs = (i: number, patch: Partial<(typeof acs)[number]>) =>
    setAcs((rows) =>
      rows.map((r, j) => (j === i ? { ...r, ...patch } : patch.isDefault ? { ...r, isDefault: false } : r)),
    );
  const nextIndex = () => Math.max(0, ...acs.map((r) => Number(r.index) || 0)) + 1;

  return (
    <form action={action} className="space-y-8" noValidate>
      <input type="hidden" name="id" value={initial.id} />
      <input type="hidden" name="acsJson" value={JSON.stringify(acs)} />
      <input type="hidden" name="attributesJson" value={JSON.stringify(attributes)} />
      <fieldset disabled={readOnly} className="space-y-8">
        <Card title="Service Provider">
          <div className="max-w-3xl space-y-5">
            <TextField
              label="Entity ID"
              name="spEntityId"
              required
              defaultValue={text("spEntityId")}
              error={fe.spEntityId}
              hint="The unique identifier of the service provider."
            />

            <div>
              <p id="acs-label" className="text-sm font-medium text-slate-800">
                Assertion Consumer Service (ACS) URL <span className="text-red-700">*</span>
              </p>
              <p className="text-xs text-slate-500">Portcullis posts signed responses only to these URLs.</p>
              <table className="mt-2 w-full text-sm" aria-labelledby="acs-label">
                <thead className="text-left text-xs font-semibold text-slate-600">
                  <tr>
                    <th scope="col" className="w-24 py-1 pr-2">
                      Index
                    </th>
                    <th scope="col" className="py-1 pr-2">
                      URL
                    </th>
                    <th scope="col" className="w-32 py-1 pr-2">
                      Binding
                    </th>
                    <th scope="col" className="w-20 py-1 pr-2">
                      isDefault
                    </th>
                    <th scope="col" className="w-20 py-1">
                      <span className="sr-only">Remove</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {acs.map((row, i) => (
                    <tr key={i} className="align-top" data-testid="acs-row">
                      <td className="py-1 pr-2">
                        <input
                          aria-label={`Index of ACS URL ${i + 1}`}
                          inputMode="numeric"
                          className={inputClass}
                          value={String(row.index)}
                          aria-invalid={!!fe[`acs.${i}.index`]}
                          aria-describedby={fe[`acs.${i}.index`] ? `acs-${i}-index-error` : undefined}
                          onChange={(e) => updateAcs(i, { index: e.target.value as unknown as number })}
                        />
                        <CellError msg={fe[`acs.${i}.index`]} id={`acs-${i}-index-error`} />
                      </td>
                      <td className="py-1 pr-2">
                        <input
                          aria-label={`URL of ACS URL ${i + 1}`}
                          type="url"
                          className={inputClass}
                          value={row.url}
                          placeholder="https://sp.example.com/saml/acs"
                          aria-invalid={!!fe[`acs.${i}.url`]}
                          aria-describedby={fe[`acs.${i}.url`] ? `acs-${i}-url-error` : undefined}
                          onChange={(e) => updateAcs(i, { url: e.target.value })}
                        />
                        <CellError msg={fe[`acs.${i}.url`]} id={`acs-${i}-url-error`} />
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
              error={fe.sloUrl}
              hint="Optional. Where Portcullis sends logout requests and responses for this service provider."
            />
            <TextField
              label="Service Provider Login URL"
              name="spLoginUrl"
              type="url"
              defaultValue={text("spLoginUrl")}
              error={fe.spLoginUrl}
              hint="Optional. When set, the application portal opens this URL (service-provider-initiated sign-in) instead of signing in IdP-initiated."
            />
            <TextField
              label="Default Relay State"
              name="defaultRelayState"
              defaultValue={text("defaultRelayState")}
              error={fe.defaultRelayState}
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
                error={fe.nameIdFormat}
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
              error={fe.nameIdAttribute}
              hint="The user property sent as the NameID."
            />
            <SelectField
              label="Signature algorithm"
              name="signatureAlgorithm"
              options={algorithmOptions}
              defaultValue={text("signatureAlgorithm")}
              error={fe.signatureAlgorithm}
            />
            <fieldset>
              <legend className="text-sm font-medium text-slate-800">Signing options</legend>
              <label className="mt-2 flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  name="signResponse"
                  defaultChecked={checked("signResponse")}
                  className="h-4 w-4 accent-emerald-700"
                />{" "}
                Sign response
              </label>
              <label className="mt-1 flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  name="signAssertion"
                  defaultChecked={checked("signAssertion")}
                  className="h-4 w-4 accent-emerald-700"
                />{" "}
                Sign assertion
              </label>
              <CellError msg={fe.signAssertion} />
            </fieldset>
          </div>

          <div className="mt-6 max-w-3xl">
            <p id="attr-label" className="text-sm font-medium text-slate-800">
              Map attributes
            </p>
            <p className="text-xs text-slate-500">
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
                          aria-label={`SAML name of attribute ${i + 1}`}
                          className={inputClass}
                          value={row.samlName}
                          aria-invalid={!!fe[`attributes.${i}.samlName`]}
                          aria-describedby={fe[`attributes.${i}.samlName`] ? `attr-${i}-name-error` : undefined}
                          onChange={(e) =>
                            setAttributes((rows) =>
                              rows.map((r, j) => (j === i ? { ...r, samlName: e.target.value } : r)),
                            )
                          }
                        />
                        <CellError msg={fe[`attributes.${i}.samlName`]} id={`attr-${i}-name-error`} />
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
                error={fe.spCertificatePem}
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
              error={fe.name}
              hint="Users see this name in the application portal and on the sign-in page."
            />
            <TextAreaField
              label="Notes"
              name="notes"
              rows={3}
              defaultValue={text("notes")}
              error={fe.notes}
              hint="For administrators only."
            />
            <fieldset>
              <legend className="text-sm font-medium text-slate-800">User access</legend>
              <label className="mt-2 flex items-center gap-2 text-sm">
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
              <label className="mt-1 flex items-center gap-2 text-sm">
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
                <div className="mt-3 rounded-md border border-slate-200 p-3">
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
                            defaultChecked={initial.permittedGroupIds.includes(g.id)}
                            className="h-4 w-4 accent-emerald-700"
                          />
                          {g.name}
                        </label>
                      ))}
                    </div>
                  )}
                  <CellError msg={fe.permittedGroupIds} />
                </div>
              )}
            </fieldset>
          </div>
        </Card>
      </fieldset>
      {!readOnly && (
        <div className="sticky bottom-0 -mx-6 flex items-center gap-4 border-t border-slate-200 bg-white/95 px-6 py-3 backdrop-blur">
          <SubmitButton>Save</SubmitButton>
          <div className="flex-1">{state && !state.ok && <FormMessage state={state} />}</div>
        </div>
      )}
    </form>
  );
}
