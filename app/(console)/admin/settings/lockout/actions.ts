"use server";
import { requireActor } from "@/app/_server/actor";
import { formObject, runFormAction, savedResult } from "@/app/_server/form-action";
import type { FormState } from "@/components/ui/form-state";
import { updateLockoutSettings } from "@/lib/services/settings/lockout-settings";

export async function saveLockoutSettingsAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(async () => {
    const actor = await requireActor();
    const { changed } = await updateLockoutSettings(actor, formObject(fd));
    return savedResult(changed, "Lockout settings saved.");
  }, fd);
}
