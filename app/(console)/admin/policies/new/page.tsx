import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@/lib/authz";
import { completeSettings } from "@/lib/policy/settings";
import { getGlobalPolicy } from "@/lib/services/policies/effective-policy";
import { pageActor } from "@/app/_server/actor";
import { NoAccess } from "@/components/console/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { PolicyEditor } from "@/components/policies/policy-editor";

export const metadata: Metadata = { title: "New Policy" };

export default async function NewPolicyPage() {
  const { actor, allowed } = await pageActor("policies:view");
  if (!allowed || !can(actor.role, "policies:manage")) return <NoAccess />;
  const global = await getGlobalPolicy();
  return (
    <>
      <PageHeader
        breadcrumb={
          <Link href="/admin/policies" className="hover:underline">
            Policies
          </Link>
        }
        title="New Policy"
        description="Name the policy and set the sections that should differ from the Global Policy. Unset sections are inherited."
      />
      <PolicyEditor
        policy={{ id: null, name: "", description: "", isGlobal: false, settings: {} }}
        inherited={completeSettings(global.settings)}
        readOnly={false}
      />
    </>
  );
}
