"use server";
import { revalidatePath } from "next/cache";
import { requireActor } from "@/app/_server/actor";
import { formObject, runFormAction, savedResult } from "@/app/_server/form-action";
import type { FormState } from "@/components/ui/form-state";
import { updateTenantSettings } from "@/lib/services/settings/tenant-settings";

export async function saveTenantSettingsAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(async () => {
    const actor = await requireActor();
    const { changed } = await updateTenantSettings(actor, formObject(fd));
    // The tenant name is in the console's layout.
    if (changed) revalidatePath("/admin", "layout");
    return savedResult(changed, "Settings saved.");
  }, fd);
}
