import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { can } from "@/lib/authz";
import { CLAIM_URIS, getSourceForConsole } from "@/lib/services/auth-sources/manage-sources";
import { pageActor } from "@/app/_server/actor";
import { NoAccess } from "@/components/console/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { CopyField } from "@/components/ui/copy-field";
import { buttonClass } from "@/components/ui/button";
import { SettingsTabs } from "@/components/settings/settings-tabs";
import { SourceForm } from "@/components/auth-sources/source-form";
import { RemoveSourceButton } from "@/components/auth-sources/remove-source-button";

export const metadata: Metadata = { title: "Authentication source" };

export default async function SourcePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { actor, allowed } = await pageActor("settings:view");
  if (!allowed) return <NoAccess />;
  const [{ id }, sp] = await Promise.all([params, searchParams]);
  const found = await getSourceForConsole(actor, id);
  if (!found) notFound();
  const { source, groups, isDefault } = found;
  const manage = can(actor.role, "settings:manage");
  return (
    <>
      <PageHeader
        title={source.name}
        breadcrumb={
          <Link href="/admin/settings/sources" className="hover:underline">
            Authentication Sources
          </Link>
        }
        description="A SAML 2.0 identity provider: users sign in there, then Portcullis applies its policies, MFA and device checks."
        actions={
          <>
            {isDefault && <Badge tone="green">Default source</Badge>}
            {source.enabled ? <Badge tone="green">Enabled</Badge> : <Badge>Disabled</Badge>}
          </>
        }
      />
      <SettingsTabs active="sources" />
      {sp.created === "1" && (
        <div className="mb-4">
          <Alert tone="success">
            Identity provider added. Upload Portcullis&apos;s metadata below into it (Entra ID: Single sign-on &gt; SAML
            &gt; Upload metadata file), then route users to it.
          </Alert>
        </div>
      )}
      <div className="space-y-6">
        <Card
          title="Portcullis service provider metadata"
          description="Give these to the identity provider: download the XML and upload it (Entra ID: “Upload metadata file”), or point it at the metadata URL."
          actions={
            <a href={source.sp.downloadUrl} className={buttonClass("secondary")} download>
              Download XML
            </a>
          }
        >
          <div className="grid max-w-3xl gap-3">
            <CopyField label="Entity ID" value={source.sp.entityId} />
            <CopyField label="Assertion Consumer Service (ACS) URL" value={source.sp.acsUrl} />
            <CopyField label="Metadata URL" value={source.sp.metadataUrl} />
            <p className="text-sm text-slate-600">
              Signing certificate: Portcullis signs its requests with the tenant&apos;s signing key (
              <Link href="/admin/settings/certificates" className="text-emerald-800 underline">
                Settings &gt; Certificates
              </Link>
              ); the metadata carries it. Registered identity provider certificates: {source.certificateCount}.
            </p>
            {source.applications.length > 0 && (
              <p className="text-sm text-slate-600">
                Applications that use this source: {source.applications.join(", ")}.
              </p>
            )}
          </div>
        </Card>
        <SourceForm
          initial={{
            id: source.id,
            name: source.name,
            enabled: source.enabled,
            idpEntityId: source.idpEntityId,
            ssoUrl: source.ssoUrl,
            certificatesPem: source.certificatesPem,
            metadataUrl: source.metadataUrl ?? "",
            nameIdFormat: source.nameIdFormat ?? "",
            identifierAttribute: source.identifierAttribute,
            matchBy: source.matchBy,
            emailAttribute: source.emailAttribute ?? "",
            realNameAttribute: source.realNameAttribute ?? "",
            jitEnabled: source.jitEnabled,
            jitGroupIds: source.jitGroupIds,
            domains: source.domains.join(", "),
          }}
          groups={groups}
          claims={CLAIM_URIS}
          readOnly={!manage}
        />
        {manage && <RemoveSourceButton id={source.id} name={source.name} />}
      </div>
    </>
  );
}
