import type { Metadata } from "next";
import { can } from "@/lib/authz";
import { listApplicationsForConsole } from "@/lib/services/applications/manage-applications";
import { findCatalogEntry } from "@/lib/services/applications/catalog";
import { pageActor } from "@/app/_server/actor";
import { NoAccess } from "@/components/console/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { LinkButton } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { SearchBox } from "@/components/data-table/search-box";
import { ApplicationsTable } from "@/components/applications/applications-table";

export const metadata: Metadata = { title: "Applications" };

type SP = Promise<Record<string, string | string[] | undefined>>;
const str = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

export default async function ApplicationsPage({ searchParams }: { searchParams: SP }) {
  const { actor, allowed } = await pageActor("applications:view");
  if (!allowed) return <NoAccess />;
  const sp = await searchParams;
  const q = str(sp.q);
  const rows = await listApplicationsForConsole(actor, { q, sort: str(sp.sort), dir: str(sp.dir) });
  const canManage = can(actor.role, "applications:manage");
  const protect = canManage ? (
    <LinkButton href="/admin/applications/protect">Protect an Application</LinkButton>
  ) : undefined;
  return (
    <>
      <PageHeader
        title="Applications"
        description="Service providers that use Portcullis as their SAML 2.0 identity provider."
        actions={rows.length === 0 && !q ? undefined : protect}
      />
      {sp.removed && (
        <Alert tone="success" className="mb-4">
          The application was removed.
        </Alert>
      )}
      {rows.length === 0 && !q ? (
        <EmptyState title="No applications protected yet" action={protect}>
          Protected applications are the SAML service providers your users sign in to. Each gets its own metadata URL,
          sign-on URL and certificate fingerprints.
        </EmptyState>
      ) : (
        <div className="space-y-4">
          <SearchBox label="Search applications" defaultValue={q} />
          {rows.length === 0 ? (
            <EmptyState title="No matching applications">No application name or Entity ID contains “{q}”.</EmptyState>
          ) : (
            <ApplicationsTable
              rows={rows.map((r) => ({
                id: r.id,
                name: r.name,
                type: findCatalogEntry(r.template)?.name ?? r.template,
                spEntityId: r.spEntityId,
                api: !!findCatalogEntry(r.template)?.api,
                createdAt: r.createdAt.toISOString(),
              }))}
            />
          )}
        </div>
      )}
    </>
  );
}
