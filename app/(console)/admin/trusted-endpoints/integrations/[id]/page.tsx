import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { can } from "@/lib/authz";
import { isAppError } from "@/lib/errors";
import { getIntegration, listIntegrationsForConsole } from "@/lib/services/endpoints/integrations";
import { listCertificatesForConsole } from "@/lib/services/endpoints/device-ca";
import { getTenantSettings } from "@/lib/services/settings/tenant-settings";
import { pageActor } from "@/app/_server/actor";
import { NoAccess } from "@/components/console/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { LinkButton } from "@/components/ui/button";
import { EnabledToggle } from "@/components/trusted-endpoints/enabled-toggle";
import { InventoryForm } from "@/components/trusted-endpoints/inventory-form";
import { DeviceApiCard } from "@/components/trusted-endpoints/device-api-card";
import { IssueCertificateForm } from "@/components/trusted-endpoints/issue-certificate-form";
import { CertificateList } from "@/components/trusted-endpoints/certificate-list";
import { RemoveIntegrationButton } from "@/components/trusted-endpoints/remove-integration-button";
import { RenameIntegrationForm } from "@/components/trusted-endpoints/rename-form";

export const metadata: Metadata = { title: "Device inventory" };

export default async function IntegrationPage({ params }: { params: Promise<{ id: string }> }) {
  const { actor, allowed } = await pageActor("endpoints:view");
  if (!allowed) return <NoAccess />;
  const { id } = await params;
  const integration = await getIntegration(actor, id).catch((e) => {
    if (isAppError(e) && e.code === "not_found") notFound();
    throw e;
  });
  if (integration.kind === "CISCO_SECURE_ENDPOINT") redirect("/admin/trusted-endpoints/cisco-secure-endpoint");
  const [all, certificates, { publicBaseUrl }] = await Promise.all([
    listIntegrationsForConsole(actor),
    listCertificatesForConsole(actor, id),
    getTenantSettings(),
  ]);
  const deviceCount = all.find((i) => i.id === id)?.deviceCount ?? 0;
  const canManage = can(actor.role, "endpoints:manage");
  const now = new Date();
  return (
    <>
      <PageHeader
        title={integration.name}
        breadcrumb={
          <Link href="/admin/trusted-endpoints" className="hover:underline">
            Trusted Endpoints
          </Link>
        }
        description="Management Tools integration · device inventory. Devices listed here are trusted endpoints while the integration is enabled."
        actions={
          <LinkButton variant="secondary" href={`/admin/trusted-endpoints?integration=${id}`}>
            View {deviceCount} endpoint{deviceCount === 1 ? "" : "s"}
          </LinkButton>
        }
      />
      <div className="space-y-6">
        <Card title="Enable this integration">
          <EnabledToggle
            id={id}
            enabled={integration.enabled}
            canManage={canManage}
            description={
              integration.enabled
                ? "Listed devices are trusted endpoints."
                : "While disabled, no device of this inventory is trusted."
            }
          />
        </Card>
        {canManage && (
          <Card
            title="Inventory"
            description={`${deviceCount} device${deviceCount === 1 ? "" : "s"} in this inventory.`}
          >
            <InventoryForm id={id} deviceCount={deviceCount} />
          </Card>
        )}
        <Card title="Device API" description="For your management tool: replace this inventory automatically.">
          <DeviceApiCard
            id={id}
            url={`${publicBaseUrl}/api/v1/trusted-endpoints/${id}/devices`}
            canManage={canManage}
          />
        </Card>
        <Card
          title="Device certificates"
          description="A device proves its identity at sign-in with a certificate from your device CA; the device ID is in the certificate's subject and subject alternative name."
        >
          <div className="space-y-6">
            {canManage && <IssueCertificateForm id={id} />}
            <CertificateList
              integrationId={id}
              canManage={canManage}
              rows={certificates.map((c) => ({
                id: c.id,
                deviceId: c.endpoint.deviceId,
                serialNumber: c.serialNumber,
                sha256Fingerprint: c.sha256Fingerprint,
                notAfter: c.notAfter.toISOString(),
                revokedAt: c.revokedAt?.toISOString() ?? null,
                createdAt: c.createdAt.toISOString(),
                expired: c.notAfter < now,
              }))}
            />
          </div>
        </Card>
        {canManage && (
          <Card title="Rename">
            <RenameIntegrationForm id={id} name={integration.name} />
          </Card>
        )}
        {canManage && (
          <Card title="Remove integration">
            <RemoveIntegrationButton id={id} name={integration.name} />
          </Card>
        )}
      </div>
    </>
  );
}
