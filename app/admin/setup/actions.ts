"use server";
import { redirect } from "next/navigation";
import { createFirstOwner } from "@/lib/services/setup/first-run";
import { runFormAction } from "@/app/_server/form-action";
import { clientIp } from "@/app/_server/request";
import type { FormState } from "@/components/ui/form-state";

export async function createOwnerAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const state = await runFormAction(async () => {
    await createFirstOwner(
      {
        setupCode: fd.get("setupCode"),
        email: fd.get("email"),
        name: fd.get("name"),
        password: fd.get("password"),
        confirm: fd.get("confirm"),
      },
      await clientIp(),
    );
  }, fd);
  if (state?.ok) redirect("/admin/login?setup=done");
  return state;
}
