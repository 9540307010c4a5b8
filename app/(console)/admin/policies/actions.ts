"use server";
// Server actions of the Policies page, the policy editor and the application page's policy
// panel. Thin: read the form, call the use case, return the form state (a new policy
// redirects to its page).
import { redirect } from "next/navigation";
import { requireActor } from "@/app/_server/actor";
import { runFormAction, savedResult } from "@/app/_server/form-action";
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
  let created: string | undefined;
  const state = await runFormAction(async () => {
    const actor = await requireActor();
    const id = s(fd, "id");
    const input = policyInputFromForm(fd, s(fd, "isGlobal") === "1");
    if (id) return savedResult(await updatePolicy(actor, id, input), "Policy saved.");
    created = (await createPolicy(actor, input)).id;
  }, fd);
  if (created) redirect(`/admin/policies/${created}?created=1`);
  return state;
}

export async function deletePolicyAction(_prev: FormState, fd: FormData): Promise<FormState> {
  let done = false;
  const state = await runFormAction(async () => {
    await deletePolicy(await requireActor(), s(fd, "id"));
    done = true;
  }, fd);
  if (done) redirect("/admin/policies?deleted=1");
  return state;
}

export async function applyApplicationPolicyAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(async () => {
    const changed = await applyApplicationPolicy(await requireActor(), s(fd, "applicationId"), s(fd, "policyId"));
    return savedResult(changed, "Policy applied to the application.");
  }, fd);
}

export async function applyGroupPolicyAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(async () => {
    const id = s(fd, "applicationId");
    const changed = await applyGroupPolicy(
      await requireActor(),
      id,
      s(fd, "groupPolicyId"),
      fd.getAll("groupIds").map(String),
    );
    return savedResult(changed, "Group policy applied.");
  }, fd);
}

export async function removePolicyAssignmentAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(async () => {
    await removePolicyAssignment(await requireActor(), s(fd, "applicationId"), s(fd, "assignmentId"));
    return "Policy removed from the application.";
  }, fd);
}

export async function moveGroupPolicyAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(async () => {
    const id = s(fd, "applicationId");
    await moveGroupPolicy(await requireActor(), id, s(fd, "assignmentId"), s(fd, "direction") === "up" ? "up" : "down");
    return "Group policies reordered.";
  }, fd);
}
