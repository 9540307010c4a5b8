"use server";
import { loginContext } from "@/app/_server/sso";
import { resetPasswordWithLink, type ResetError } from "@/lib/services/users/password-reset";

export type ResetFormState =
  { ok: true } | { ok: false; error: ResetError | "generic"; field?: "password" | "confirm" } | null;

export async function resetPasswordAction(_prev: ResetFormState, fd: FormData): Promise<ResetFormState> {
  try {
    const { ip } = await loginContext();
    const r = await resetPasswordWithLink(
      String(fd.get("token") ?? ""),
      { password: String(fd.get("password") ?? ""), confirm: String(fd.get("confirm") ?? "") },
      { ip },
    );
    return r.ok ? { ok: true } : { ok: false, error: r.error, field: r.field };
  } catch (e) {
    console.error("[reset] unexpected error", e);
    return { ok: false, error: "generic" };
  }
}
