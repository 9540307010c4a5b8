import type { Metadata } from "next";
import { pageActor } from "@/app/_server/actor";
import { NoAccess } from "@/components/console/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Authentication Log" };

export default async function Page() {
  const { allowed } = await pageActor("authlog:view");
  if (!allowed) return <NoAccess />;
  return (
    <>
      <PageHeader title="Authentication Log" description="Every sign-in attempt, successful or not." />
      <EmptyState title="No authentications yet">
        Every sign-in attempt to a protected application is recorded here: the time, user, application, result, reason, factor, address, browser and endpoint.
      </EmptyState>
    </>
  );
}
