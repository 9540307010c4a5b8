import type { Metadata } from "next";
import { can } from "@/lib/authz";
import { getTenantSettings } from "@/lib/services/settings/tenant-settings";
import { pageActor } from "@/app/_server/actor";
import { NoAccess } from "@/components/console/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { TenantSettingsForm } from "@/components/settings/tenant-settings-form";
import { SettingsTabs } from "@/components/settings/settings-tabs";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const { actor, allowed } = await pageActor("settings:view");
  if (!allowed) return <NoAccess />;
  const settings = await getTenantSettings();
  return (
    <>
      <PageHeader title="Settings" description="Tenant-wide settings." />
      <SettingsTabs active="general" />
      <Card
        title="General"
        description="The tenant name appears in the console and on sign-in pages. Every SAML URL (entity IDs, sign-on and logout URLs, metadata URLs) is built from the public base URL."
      >
        <TenantSettingsForm initial={settings} readOnly={!can(actor.role, "settings:manage")} />
      </Card>
    </>
  );
}
