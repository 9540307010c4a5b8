import type { Metadata } from "next";
import { listAuthenticationLog } from "@/lib/services/auth-log";
import { pageActor } from "@/app/_server/actor";
import { NoAccess } from "@/components/console/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { AuthenticationLogTable } from "@/components/reports/authentication-log-table";

export const metadata: Metadata = { title: "Authentication Log" };

export default async function AuthenticationLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { actor, allowed } = await pageActor("authlog:view");
  if (!allowed) return <NoAccess />;
  const sp = await searchParams;
  const cursor = typeof sp.cursor === "string" ? sp.cursor : undefined;
  const applicationId = typeof sp.application === "string" ? sp.application : undefined;
  const page = await listAuthenticationLog(actor, { cursor, applicationId });
  return (
    <>
      <PageHeader title="Authentication Log" description="Every sign-in attempt to a protected application, successful or not, with the reason." />
      {page.rows.length === 0 ? (
        <EmptyState title="No authentications yet">
          Every sign-in attempt to a protected application is recorded here: the time, user, application, result, reason, factor and address.
        </EmptyState>
      ) : (
        <AuthenticationLogTable rows={page.rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }))} nextCursor={page.nextCursor} isFirstPage={!cursor} />
      )}
    </>
  );
}
