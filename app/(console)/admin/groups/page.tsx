import type { Metadata } from "next";
import { pageActor } from "@/app/_server/actor";
import { NoAccess } from "@/components/console/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Groups" };

export default async function Page() {
  const { allowed } = await pageActor("groups:view");
  if (!allowed) return <NoAccess />;
  return (
    <>
      <PageHeader title="Groups" description="Collections of users for application access and policies." />
      <EmptyState title="No groups yet">
        Groups collect users so that applications and policies can apply to them together. Each group will be listed here with its status and members.
      </EmptyState>
    </>
  );
}
