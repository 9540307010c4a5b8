"use client";
import { useActionState } from "react";
import { protectApplicationAction } from "@/app/(console)/admin/applications/actions";
import { SubmitButton } from "@/components/ui/submit-button";

export function ProtectButton({ catalogId, name }: { catalogId: string; name: string }) {
  const [state, action] = useActionState(protectApplicationAction, null);
  return (
    <form action={action} className="flex items-center gap-3">
      <input type="hidden" name="catalogId" value={catalogId} />
      {state && !state.ok && (
        <span className="text-sm text-red-700" role="alert">
          {state.message}
        </span>
      )}
      <SubmitButton pendingLabel="Protecting…" aria-label={`Protect ${name}`}>
        Protect
      </SubmitButton>
    </form>
  );
}
