import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@/lib/authz";
import { getCiscoIntegration } from "@/lib/services/endpoints/cisco-integration";
import { listIntegrationsForConsole } from "@/lib/services/endpoints/integrations";
import { pageActor } from "@/app/_server/actor";
import { NoAccess } from "@/components/console/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { CiscoForm } from "@/components/trusted-endpoints/cisco-form";
import { EnabledToggle } from "@/components/trusted-endpoints/enabled-toggle";
import { RemoveIntegrationButton } from "@/components/trusted-endpoints/remove-integration-button";

export const metadata: Metadata = { title: "Cisco Secure Endpoint" };

export default async function CiscoSecureEndpointPage() {
  const { actor, allowed } = await pageActor("endpoints:view");
  if (!allowed) return <NoAccess />;
  const [integration, all] = await Promise.all([getCiscoIntegration(actor), listIntegrationsForConsole(actor)]);
  const canManage = can(actor.role, "endpoints:manage");
  const hasManagement = all.some((i) => i.kind === "DEVICE_INVENTORY" && i.enabled);
  return (
    <>
      <PageHeader
        title="Cisco Secure Endpoint"
        breadcrumb={
          <Link href="/admin/trusted-endpoints" className="hover:underline">
            Trusted Endpoints
          </Link>
        }
        description="At sign-in, Portcullis asks Cisco Secure Endpoint whether the user's trusted endpoint is compromised; a policy with “Allow Cisco Secure Endpoint to block compromised endpoints” then blocks it."
      />
      <div className="space-y-6">
        {!hasManagement && (
          <Alert tone="warning" title="No enabled management integration">
            Cisco Secure Endpoint can only check devices identified as trusted endpoints.{" "}
            <Link href="/admin/trusted-endpoints/add?tab=management" className="underline">
              Add or enable a Management Tools integration
            </Link>{" "}
            too.
          </Alert>
        )}
        <Card
          title="Enter Cisco Secure Endpoint Credentials"
          description="In the Cisco Secure Endpoint console: Accounts > API Credentials > New API Credential, scope Read-only. Copy the 3rd Party API Client ID and the API Key here."
        >
          <CiscoForm
            initial={{
              clientId: integration?.clientId ?? "",
              region: integration?.region ?? "",
              baseUrl: integration?.baseUrl ?? "",
              hostname: integration?.hostname ?? null,
              hasApiKey: !!integration,
            }}
            readOnly={!canManage}
          />
        </Card>
        <Card
          title="Enable Cisco Secure Endpoint Integration"
          description="While enabled, sign-ins under a policy that lets Cisco Secure Endpoint block compromised endpoints ask it about the device (3 s timeout, answers cached for 60 s)."
        >
          {integration ? (
            <EnabledToggle id={integration.id} enabled={integration.enabled} canManage={canManage} />
          ) : (
            <p className="text-sm text-slate-600">Save the integration first.</p>
          )}
        </Card>
        {integration && canManage && (
          <Card title="Remove integration">
            <RemoveIntegrationButton id={integration.id} name={integration.name} />
          </Card>
        )}
      </div>
    </>
  );
}
