"use server";
import { requireActor } from "@/app/_server/actor";
import { runFormAction } from "@/app/_server/form-action";
import type { FormState } from "@/components/ui/form-state";
import { createNextKey, promoteKey, retireKey } from "@/lib/services/signing-keys/signing-keys";

export async function signingKeyAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(async () => {
    const actor = await requireActor();
    const op = String(fd.get("op") ?? "");
    let message: string;
    if (op === "create-next") {
      await createNextKey(actor);
      message =
        "Created the next certificate. It is now published in every application's metadata beside the active one.";
    } else if (op === "promote") {
      await promoteKey(actor);
      message = "The next certificate now signs responses. The previous one stays published until you retire it.";
    } else if (op === "retire") {
      await retireKey(actor, String(fd.get("keyId") ?? ""));
      message = "Certificate retired and removed from metadata.";
    } else {
      return "Nothing to do.";
    }
    return message;
  }, fd);
}
