"use server";
import { redirect } from "next/navigation";
import { headers } from "next/headers";
import { requireActor } from "@/app/_server/actor";
import { runFormAction } from "@/app/_server/form-action";
import { clientIpFrom } from "@/app/_server/request";
import type { FormState } from "@/components/ui/form-state";
import { endUserSessions } from "@/lib/services/sign-in/idp-logout";

/** "End sessions" on a user's page: ends every SSO session, then the SPs are told from this browser. */
export async function endSessionsAction(_prev: FormState, fd: FormData): Promise<FormState> {
  let next: string | undefined;
  const state = await runFormAction(async () => {
    const id = String(fd.get("id") ?? "");
    const h = await headers();
    const { runId, sessions } = await endUserSessions(await requireActor(), id, {
      ip: clientIpFrom((n) => h.get(n)),
      userAgent: h.get("user-agent"),
    });
    next = runId
      ? `/admin/users/${encodeURIComponent(id)}/sessions?run=${encodeURIComponent(runId)}`
      : `/admin/users/${encodeURIComponent(id)}/sessions?ended=${sessions}`;
  });
  if (next) redirect(next);
  return state;
}
