"use server";
import { redirect } from "next/navigation";
import { requireActor } from "@/app/_server/actor";
import { runFormAction, savedResult } from "@/app/_server/form-action";
import type { FormState } from "@/components/ui/form-state";
import {
  addGroupMembers,
  createGroup,
  deleteGroup,
  removeGroupMember,
  updateGroup,
} from "@/lib/services/groups/manage-groups";

const groupInput = (fd: FormData) => ({
  name: fd.get("name") ?? "",
  description: fd.get("description") ?? "",
  status: fd.get("status") ?? "",
});

export async function createGroupAction(_prev: FormState, fd: FormData): Promise<FormState> {
  let id: string | undefined;
  const state = await runFormAction(async () => {
    id = (await createGroup(await requireActor(), groupInput(fd))).id;
  }, fd);
  if (id) redirect(`/admin/groups/${id}?created=1`);
  return state;
}

export async function updateGroupAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const id = String(fd.get("id") ?? "");
  return runFormAction(
    async () => savedResult(await updateGroup(await requireActor(), id, groupInput(fd)), "Group saved."),
    fd,
  );
}

export async function deleteGroupAction(_prev: FormState, fd: FormData): Promise<FormState> {
  let done = false;
  const state = await runFormAction(async () => {
    await deleteGroup(await requireActor(), String(fd.get("id") ?? ""));
    done = true;
  }, fd);
  if (done) redirect("/admin/groups?deleted=1");
  return state;
}

export async function addMembersAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const id = String(fd.get("id") ?? "");
  let added: string[] | undefined;
  const state = await runFormAction(async () => {
    added = (await addGroupMembers(await requireActor(), id, fd.getAll("userIds").map(String))).added;
  }, fd);
  if (added) redirect(`/admin/groups/${id}?added=${added.length}`);
  return state;
}

export async function removeMemberAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const id = String(fd.get("id") ?? "");
  let removed = false;
  const state = await runFormAction(async () => {
    await removeGroupMember(await requireActor(), id, String(fd.get("userId") ?? ""));
    removed = true;
  }, fd);
  if (removed)
    redirect(`/admin/groups/${id}?removed=${encodeURIComponent(String(fd.get("username") ?? "").slice(0, 100))}`);
  return state;
}
