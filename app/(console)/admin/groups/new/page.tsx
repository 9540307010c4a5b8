import type { Metadata } from "next";
import Link from "next/link";
import { pageActor } from "@/app/_server/actor";
import { NoAccess } from "@/components/console/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { GroupForm } from "@/components/groups/group-form";

export const metadata: Metadata = { title: "Add Group" };

export default async function NewGroupPage() {
  const { allowed } = await pageActor("groups:manage");
  if (!allowed) return <NoAccess />;
  return (
    <>
      <PageHeader
        breadcrumb={
          <Link href="/admin/groups" className="hover:underline">
            Groups
          </Link>
        }
        title="Add Group"
      />
      <Card className="max-w-2xl">
        <GroupForm initial={{ name: "", description: "", status: "ACTIVE" }} />
      </Card>
    </>
  );
}
