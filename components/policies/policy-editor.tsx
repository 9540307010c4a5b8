"use client";
// The policy editor (Duo's): a name and description, then the six sections. In a custom
// policy each section is either "Not configured" (inherited from the application's policy or
// the Global Policy) or set here; the Global Policy sets every section. Validation happens
// on the server; errors come back beside their fields and nothing is saved.
import { useState, type ReactNode } from "react";
import { savePolicyAction } from "@/app/(console)/admin/policies/actions";
import { ActionForm, FormStatus, useEcho, useFormAction, type FormAction } from "@/components/ui/action-form";
import type { FormState } from "@/components/ui/form-state";
import { Badge } from "@/components/ui/badge";
import { Choice, ChoiceGroup, TextAreaField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { cx } from "@/components/ui/cx";
import {
  AUTHENTICATION_ACTIONS,
  AUTHENTICATION_LABELS,
  AUTHORIZED_NETWORKS_LABELS,
  BLOCK_COMPROMISED_LABEL,
  FACTOR_LABELS,
  FACTORS,
  NEW_USER_ACTIONS,
  NEW_USER_LABELS,
  OUTSIDE_NETWORK_ACTIONS,
  OUTSIDE_NETWORK_LABELS,
  REMEMBERED_DEVICES_LABELS,
  REMEMBERED_HOURS_MAX,
  REMEMBERED_HOURS_MIN,
  SECTION_KEYS,
  SECTION_LABELS,
  TRUSTED_ENDPOINT_LABELS,
  TRUSTED_ENDPOINT_MODES,
  type CompletePolicySettings,
  type CustomPolicySettings,
  type SectionKey,
} from "@/lib/policy/settings";

export type PolicyEditorProps = {
  policy: { id: string | null; name: string; description: string; isGlobal: boolean; settings: CustomPolicySettings };
  /** Values a section starts from when it is switched on (the Global Policy's). */
  inherited: CompletePolicySettings;
  readOnly: boolean;
};

const SECTION_HINTS: Record<SectionKey, string> = {
  newUserPolicy: "Controls what happens to users who have not enrolled an authenticator.",
  authenticationPolicy: "Whether two-factor authentication is required.",
  authenticationMethods: "Which authenticators users may enroll and use.",
  trustedEndpoints:
    "Whether the access device must be a trusted endpoint (Trusted Endpoints integrations, Cisco Secure Endpoint).",
  rememberedDevices: "Let users skip two-factor authentication on the same browser for a while, per application.",
  authorizedNetworks:
    "IP networks from which users may sign in without two-factor authentication, and what happens elsewhere.",
};

export function PolicyEditor(props: PolicyEditorProps) {
  const form = useFormAction(savePolicyAction);
  return (
    <ActionForm form={form} className="grid gap-6 lg:grid-cols-[14rem_1fr]" summaryClassName="lg:col-span-2">
      <input type="hidden" name="id" value={props.policy.id ?? ""} />
      <input type="hidden" name="isGlobal" value={props.policy.isGlobal ? "1" : "0"} />
      <PolicyFields {...props} form={form} />
    </ActionForm>
  );
}

/** The editor's fields; mounted again from the stored policy after each save. */
function PolicyFields({ policy, inherited, readOnly, form }: PolicyEditorProps & { form: FormAction<FormState> }) {
  const echo = useEcho();
  const fe = form.state && !form.state.ok ? (form.state.fieldErrors ?? {}) : {};
  const start = { ...inherited, ...policy.settings } as CompletePolicySettings;

  const [configured, setConfigured] = useState<Record<SectionKey, boolean>>(
    Object.fromEntries(
      SECTION_KEYS.map((k) => [
        k,
        policy.isGlobal || echo.checked(`configured.${k}`, "on", policy.settings[k] !== undefined),
      ]),
    ) as Record<SectionKey, boolean>,
  );
  const [name, setName] = useState(echo.text("name", policy.name));
  const [description, setDescription] = useState(echo.text("description", policy.description));
  const [newUser, setNewUser] = useState<string>(echo.text("newUserPolicy.action", start.newUserPolicy.action));
  const [auth, setAuth] = useState<string>(echo.text("authenticationPolicy.action", start.authenticationPolicy.action));
  const [methods, setMethods] = useState<string[]>([
    ...echo.all("authenticationMethods.allowed", start.authenticationMethods.allowed),
  ]);
  const [teMode, setTeMode] = useState<string>(echo.text("trustedEndpoints.mode", start.trustedEndpoints.mode));
  const [teBlock, setTeBlock] = useState(
    echo.checked("trustedEndpoints.blockCompromised", "on", start.trustedEndpoints.blockCompromised),
  );
  const [rdEnabled, setRdEnabled] = useState(
    echo.checked("rememberedDevices.enabled", "on", start.rememberedDevices.enabled),
  );
  const [rdHours, setRdHours] = useState(echo.text("rememberedDevices.hours", String(start.rememberedDevices.hours)));
  const [networks, setNetworks] = useState(
    echo.text("authorizedNetworks.allowList", start.authorizedNetworks.allowList.join("\n")),
  );
  const [without2fa, setWithout2fa] = useState(
    echo.checked("authorizedNetworks.allowWithout2fa", "on", start.authorizedNetworks.allowWithout2fa),
  );
  const [outside, setOutside] = useState<string>(
    echo.text("authorizedNetworks.outside", start.authorizedNetworks.outside),
  );

  const sectionError = (k: SectionKey) => Object.keys(fe).some((f) => f === k || f.startsWith(`${k}.`));

  const section = (key: SectionKey, body: ReactNode) => (
    <section
      id={`section-${key}`}
      aria-labelledby={`h-${key}`}
      className="scroll-mt-6 rounded-lg border border-slate-200 bg-white shadow-sm"
    >
      <header className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-200 px-5 py-4">
        <div>
          <h2 id={`h-${key}`} className="text-base font-semibold text-slate-900">
            {SECTION_LABELS[key]}
          </h2>
          <p className="mt-0.5 text-sm text-slate-600">{SECTION_HINTS[key]}</p>
        </div>
        {!policy.isGlobal && (
          <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
            <input
              type="checkbox"
              name={`configured.${key}`}
              checked={configured[key]}
              disabled={readOnly}
              onChange={(e) => setConfigured((c) => ({ ...c, [key]: e.target.checked }))}
              className="h-4 w-4 rounded border-slate-300 text-emerald-700 focus:ring-emerald-600"
            />
            Set {SECTION_LABELS[key]} in this policy
          </label>
        )}
      </header>
      <div className="px-5 py-4">
        {configured[key] ? (
          <fieldset disabled={readOnly} className="space-y-5">
            {body}
          </fieldset>
        ) : (
          <p className="text-sm text-slate-600" data-testid={`inherited-${key}`}>
            Not configured: inherited from the application&apos;s policy or the Global Policy.
          </p>
        )}
      </div>
    </section>
  );

  return (
    <>
      <nav aria-label="Policy sections" className="lg:sticky lg:top-6 lg:self-start">
        <ul className="space-y-1 text-sm">
          {SECTION_KEYS.map((k) => (
            <li key={k}>
              <a
                href={`#section-${k}`}
                className={cx(
                  "flex items-center justify-between gap-2 rounded-md px-3 py-2 hover:bg-slate-100",
                  sectionError(k) ? "text-red-700" : "text-slate-700",
                )}
              >
                <span>{SECTION_LABELS[k]}</span>
                {sectionError(k) ? (
                  <Badge tone="red">Error</Badge>
                ) : (
                  !policy.isGlobal && (configured[k] ? <Badge tone="green">Set</Badge> : <Badge>Inherited</Badge>)
                )}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      <div className="min-w-0 space-y-6">
        <section aria-labelledby="h-policy" className="rounded-lg border border-slate-200 bg-white shadow-sm">
          <header className="border-b border-slate-200 px-5 py-4">
            <h2 id="h-policy" className="text-base font-semibold text-slate-900">
              Policy
            </h2>
          </header>
          <fieldset disabled={readOnly} className="max-w-xl space-y-4 px-5 py-4">
            {policy.isGlobal ? (
              <p className="text-sm text-slate-600">
                The Global Policy applies to every application and user unless a custom policy applied to the
                application or a group overrides a section. It cannot be renamed or deleted.
              </p>
            ) : (
              <TextField
                label="Policy name"
                name="name"
                required
                value={name}
                onChange={(e) => setName(e.target.value)}
                maxLength={100}
              />
            )}
            <TextAreaField
              label="Description"
              name="description"
              rows={2}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              maxLength={500}
            />
          </fieldset>
        </section>

        {section(
          "newUserPolicy",
          <ChoiceGroup
            legend="Users who have not enrolled"
            name="newUserPolicy.action"
            error={fe["newUserPolicy.action"] ?? fe.newUserPolicy}
          >
            {NEW_USER_ACTIONS.map((a) => (
              <Choice
                key={a}
                type="radio"
                name="newUserPolicy.action"
                value={a}
                checked={newUser === a}
                onChange={() => setNewUser(a)}
                label={NEW_USER_LABELS[a].label}
                description={NEW_USER_LABELS[a].description}
              />
            ))}
          </ChoiceGroup>,
        )}

        {section(
          "authenticationPolicy",
          <ChoiceGroup
            legend="Two-factor authentication"
            name="authenticationPolicy.action"
            error={fe["authenticationPolicy.action"] ?? fe.authenticationPolicy}
          >
            {AUTHENTICATION_ACTIONS.map((a) => (
              <Choice
                key={a}
                type="radio"
                name="authenticationPolicy.action"
                value={a}
                checked={auth === a}
                onChange={() => setAuth(a)}
                label={AUTHENTICATION_LABELS[a].label}
                description={AUTHENTICATION_LABELS[a].description}
              />
            ))}
          </ChoiceGroup>,
        )}

        {section(
          "authenticationMethods",
          <ChoiceGroup
            legend="Allowed authentication methods"
            name="authenticationMethods.allowed"
            error={fe["authenticationMethods.allowed"] ?? fe.authenticationMethods}
          >
            {FACTORS.map((f) => (
              <Choice
                key={f}
                type="checkbox"
                name="authenticationMethods.allowed"
                value={f}
                checked={methods.includes(f)}
                onChange={(on) => setMethods((m) => (on ? [...m, f] : m.filter((x) => x !== f)))}
                label={FACTOR_LABELS[f].label}
                description={FACTOR_LABELS[f].description}
              />
            ))}
          </ChoiceGroup>,
        )}

        {section(
          "trustedEndpoints",
          <ChoiceGroup
            legend="Trusted Endpoints policy"
            name="trustedEndpoints.mode"
            error={fe["trustedEndpoints.mode"] ?? fe.trustedEndpoints}
          >
            {TRUSTED_ENDPOINT_MODES.map((m) => (
              <Choice
                key={m}
                type="radio"
                name="trustedEndpoints.mode"
                value={m}
                checked={teMode === m}
                onChange={() => setTeMode(m)}
                label={TRUSTED_ENDPOINT_LABELS[m].label}
                description={TRUSTED_ENDPOINT_LABELS[m].description}
              >
                {m === "require_trusted" && (
                  // Seed 002: the Cisco Secure Endpoint option belongs to "Require endpoints to be trusted".
                  <div className="mt-2 border-l-2 border-slate-200 pl-3" data-testid="block-compromised">
                    <Choice
                      type="checkbox"
                      name="trustedEndpoints.blockCompromised"
                      value="on"
                      checked={teMode === "require_trusted" && teBlock}
                      disabled={teMode !== "require_trusted"}
                      onChange={setTeBlock}
                      label={BLOCK_COMPROMISED_LABEL.label}
                      description={
                        teMode === "require_trusted"
                          ? BLOCK_COMPROMISED_LABEL.description
                          : "Available when endpoints must be trusted."
                      }
                    />
                  </div>
                )}
              </Choice>
            ))}
          </ChoiceGroup>,
        )}

        {section(
          "rememberedDevices",
          <>
            <Choice
              type="checkbox"
              name="rememberedDevices.enabled"
              value="on"
              checked={rdEnabled}
              onChange={setRdEnabled}
              label={REMEMBERED_DEVICES_LABELS.enabled.label}
              description={REMEMBERED_DEVICES_LABELS.enabled.description}
            />
            <div className="max-w-xs">
              <TextField
                label={REMEMBERED_DEVICES_LABELS.hours.label}
                name="rememberedDevices.hours"
                type="number"
                inputMode="numeric"
                min={REMEMBERED_HOURS_MIN}
                max={REMEMBERED_HOURS_MAX}
                step={1}
                value={rdHours}
                onChange={(e) => setRdHours(e.target.value)}
                hint={REMEMBERED_DEVICES_LABELS.hours.description}
              />
            </div>
          </>,
        )}

        {section(
          "authorizedNetworks",
          <>
            <div className="max-w-xl">
              <TextAreaField
                label={AUTHORIZED_NETWORKS_LABELS.allowList.label}
                name="authorizedNetworks.allowList"
                rows={4}
                spellCheck={false}
                className="font-mono"
                placeholder={"192.0.2.0/24\n2001:db8::/32"}
                value={networks}
                onChange={(e) => setNetworks(e.target.value)}
                hint={AUTHORIZED_NETWORKS_LABELS.allowList.description}
              />
            </div>
            <Choice
              type="checkbox"
              name="authorizedNetworks.allowWithout2fa"
              value="on"
              checked={without2fa}
              onChange={setWithout2fa}
              label={AUTHORIZED_NETWORKS_LABELS.allowWithout2fa.label}
              description={AUTHORIZED_NETWORKS_LABELS.allowWithout2fa.description}
            />
            <ChoiceGroup
              legend={AUTHORIZED_NETWORKS_LABELS.outside.label}
              name="authorizedNetworks.outside"
              hint={AUTHORIZED_NETWORKS_LABELS.outside.description}
            >
              {OUTSIDE_NETWORK_ACTIONS.map((a) => (
                <Choice
                  key={a}
                  type="radio"
                  name="authorizedNetworks.outside"
                  value={a}
                  checked={outside === a}
                  onChange={() => setOutside(a)}
                  label={OUTSIDE_NETWORK_LABELS[a].label}
                  description={OUTSIDE_NETWORK_LABELS[a].description}
                />
              ))}
            </ChoiceGroup>
          </>,
        )}

        {!readOnly && (
          <div className="sticky bottom-0 -mx-1 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-slate-50/95 px-1 py-3">
            <SubmitButton pendingLabel="Saving…">{policy.id ? "Save Policy" : "Create Policy"}</SubmitButton>
            {Object.keys(fe).length > 0 && (
              <span className="text-sm text-red-700">Nothing was saved. Correct the highlighted fields.</span>
            )}
            <FormStatus form={form} className="py-2" />
          </div>
        )}
      </div>
    </>
  );
}
