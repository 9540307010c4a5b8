import type { Metadata } from "next";
import Link from "next/link";
import { pageActor } from "@/app/_server/actor";
import { NoAccess } from "@/components/console/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { AddIntegrationTabs, IntegrationChoice, type AddTab } from "@/components/trusted-endpoints/add-tabs";

export const metadata: Metadata = { title: "Add Management Tools Integration" };

export default async function AddIntegrationPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { allowed } = await pageActor("endpoints:manage");
  if (!allowed) return <NoAccess />;
  const tab: AddTab = (await searchParams).tab === "edr" ? "edr" : "management";
  return (
    <>
      <PageHeader
        title="Add Management Tools Integration"
        breadcrumb={
          <Link href="/admin/trusted-endpoints" className="hover:underline">
            Trusted Endpoints
          </Link>
        }
        description="Choose how Portcullis learns which devices are yours, and which security tools may block a compromised one."
      />
      <AddIntegrationTabs active={tab} />
      <Card>
        <div role="tabpanel" aria-label={tab === "edr" ? "Endpoint Detection & Response Systems" : "Management Tools"}>
          <ul className="-mx-5 -my-4 divide-y divide-slate-100">
            {tab === "management" ? (
              <IntegrationChoice
                title="Device inventory"
                description="Upload or enter your trusted devices' identifiers, or let your management tool (Intune, Jamf, Workspace ONE…) replace the inventory through the device API. Devices prove themselves with certificates from your device CA."
                href="/admin/trusted-endpoints/add/inventory"
                note="Supports Cisco Secure Endpoint: its hostnames are matched in Cisco Secure Endpoint."
              />
            ) : (
              <IntegrationChoice
                title="Cisco Secure Endpoint"
                description="Block access from Windows and macOS endpoints that Cisco Secure Endpoint deems compromised. Requires an enabled Management Tools integration that identifies the devices."
                href="/admin/trusted-endpoints/cisco-secure-endpoint"
              />
            )}
          </ul>
        </div>
      </Card>
    </>
  );
}
