import type { Metadata } from "next";
import { pageActor } from "@/app/_server/actor";
import { NoAccess } from "@/components/console/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Policies" };

export default async function Page() {
  const { allowed } = await pageActor("policies:view");
  if (!allowed) return <NoAccess />;
  return (
    <>
      <PageHeader title="Policies" description="Rules that decide who may sign in and how." />
      <EmptyState title="No policies yet">
        Policies decide how users sign in: enrollment of new users, whether two-factor authentication is required, which authentication methods are allowed, trusted endpoints, remembered devices and authorized networks. The Global Policy and custom policies will be listed here.
      </EmptyState>
    </>
  );
}
