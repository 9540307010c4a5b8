"use server";
import { revalidatePath } from "next/cache";
import { requireActor } from "@/app/_server/actor";
import { formObject, runFormAction } from "@/app/_server/form-action";
import type { FormState } from "@/components/ui/form-state";
import { updateLockoutSettings } from "@/lib/services/settings/lockout-settings";

export async function saveLockoutSettingsAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(async () => {
    const actor = await requireActor();
    await updateLockoutSettings(actor, formObject(fd));
    revalidatePath("/admin/settings/lockout");
    return "Lockout settings saved.";
  }, fd);
}
