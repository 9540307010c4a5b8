import type { Metadata } from "next";
import { pageActor } from "@/app/_server/actor";
import { NoAccess } from "@/components/console/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Trusted Endpoints" };

export default async function Page() {
  const { allowed } = await pageActor("endpoints:view");
  if (!allowed) return <NoAccess />;
  return (
    <>
      <PageHeader title="Trusted Endpoints" description="Devices known to your organization and the integrations that report them." />
      <EmptyState title="No endpoints yet">
        Trusted Endpoints lets only known devices reach protected applications. Management tools and Endpoint Detection &amp; Response integrations such as Cisco Secure Endpoint will be listed here with the devices they report.
      </EmptyState>
    </>
  );
}
