"use server";
import { revalidatePath } from "next/cache";
import { requireActor } from "@/app/_server/actor";
import { formObject, runFormAction } from "@/app/_server/form-action";
import type { FormState } from "@/components/ui/form-state";
import { updateTenantSettings } from "@/lib/services/settings/tenant-settings";

export async function saveTenantSettingsAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(async () => {
    const actor = await requireActor();
    await updateTenantSettings(actor, formObject(fd));
    revalidatePath("/admin", "layout");
    return "Settings saved.";
  }, fd);
}
