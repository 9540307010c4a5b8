"use client";
// The "Enabled" switch of an integration (Duo: "Enable ... Integration" section).
import { useFormStatus } from "react-dom";
import { toggleIntegrationAction } from "@/app/(console)/admin/trusted-endpoints/actions";
import { ActionForm, FormStatus, useFormAction } from "@/components/ui/action-form";
import { cx } from "@/components/ui/cx";

function Switch({ enabled, disabled }: { enabled: boolean; disabled: boolean }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      role="switch"
      aria-checked={enabled}
      aria-label="Enabled"
      disabled={disabled || pending}
      className={cx(
        "relative inline-flex h-6 w-11 shrink-0 items-center rounded-full transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-emerald-700 disabled:cursor-not-allowed disabled:opacity-60",
        enabled ? "bg-emerald-700" : "bg-slate-300",
      )}
    >
      <span
        aria-hidden
        className={cx(
          "inline-block h-5 w-5 rounded-full bg-white shadow transition-transform",
          enabled ? "translate-x-5" : "translate-x-0.5",
        )}
      />
    </button>
  );
}

export function EnabledToggle({
  id,
  enabled,
  canManage,
  description,
}: {
  id: string;
  enabled: boolean;
  canManage: boolean;
  description?: string;
}) {
  const form = useFormAction(toggleIntegrationAction);
  return (
    <div className="space-y-3">
      <ActionForm form={form} className="flex flex-wrap items-center gap-3" summaryClassName="basis-full">
        <input type="hidden" name="id" value={id} />
        <input type="hidden" name="enabled" value={enabled ? "false" : "true"} />
        <Switch enabled={enabled} disabled={!canManage} />
        <span className="text-sm font-medium text-slate-800" aria-hidden>
          {enabled ? "Enabled" : "Disabled"}
        </span>
      </ActionForm>
      {description && <p className="text-sm text-slate-600">{description}</p>}
      <FormStatus form={form} />
    </div>
  );
}
