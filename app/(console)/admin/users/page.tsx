import type { Metadata } from "next";
import { pageActor } from "@/app/_server/actor";
import { NoAccess } from "@/components/console/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Users" };

export default async function Page() {
  const { allowed } = await pageActor("users:view");
  if (!allowed) return <NoAccess />;
  return (
    <>
      <PageHeader title="Users" description="The people who sign in to protected applications." />
      <EmptyState title="No users yet">
        Users are the people who sign in to your applications. They will be listed here with their email, status, enrollment, groups and last login, and you can search, filter, import and export them.
      </EmptyState>
    </>
  );
}
