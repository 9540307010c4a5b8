"use client";
import { useActionState } from "react";
import { endSessionsAction } from "@/app/(console)/admin/users/[id]/sessions/actions";
import { FormMessage } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";

/** Ends every SSO session of the user and signs them out of the applications that support Single Logout. */
export function EndSessionsButton({ userId }: { userId: string }) {
  const [state, action] = useActionState(endSessionsAction, null);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="id" value={userId} />
      <SubmitButton variant="secondary" pendingLabel="Ending sessions…">
        End sessions
      </SubmitButton>
      {state && !state.ok && <FormMessage state={state} />}
    </form>
  );
}
