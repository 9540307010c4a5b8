import type { Metadata } from "next";
import Link from "next/link";
import { searchCatalog } from "@/lib/services/applications/catalog";
import { pageActor } from "@/app/_server/actor";
import { NoAccess } from "@/components/console/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { SearchBox } from "@/components/data-table/search-box";
import { ProtectButton } from "@/components/applications/protect-button";

export const metadata: Metadata = { title: "Protect an Application" };

export default async function ProtectPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { allowed } = await pageActor("applications:manage");
  if (!allowed) return <NoAccess />;
  const sp = await searchParams;
  const q = typeof sp.q === "string" ? sp.q : "";
  const entries = searchCatalog(q);
  return (
    <>
      <PageHeader
        breadcrumb={
          <Link href="/admin/applications" className="hover:underline">
            Applications
          </Link>
        }
        title="Protect an Application"
        description="Choose the application to protect. A SAML service provider gets its own metadata, sign-on URL and certificate; an Admin API or Auth API application gets an integration key and a secret key."
      />
      <div className="mb-4">
        <SearchBox label="Search for an application" defaultValue={q} placeholder="Search for an application…" />
      </div>
      {entries.length === 0 ? (
        <EmptyState title="No application matches your search">
          Try another name, or protect a Generic SAML Service Provider: it works with any SAML 2.0 service provider.
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-200 overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
          {entries.map((e) => (
            <li
              key={e.id}
              className="flex flex-wrap items-center justify-between gap-4 px-5 py-4"
              data-testid="catalog-entry"
            >
              <div>
                <p className="font-medium text-slate-900">{e.name}</p>
                <p className="text-sm text-slate-600">{e.description}</p>
                <p className="mt-1 text-xs text-slate-500">Protection type: {e.protectionType}</p>
              </div>
              <ProtectButton catalogId={e.id} name={e.name} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
