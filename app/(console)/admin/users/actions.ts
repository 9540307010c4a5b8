"use server";
import { redirect } from "next/navigation";
import { requireActor } from "@/app/_server/actor";
import { runFormAction, savedResult } from "@/app/_server/form-action";
import type { FormState } from "@/components/ui/form-state";
import {
  addToGroup,
  createResetLink,
  createUser,
  deleteUser,
  generateBypassCodes,
  removeAuthenticator,
  removeBypassCode,
  removeFromGroup,
  restoreDeletedUser,
  unlockUser,
  updateUser,
} from "@/lib/services/users/manage-users";

const s = (fd: FormData, k: string) => String(fd.get(k) ?? "");
/** An optional whole number from a form field: "" -> null, "abc" -> NaN (zod explains it). */
const intOrNull = (v: string) => (v.trim() === "" ? null : /^-?\d+$/.test(v.trim()) ? Number(v.trim()) : Number.NaN);

export async function createUserAction(_prev: FormState, fd: FormData): Promise<FormState> {
  let id: string | undefined;
  const state = await runFormAction(async () => {
    const created = await createUser(await requireActor(), {
      username: s(fd, "username"),
      email: s(fd, "email"),
      realName: s(fd, "realName"),
      status: s(fd, "status"),
      aliases: s(fd, "aliases"),
      groupIds: fd.getAll("groupIds").map(String),
    });
    id = created.id;
  }, fd);
  if (id) redirect(`/admin/users/${id}?created=1`);
  return state;
}

export async function updateUserAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const id = s(fd, "id");
  return runFormAction(async () => {
    const changed = await updateUser(await requireActor(), id, {
      email: s(fd, "email"),
      realName: s(fd, "realName"),
      status: s(fd, "status"),
      aliases: s(fd, "aliases"),
    });
    return savedResult(changed);
  }, fd);
}

export async function addToGroupAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const id = s(fd, "id");
  return runFormAction(async () => {
    const name = await addToGroup(await requireActor(), id, s(fd, "groupId"));
    return `Added to ${name}.`;
  });
}

export async function removeFromGroupAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const id = s(fd, "id");
  return runFormAction(async () => {
    const name = await removeFromGroup(await requireActor(), id, s(fd, "groupId"));
    return `Removed from ${name}.`;
  });
}

export async function unlockUserAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const id = s(fd, "id");
  return runFormAction(async () => {
    await unlockUser(await requireActor(), id);
    return "Unlocked. The user is Active again.";
  });
}

export async function removeAuthenticatorAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const id = s(fd, "id");
  return runFormAction(async () => {
    await removeAuthenticator(await requireActor(), id, s(fd, "authenticatorId"));
    return "Authenticator removed.";
  });
}

export type BypassCodesState =
  (FormState & { codes?: string[]; expiresAt?: string | null; reuseCount?: number | null }) | null;

export async function generateBypassCodesAction(_prev: BypassCodesState, fd: FormData): Promise<BypassCodesState> {
  const id = s(fd, "id");
  let result: { codes: string[]; expiresAt: Date | null; reuseCount: number | null } | undefined;
  const state = await runFormAction(async () => {
    const unlimited = fd.get("unlimited") === "on";
    result = await generateBypassCodes(await requireActor(), id, {
      count: intOrNull(s(fd, "count")) ?? 1,
      reuseCount: unlimited ? null : (intOrNull(s(fd, "reuseCount")) ?? 1),
      expiresInMinutes: intOrNull(s(fd, "expiresInMinutes")),
    });
    return `Generated ${result.codes.length} bypass code${result.codes.length === 1 ? "" : "s"}. Copy them now: they are not shown again.`;
  }, fd);
  // The typed values come back on failure; the codes only on success (never stored in the page).
  return result && state?.ok
    ? {
        ...state,
        codes: result.codes,
        expiresAt: result.expiresAt?.toISOString() ?? null,
        reuseCount: result.reuseCount,
      }
    : state;
}

export async function removeBypassCodeAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const id = s(fd, "id");
  return runFormAction(async () => {
    await removeBypassCode(await requireActor(), id, s(fd, "codeId"));
    return "Bypass code deleted.";
  });
}

export type ResetLinkState = (FormState & { url?: string; expiresAt?: string }) | null;

export async function createResetLinkAction(_prev: ResetLinkState, fd: FormData): Promise<ResetLinkState> {
  let link: { url: string; expiresAt: Date } | undefined;
  const state = await runFormAction(async () => {
    link = await createResetLink(await requireActor(), s(fd, "id"));
    return "Copy this link and give it to the user. It works once, for 24 hours; any earlier link no longer works.";
  });
  return link ? { ...state!, url: link.url, expiresAt: link.expiresAt.toISOString() } : state;
}

export async function deleteUserAction(_prev: FormState, fd: FormData): Promise<FormState> {
  let username: string | undefined;
  const state = await runFormAction(async () => {
    username = await deleteUser(await requireActor(), s(fd, "id"));
  });
  if (username) redirect(`/admin/users?deleted=${encodeURIComponent(username)}`);
  return state;
}

export async function restoreUserAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(async () => {
    const username = await restoreDeletedUser(await requireActor(), s(fd, "id"));
    return `${username} was restored.`;
  });
}
