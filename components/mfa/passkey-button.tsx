"use client";
// "Use the passkey" / "Create a passkey": runs the WebAuthn ceremony in the browser
// (@simplewebauthn/browser) against the server's options and verify endpoints, then goes
// where the server says. A dismissed prompt is reported (logged as user_mistake).
import { useState } from "react";
import { browserSupportsWebAuthn, startAuthentication, startRegistration } from "@simplewebauthn/browser";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

type Props = {
  mode: "authenticate" | "register";
  optionsUrl: string;
  verifyUrl: string;
  label: string;
  waiting: string;
  /** Error code -> message. */
  errors: Record<string, string>;
  variant?: "primary" | "secondary";
  /** Extra JSON sent with the verification (e.g. the portal's sealed state). */
  extra?: Record<string, string>;
  onDone?: (next: string) => void;
  /** Label of a "Remember me for N hours" checkbox, when the policy offers it (sent as `remember`). */
  remember?: string;
};

async function post(url: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
    credentials: "same-origin",
  });
  try {
    return (await res.json()) as Record<string, unknown>;
  } catch {
    return { error: "webauthn_failed" };
  }
}

export function PasskeyButton({
  mode,
  optionsUrl,
  verifyUrl,
  label,
  waiting,
  errors,
  variant = "primary",
  extra,
  onDone,
  remember,
}: Props) {
  const [busy, setBusy] = useState(false);
  const [rememberMe, setRememberMe] = useState(false);
  const rememberField = remember ? { remember: rememberMe } : {};
  const [error, setError] = useState<string | null>(null);

  async function run() {
    setError(null);
    if (!browserSupportsWebAuthn()) {
      setError(errors.webauthn_unsupported ?? errors.webauthn_failed ?? "");
      return;
    }
    setBusy(true);
    try {
      const opt = await post(optionsUrl, extra ?? {});
      if (!opt.options) {
        setError(errors[String(opt.error)] ?? errors.webauthn_failed ?? "");
        return;
      }
      const token = typeof opt.token === "string" ? { token: opt.token } : {};
      let body: Record<string, unknown>;
      try {
        const response =
          mode === "authenticate"
            ? await startAuthentication({
                optionsJSON: opt.options as Parameters<typeof startAuthentication>[0]["optionsJSON"],
              })
            : await startRegistration({
                optionsJSON: opt.options as Parameters<typeof startRegistration>[0]["optionsJSON"],
              });
        body = { ...extra, ...token, ...rememberField, response };
      } catch (e) {
        body = { ...extra, ...token, cancelled: e instanceof Error ? e.name : "Error" };
      }
      const result = await post(verifyUrl, body);
      if (typeof result.next === "string") {
        if (onDone) onDone(result.next);
        else window.location.assign(result.next);
        return;
      }
      setError(errors[String(result.error)] ?? errors.webauthn_failed ?? "");
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-3">
      {error && <Alert tone="error">{error}</Alert>}
      {remember && (
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            checked={rememberMe}
            onChange={(e) => setRememberMe(e.target.checked)}
            className="h-4 w-4 rounded border-slate-300 text-emerald-700 focus:ring-emerald-600"
          />
          {remember}
        </label>
      )}
      <Button type="button" variant={variant} className="w-full" onClick={run} disabled={busy}>
        {busy ? waiting : label}
      </Button>
    </div>
  );
}
