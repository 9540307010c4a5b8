import type { Metadata } from "next";
import Link from "next/link";
import { pageActor } from "@/app/_server/actor";
import { NoAccess } from "@/components/console/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { AddInventoryForm } from "@/components/trusted-endpoints/add-inventory-form";

export const metadata: Metadata = { title: "Add Device inventory" };

export default async function AddInventoryPage() {
  const { allowed } = await pageActor("endpoints:manage");
  if (!allowed) return <NoAccess />;
  return (
    <>
      <PageHeader
        title="Device inventory"
        breadcrumb={
          <>
            <Link href="/admin/trusted-endpoints" className="hover:underline">
              Trusted Endpoints
            </Link>{" "}
            /{" "}
            <Link href="/admin/trusted-endpoints/add?tab=management" className="hover:underline">
              Add Integration
            </Link>
          </>
        }
        description="A Management Tools integration: the list of devices your organization trusts."
      />
      <Card title="Name this integration" description="It starts disabled; enable it once its inventory is in place.">
        <AddInventoryForm />
      </Card>
    </>
  );
}
