import type { Metadata } from "next";
import { listAdministratorLog } from "@/lib/services/admin-log";
import { pageActor } from "@/app/_server/actor";
import { NoAccess } from "@/components/console/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { AdministratorLogTable } from "@/components/reports/administrator-log-table";

export const metadata: Metadata = { title: "Administrator Log" };

export default async function AdministratorLogPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { actor, allowed } = await pageActor("adminlog:view");
  if (!allowed) return <NoAccess />;
  const sp = await searchParams;
  const page = await listAdministratorLog(actor, { cursor: typeof sp.cursor === "string" ? sp.cursor : undefined });
  return (
    <>
      <PageHeader
        title="Administrator Log"
        description="Every change an administrator made, and every console sign-in: who, what, when, and the values before and after."
      />
      {page.rows.length === 0 ? (
        <EmptyState title="No administrator activity yet">
          Changes made in the console and administrator sign-ins will be recorded here.
        </EmptyState>
      ) : (
        <AdministratorLogTable rows={page.rows} nextCursor={page.nextCursor} isFirstPage={!sp.cursor} />
      )}
    </>
  );
}
