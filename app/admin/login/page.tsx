import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { isSetupNeeded } from "@/lib/services/setup/first-run";
import { getTenantSettings } from "@/lib/services/settings/tenant-settings";
import { currentActor } from "@/app/_server/actor";
import { AdminLoginForm } from "@/components/admin-auth/admin-login-form";
import { AuthCard } from "@/components/admin-auth/auth-card";

export const metadata: Metadata = { title: "Administrator sign-in" };
export const dynamic = "force-dynamic";

/** Only console paths are accepted as a destination after sign-in (no open redirect). */
function safeCallback(v: string | string[] | undefined): string {
  if (typeof v !== "string") return "/admin";
  try {
    const u = new URL(v, "http://x");
    return u.origin === "http://x" &&
      (u.pathname === "/admin" || u.pathname.startsWith("/admin/")) &&
      !u.pathname.startsWith("/admin/login")
      ? u.pathname + u.search
      : "/admin";
  } catch {
    return "/admin";
  }
}

export default async function AdminLoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  if (await isSetupNeeded()) redirect("/admin/setup");
  const sp = await searchParams;
  const callbackUrl = safeCallback(sp.callbackUrl);
  if (await currentActor()) redirect(callbackUrl);
  const { tenantName } = await getTenantSettings();
  return (
    <AuthCard title="Administrator sign-in" subtitle={tenantName}>
      <AdminLoginForm callbackUrl={callbackUrl} />
    </AuthCard>
  );
}
