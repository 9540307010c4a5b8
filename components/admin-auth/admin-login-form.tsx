"use client";
import { useActionState, useState, useTransition } from "react";
import { useRouter, useSearchParams } from "next/navigation";
import { signIn } from "next-auth/react";
import { startSignInAction, verifyPasscodeAction } from "@/app/admin/login/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

export function AdminLoginForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action] = useActionState(startSignInAction, null);
  const params = useSearchParams();
  const next = state?.next;
  if (next) return <PasscodeStep key={next.ticket} step={next} callbackUrl={callbackUrl} />;
  const fe = state?.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      {params.get("setup") === "done" && !state && (
        <Alert tone="success">The Owner account was created. Sign in to enroll your authenticator app.</Alert>
      )}
      {state?.error && <Alert tone="error">{state.error}</Alert>}
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="username"
        required
        autoFocus
        defaultValue={state?.email}
        error={fe.email}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        error={fe.password}
      />
      <SubmitButton className="w-full" pendingLabel="Checking…">
        Continue
      </SubmitButton>
    </form>
  );
}

type Step = NonNullable<NonNullable<Awaited<ReturnType<typeof startSignInAction>>>["next"]>;

function PasscodeStep({ step, callbackUrl }: { step: Step; callbackUrl: string }) {
  const router = useRouter();
  // Each ticket is redeemed once: a wrong passcode comes back with a fresh one (or none, and
  // the person starts over with the password).
  const [ticket, setTicket] = useState<string | null>(step.ticket);
  const [error, setError] = useState<string | null>(null);
  const [codeError, setCodeError] = useState<string | undefined>(undefined);
  const [pending, startTransition] = useTransition();

  function submit(fd: FormData) {
    const code = String(fd.get("code") ?? "").replace(/\s+/g, "");
    setError(null);
    setCodeError(undefined);
    // A missing or malformed code is named beside the field (the server would only say
    // "Please correct the highlighted fields." with nothing highlighted).
    if (!/^\d{6}$/.test(code)) {
      setCodeError(code ? "The passcode is the 6 digits shown in your authenticator app." : "Enter the passcode.");
      return;
    }
    if (!ticket) return;
    startTransition(async () => {
      const verified = await verifyPasscodeAction(ticket, code);
      if ("error" in verified) {
        setError(verified.error);
        setTicket(verified.ticket);
        return;
      }
      const res = await signIn("admin-totp", { grant: verified.grant, redirect: false });
      if (!res || res.error) {
        setError(
          res?.error && res.error !== "CredentialsSignin"
            ? res.error
            : "Your sign-in expired. Enter your email and password again.",
        );
        setTicket(null);
        return;
      }
      router.replace(callbackUrl);
      router.refresh();
    });
  }

  return (
    <form action={submit} className="space-y-4" noValidate>
      {step.step === "enroll" ? (
        <div className="space-y-3 text-sm text-slate-700">
          <p className="font-medium text-slate-900">Set up two-factor authentication</p>
          <p>
            Scan this QR code with an authenticator app (Duo Mobile, Google Authenticator, 1Password…), then enter the
            6-digit code it shows.
          </p>
          {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL generated on the server */}
          <img
            src={step.qrDataUrl}
            alt="QR code for your authenticator app"
            width={200}
            height={200}
            className="mx-auto rounded border border-slate-200"
          />
          <p>
            Can&apos;t scan it? Enter this key:{" "}
            <code
              className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs break-all select-all"
              data-testid="totp-secret"
            >
              {step.secret}
            </code>
          </p>
        </div>
      ) : (
        <p className="text-sm text-slate-700">Enter the 6-digit code from your authenticator app.</p>
      )}
      {error && <Alert tone="error">{error}</Alert>}
      <TextField
        label="Passcode"
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]*"
        maxLength={6}
        required
        autoFocus
        disabled={!ticket}
        error={codeError}
      />
      <Button type="submit" className="w-full" disabled={pending || !ticket}>
        {pending ? "Verifying…" : step.step === "enroll" ? "Verify and sign in" : "Sign in"}
      </Button>
      <p className="text-center text-sm">
        <a href="/admin/login" className="text-emerald-700 underline">
          Start over
        </a>
      </p>
    </form>
  );
}
