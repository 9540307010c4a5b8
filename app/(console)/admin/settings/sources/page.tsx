import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@/lib/authz";
import { listSourcesForConsole } from "@/lib/services/auth-sources/manage-sources";
import { pageActor } from "@/app/_server/actor";
import { NoAccess } from "@/components/console/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { Alert } from "@/components/ui/alert";
import { LinkButton } from "@/components/ui/button";
import { SettingsTabs } from "@/components/settings/settings-tabs";
import { DefaultSourceForm } from "@/components/auth-sources/default-source-form";

export const metadata: Metadata = { title: "Authentication Sources" };

export default async function AuthenticationSourcesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { actor, allowed } = await pageActor("settings:view");
  if (!allowed) return <NoAccess />;
  const sp = await searchParams;
  const { sources, defaultSourceId } = await listSourcesForConsole(actor);
  const manage = can(actor.role, "settings:manage");
  return (
    <>
      <PageHeader title="Settings" description="Tenant-wide settings." />
      <SettingsTabs active="sources" />
      {sp.removed === "1" && (
        <div className="mb-4">
          <Alert tone="success">Authentication source removed.</Alert>
        </div>
      )}
      <div className="space-y-6">
        <Card
          title="Authentication Sources"
          description="Where users prove their first factor: Portcullis's built-in passwords, or your organization's identity provider (Entra ID, AD FS, Okta …) over SAML 2.0. Portcullis's own policies, MFA and device checks follow either way."
          actions={
            manage ? <LinkButton href="/admin/settings/sources/new">Add SAML identity provider</LinkButton> : undefined
          }
        >
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Authentication sources</caption>
            <thead className="border-b border-slate-200 text-slate-600">
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">
                  Name
                </th>
                <th scope="col" className="py-2 pr-4 font-medium">
                  Type
                </th>
                <th scope="col" className="py-2 pr-4 font-medium">
                  Email domains
                </th>
                <th scope="col" className="py-2 pr-4 font-medium">
                  Status
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              <tr>
                <td className="py-2 pr-4 font-medium text-slate-900">
                  Built-in passwords {!defaultSourceId && <Badge tone="green">Default</Badge>}
                </td>
                <td className="py-2 pr-4 text-slate-700">Portcullis directory</td>
                <td className="py-2 pr-4 text-slate-500">—</td>
                <td className="py-2 pr-4">
                  <Badge tone="green">Enabled</Badge>
                </td>
              </tr>
              {sources.map((s) => (
                <tr key={s.id}>
                  <td className="py-2 pr-4">
                    <Link
                      href={`/admin/settings/sources/${s.id}`}
                      className="font-medium text-emerald-800 underline-offset-2 hover:underline"
                    >
                      {s.name}
                    </Link>{" "}
                    {defaultSourceId === s.id && <Badge tone="green">Default</Badge>}
                    <div className="max-w-md truncate text-xs text-slate-500">{s.idpEntityId}</div>
                  </td>
                  <td className="py-2 pr-4 text-slate-700">SAML 2.0 identity provider</td>
                  <td className="py-2 pr-4 text-slate-700">{s.domains.join(", ") || "—"}</td>
                  <td className="py-2 pr-4">
                    {s.enabled ? <Badge tone="green">Enabled</Badge> : <Badge>Disabled</Badge>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {sources.length === 0 && (
            <p className="mt-4 text-sm text-slate-600">
              No identity provider yet: everyone signs in with a Portcullis password. Add one to let users sign in with
              their company account.
            </p>
          )}
        </Card>
        <Card title="Default source">
          <DefaultSourceForm
            current={defaultSourceId}
            sources={sources.map((s) => ({ id: s.id, name: s.name, enabled: s.enabled }))}
            readOnly={!manage}
          />
        </Card>
      </div>
    </>
  );
}
