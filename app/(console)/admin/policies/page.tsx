import type { Metadata } from "next";
import { can } from "@/lib/authz";
import { SECTION_KEYS, SECTION_LABELS } from "@/lib/policy/settings";
import { describeAppliedTo, listPoliciesForConsole } from "@/lib/services/policies/manage-policies";
import { pageActor } from "@/app/_server/actor";
import { NoAccess } from "@/components/console/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Card } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { LinkButton } from "@/components/ui/button";
import { SectionSummary } from "@/components/policies/section-summary";
import { PoliciesTable } from "@/components/policies/policies-table";

export const metadata: Metadata = { title: "Policies" };

export default async function PoliciesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { actor, allowed } = await pageActor("policies:view");
  if (!allowed) return <NoAccess />;
  const sp = await searchParams;
  const policies = await listPoliciesForConsole(actor);
  const global = policies.find((p) => p.isGlobal)!;
  const custom = policies.filter((p) => !p.isGlobal);
  const canManage = can(actor.role, "policies:manage");
  const create = canManage ? <LinkButton href="/admin/policies/new">New Policy</LinkButton> : undefined;

  return (
    <>
      <PageHeader
        title="Policies"
        description="Policies decide how users sign in. The Global Policy applies everywhere; a custom policy applied to an application, or to groups within it, overrides it section by section (group > application > global)."
        actions={custom.length ? create : undefined}
      />
      {sp.deleted && (
        <Alert tone="success" className="mb-6">
          The policy was deleted.
        </Alert>
      )}
      <div className="space-y-8">
        <Card
          title="Global Policy"
          description="Applies to all applications and users. It cannot be deleted."
          actions={
            <LinkButton variant="secondary" href={`/admin/policies/${global.id}`}>
              {canManage ? "Edit Global Policy" : "View Global Policy"}
            </LinkButton>
          }
        >
          <div data-testid="global-policy-summary">
            <SectionSummary settings={global.settings} />
          </div>
        </Card>

        <div>
          <h2 className="mb-3 text-lg font-semibold text-slate-900">Custom policies</h2>
          {custom.length === 0 ? (
            <EmptyState title="No custom policies yet" action={create}>
              Create a custom policy to set some sections differently for an application, or for groups of users within
              an application. Sections you leave unset are inherited.
            </EmptyState>
          ) : (
            <PoliciesTable
              rows={custom.map((p) => ({
                id: p.id,
                name: p.name,
                description: p.description,
                sections: SECTION_KEYS.filter((k) => p.settings[k] !== undefined).map((k) => SECTION_LABELS[k]),
                appliedTo: describeAppliedTo(p),
                updatedAt: p.updatedAt.toISOString(),
              }))}
            />
          )}
        </div>
      </div>
    </>
  );
}
