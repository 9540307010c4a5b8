import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { isSetupNeeded } from "@/lib/services/setup/first-run";
import { AuthCard } from "@/components/admin-auth/auth-card";
import { SetupForm } from "@/components/admin-auth/setup-form";

export const metadata: Metadata = { title: "Set up Portcullis" };
export const dynamic = "force-dynamic";

export default async function SetupPage() {
  if (!(await isSetupNeeded())) redirect("/admin/login");
  return (
    <AuthCard
      title="Set up Portcullis"
      subtitle="Create the Owner account. It has full access, including adding other administrators. You need the setup code from the server's log."
      wide
    >
      <SetupForm />
    </AuthCard>
  );
}
