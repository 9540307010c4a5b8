import type { Metadata } from "next";
import { can } from "@/lib/authz";
import { getLockoutSettings } from "@/lib/services/settings/lockout-settings";
import { pageActor } from "@/app/_server/actor";
import { NoAccess } from "@/components/console/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { SettingsTabs } from "@/components/settings/settings-tabs";
import { LockoutSettingsForm } from "@/components/settings/lockout-settings-form";

export const metadata: Metadata = { title: "Lockout" };

export default async function LockoutSettingsPage() {
  const { actor, allowed } = await pageActor("settings:view");
  if (!allowed) return <NoAccess />;
  const lockout = await getLockoutSettings();
  return (
    <>
      <PageHeader title="Settings" description="Tenant-wide settings." />
      <SettingsTabs active="lockout" />
      <Card
        title="Lockout"
        description="End users who fail to sign in too many times in a row (wrong password, passcode, passkey or bypass code) are Locked Out and cannot sign in until they are unlocked."
      >
        <LockoutSettingsForm initial={lockout} readOnly={!can(actor.role, "settings:manage")} />
      </Card>
    </>
  );
}
