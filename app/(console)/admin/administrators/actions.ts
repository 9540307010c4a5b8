"use server";
import { requireActor } from "@/app/_server/actor";
import { formObject, runFormAction, savedResult } from "@/app/_server/form-action";
import type { FormState } from "@/components/ui/form-state";
import {
  changeAdministratorRole,
  createAdministrator,
  removeAdministrator,
  unlockAdministrator,
} from "@/lib/services/admins/manage-admins";

export async function addAdministratorAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(async () => {
    const actor = await requireActor();
    const created = await createAdministrator(actor, formObject(fd));
    return `Added ${created.email}. They enroll their authenticator app at first sign-in.`;
  }, fd);
}

export async function changeRoleAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(async () => {
    const actor = await requireActor();
    return savedResult(await changeAdministratorRole(actor, formObject(fd)), "Role changed.");
  }, fd);
}

export async function removeAdministratorAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(async () => {
    const actor = await requireActor();
    await removeAdministrator(actor, String(fd.get("adminId") ?? ""));
    return "Administrator removed.";
  }, fd);
}

export async function unlockAdministratorAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(async () => {
    const actor = await requireActor();
    await unlockAdministrator(actor, String(fd.get("adminId") ?? ""));
    return "Unlocked.";
  });
}
