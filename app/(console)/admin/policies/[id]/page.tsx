import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { can } from "@/lib/authz";
import { isAppError } from "@/lib/errors";
import { completeSettings } from "@/lib/policy/settings";
import { getGlobalPolicy } from "@/lib/services/policies/effective-policy";
import { describeAppliedTo, getPolicyForConsole } from "@/lib/services/policies/manage-policies";
import { pageActor } from "@/app/_server/actor";
import { NoAccess } from "@/components/console/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { Alert } from "@/components/ui/alert";
import { PolicyEditor } from "@/components/policies/policy-editor";
import { DeletePolicyButton } from "@/components/policies/delete-policy-button";

export const metadata: Metadata = { title: "Policy" };

export default async function PolicyPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { actor, allowed } = await pageActor("policies:view");
  if (!allowed) return <NoAccess />;
  const { id } = await params;
  const sp = await searchParams;
  let policy;
  try {
    policy = await getPolicyForConsole(actor, id);
  } catch (e) {
    if (isAppError(e) && e.code === "not_found") notFound();
    throw e;
  }
  const global = await getGlobalPolicy();
  const canManage = can(actor.role, "policies:manage");
  const appliedTo = describeAppliedTo(policy);
  return (
    <>
      <PageHeader
        breadcrumb={
          <Link href="/admin/policies" className="hover:underline">
            Policies
          </Link>
        }
        title={policy.name}
        description={
          policy.isGlobal
            ? "Applies to all applications and users unless a custom policy overrides a section."
            : appliedTo.length
              ? `Applied to: ${appliedTo.join("; ")}`
              : "Not applied to any application yet. Apply it from an application's page."
        }
        actions={
          canManage && !policy.isGlobal ? (
            <DeletePolicyButton id={policy.id} name={policy.name} appliedTo={appliedTo} />
          ) : undefined
        }
      />
      {sp.created && (
        <Alert tone="success" className="mb-6">
          Policy created. Apply it from an application&apos;s page.
        </Alert>
      )}
      {!canManage && <Alert className="mb-6">Your administrator role can view policies but not change them.</Alert>}
      <PolicyEditor
        policy={{
          id: policy.id,
          name: policy.name,
          description: policy.description ?? "",
          isGlobal: policy.isGlobal,
          settings: policy.settings,
        }}
        inherited={completeSettings(global.settings)}
        readOnly={!canManage}
      />
    </>
  );
}
