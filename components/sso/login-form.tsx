"use client";
import { useActionState, useEffect, useRef } from "react";
import { identifyAction, passwordAction, restartAction, type LoginState } from "@/app/(login)/sso/login/actions";
import { Alert } from "@/components/ui/alert";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

type Messages = Record<
  | "title"
  | "subtitle"
  | "identifier"
  | "password"
  | "next"
  | "submit"
  | "notYou"
  | "signedInAs"
  | "invalid_credentials"
  | "missing_identifier"
  | "missing_password"
  | "expired"
  | "another"
  | "disabledTitle"
  | "disabledBody"
  | "lockedTitle"
  | "lockedBody"
  | "groupTitle"
  | "groupBody"
  | "newUserTitle"
  | "newUserBody"
  | "policyTitle"
  | "policyBody"
  | "noFactorTitle"
  | "noFactorBody"
  | "networkTitle"
  | "networkBody"
  | "untrustedTitle"
  | "untrustedBody"
  | "compromisedTitle"
  | "compromisedBody",
  string
>;

function Denied({ state, m }: { state: LoginState; m: Messages }) {
  if (state?.outcome.kind !== "denied") return null;
  const texts = {
    user_disabled: [m.disabledTitle, m.disabledBody],
    locked_out: [m.lockedTitle, m.lockedBody],
    user_not_in_permitted_group: [m.groupTitle, m.groupBody],
    new_user_denied: [m.newUserTitle, m.newUserBody],
    policy_denied: [m.policyTitle, m.policyBody],
    no_allowed_factor: [m.noFactorTitle, m.noFactorBody],
    network_not_authorized: [m.networkTitle, m.networkBody],
    endpoint_not_trusted: [m.untrustedTitle, m.untrustedBody],
    endpoint_compromised: [m.compromisedTitle, m.compromisedBody],
  } as const;
  const [title, body] = texts[state.outcome.reason];
  return (
    <div className="space-y-5">
      <div role="alert" data-testid="sign-in-denied" className="space-y-2">
        <h1 className="text-xl font-semibold text-red-800">{title}</h1>
        <p className="text-sm text-slate-700">{body}</p>
      </div>
      {/* Not a dead end: back to the first step, for the same application. */}
      <form action="/sso/restart" method="post">
        <button
          type="submit"
          className="inline-flex w-full items-center justify-center rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-emerald-700"
        >
          {m.another}
        </button>
      </form>
    </div>
  );
}

function Heading({ m }: { m: Messages }) {
  return (
    <div className="mb-6">
      <h1 className="text-xl font-semibold text-slate-900">{m.title}</h1>
      <p className="mt-1 text-sm text-slate-600">{m.subtitle}</p>
    </div>
  );
}

export function LoginForm({
  messages: m,
  expired,
  initialStep,
}: {
  messages: Messages;
  expired: boolean;
  initialStep: { identifier: string } | null;
}) {
  const [idState, identify] = useActionState(identifyAction, null);
  const [pwState, submitPassword] = useActionState(passwordAction, null);
  const identifier =
    pwState?.identifier ?? (idState?.outcome.kind === "password" ? idState.identifier : initialStep?.identifier);

  const next = pwState?.next ?? idState?.next;
  const navigated = useRef(false);
  useEffect(() => {
    // Once only (React runs effects twice in development): /resume answers each login once.
    if (next && !navigated.current) {
      navigated.current = true;
      window.location.assign(next);
    }
  }, [next]);
  if (next)
    return (
      <>
        <Heading m={m} />
        <p className="text-sm text-slate-600" role="status">
          …
        </p>
      </>
    );
  if (pwState?.outcome.kind === "denied") return <Denied state={pwState} m={m} />;
  const errorOf = (s: LoginState) => (s?.outcome.kind === "error" ? m[s.outcome.error] : null);

  if (!identifier) {
    const err = errorOf(idState) ?? (expired ? m.expired : null);
    return (
      <form action={identify} className="space-y-4" noValidate>
        <Heading m={m} />
        {err && <Alert tone="error">{err}</Alert>}
        <TextField
          label={m.identifier}
          name="identifier"
          autoComplete="username"
          autoFocus
          required
          defaultValue={idState?.identifier}
        />
        <SubmitButton className="w-full" pendingLabel="…">
          {m.next}
        </SubmitButton>
      </form>
    );
  }

  const err = errorOf(pwState);
  return (
    <form action={submitPassword} className="space-y-4" noValidate>
      <Heading m={m} />
      <p className="text-sm text-slate-600">
        {m.signedInAs} <strong className="font-medium text-slate-900">{identifier}</strong>
      </p>
      {err && <Alert tone="error">{err}</Alert>}
      {/* lets password managers pair the password with the account */}
      <input type="text" name="username" autoComplete="username" value={identifier} readOnly hidden />
      <TextField
        label={m.password}
        name="password"
        type="password"
        autoComplete="current-password"
        autoFocus
        required
      />
      <SubmitButton className="w-full" pendingLabel="…">
        {m.submit}
      </SubmitButton>
      <button
        type="button"
        className="w-full text-center text-sm text-emerald-800 underline-offset-2 hover:underline"
        onClick={async () => {
          await restartAction();
          window.location.reload(); // the page renders the first step again
        }}
      >
        {m.notYou}
      </button>
    </form>
  );
}
