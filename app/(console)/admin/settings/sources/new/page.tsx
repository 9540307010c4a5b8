import type { Metadata } from "next";
import Link from "next/link";
import { listSourcesForConsole, CLAIM_URIS } from "@/lib/services/auth-sources/manage-sources";
import { pageActor } from "@/app/_server/actor";
import { NoAccess } from "@/components/console/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { SettingsTabs } from "@/components/settings/settings-tabs";
import { EMPTY_SOURCE, SourceForm } from "@/components/auth-sources/source-form";

export const metadata: Metadata = { title: "Add SAML identity provider" };

export default async function NewSourcePage() {
  const { actor, allowed } = await pageActor("settings:manage");
  if (!allowed) return <NoAccess />;
  const { groups } = await listSourcesForConsole(actor);
  return (
    <>
      <PageHeader
        title="Add SAML identity provider"
        breadcrumb={
          <Link href="/admin/settings/sources" className="hover:underline">
            Authentication Sources
          </Link>
        }
        description="After saving, Portcullis shows its own service provider metadata for this source, to upload into the identity provider."
      />
      <SettingsTabs active="sources" />
      <SourceForm initial={EMPTY_SOURCE} groups={groups} claims={CLAIM_URIS} readOnly={false} />
    </>
  );
}
