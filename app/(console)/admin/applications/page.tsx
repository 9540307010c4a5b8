import type { Metadata } from "next";
import { pageActor } from "@/app/_server/actor";
import { NoAccess } from "@/components/console/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Applications" };

export default async function Page() {
  const { allowed } = await pageActor("applications:view");
  if (!allowed) return <NoAccess />;
  return (
    <>
      <PageHeader title="Applications" description="Service providers that use Portcullis as their SAML 2.0 identity provider." />
      <EmptyState title="No applications protected yet">
        Protected applications are the SAML service providers your users sign in to. Each one will be listed here with its type and the policy it uses, and gets its own metadata URL, sign-on URL and certificate.
      </EmptyState>
    </>
  );
}
