"use server";
// Server actions of the Policies page, the policy editor and the application page's policy
// panel. Thin: read the form, call the use case, redirect or return the form state.
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { requireActor } from "@/app/_server/actor";
import { runFormAction } from "@/app/_server/form-action";
import type { FormState } from "@/components/ui/form-state";
import { createPolicy, deletePolicy, updatePolicy } from "@/lib/services/policies/manage-policies";
import {
  applyApplicationPolicy,
  applyGroupPolicy,
  moveGroupPolicy,
  removePolicyAssignment,
} from "@/lib/services/policies/assignments";
import { policyInputFromForm } from "@/lib/services/policies/policy-form";

const s = (fd: FormData, name: string) => String(fd.get(name) ?? "");

export async function savePolicyAction(_prev: FormState, fd: FormData): Promise<FormState> {
  let done: string | undefined;
  const state = await runFormAction(async () => {
    const actor = await requireActor();
    const id = s(fd, "id");
    const isGlobal = s(fd, "isGlobal") === "1";
    const input = policyInputFromForm(fd, isGlobal);
    done = id ? (await updatePolicy(actor, id, input)).id : (await createPolicy(actor, input)).id;
  });
  if (done) {
    revalidatePath("/admin/policies");
    redirect(`/admin/policies/${done}?saved=1`);
  }
  return state;
}

export async function deletePolicyAction(_prev: FormState, fd: FormData): Promise<FormState> {
  let done = false;
  const state = await runFormAction(async () => {
    await deletePolicy(await requireActor(), s(fd, "id"));
    done = true;
  });
  if (done) redirect("/admin/policies?deleted=1");
  return state;
}

const backToApp = (appId: string, note: string) => {
  revalidatePath(`/admin/applications/${appId}`);
  redirect(`/admin/applications/${appId}?policy=${note}#policy`);
};

export async function applyApplicationPolicyAction(_prev: FormState, fd: FormData): Promise<FormState> {
  let appId: string | undefined;
  const state = await runFormAction(async () => {
    const id = s(fd, "applicationId");
    await applyApplicationPolicy(await requireActor(), id, s(fd, "policyId"));
    appId = id;
  });
  if (appId) backToApp(appId, "applied");
  return state;
}

export async function applyGroupPolicyAction(_prev: FormState, fd: FormData): Promise<FormState> {
  let appId: string | undefined;
  const state = await runFormAction(async () => {
    const id = s(fd, "applicationId");
    await applyGroupPolicy(await requireActor(), id, s(fd, "groupPolicyId"), fd.getAll("groupIds").map(String));
    appId = id;
  });
  if (appId) backToApp(appId, "group-applied");
  return state;
}

export async function removePolicyAssignmentAction(_prev: FormState, fd: FormData): Promise<FormState> {
  let appId: string | undefined;
  const state = await runFormAction(async () => {
    const id = s(fd, "applicationId");
    await removePolicyAssignment(await requireActor(), id, s(fd, "assignmentId"));
    appId = id;
  });
  if (appId) backToApp(appId, "removed");
  return state;
}

export async function moveGroupPolicyAction(_prev: FormState, fd: FormData): Promise<FormState> {
  let appId: string | undefined;
  const state = await runFormAction(async () => {
    const id = s(fd, "applicationId");
    await moveGroupPolicy(await requireActor(), id, s(fd, "assignmentId"), s(fd, "direction") === "up" ? "up" : "down");
    appId = id;
  });
  if (appId) backToApp(appId, "reordered");
  return state;
}
