import type { Metadata } from "next";
import { can } from "@/lib/authz";
import { listKeysForConsole } from "@/lib/services/signing-keys/signing-keys";
import { pageActor } from "@/app/_server/actor";
import { NoAccess } from "@/components/console/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { SettingsTabs } from "@/components/settings/settings-tabs";
import { SigningKeyList } from "@/components/settings/signing-key-list";

export const metadata: Metadata = { title: "Certificates" };

export default async function CertificatesPage() {
  const { actor, allowed } = await pageActor("settings:view");
  if (!allowed) return <NoAccess />;
  const keys = await listKeysForConsole(actor);
  return (
    <>
      <PageHeader title="Settings" description="Tenant-wide settings." />
      <SettingsTabs active="certificates" />
      <Card
        title="Certificates"
        description="The IdP signs SAML responses with the active certificate. To rotate without downtime: create the next certificate (published in metadata beside the active one), let service providers refresh their metadata, promote it, then retire the previous one."
      >
        <SigningKeyList
          canManage={can(actor.role, "settings:manage")}
          keys={keys.map((k) => ({
            id: k.id,
            state: k.state,
            sha1: k.sha1Fingerprint,
            sha256: k.sha256Fingerprint,
            notAfter: k.notAfter.toISOString(),
            createdAt: k.createdAt.toISOString(),
          }))}
        />
      </Card>
    </>
  );
}
