import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { can } from "@/lib/authz";
import { isAppError } from "@/lib/errors";
import { getApplication } from "@/lib/services/applications/manage-applications";
import { findCatalogEntry } from "@/lib/services/applications/catalog";
import { pageActor } from "@/app/_server/actor";
import { NoAccess } from "@/components/console/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { CopyField } from "@/components/ui/copy-field";
import { buttonClass } from "@/components/ui/button";
import { ApplicationForm } from "@/components/applications/application-form";
import { applicationFormValues } from "@/components/applications/application-form-values";
import { RemoveApplicationButton } from "@/components/applications/remove-application-button";
import { ApplicationSourceForm } from "@/components/auth-sources/application-source-form";
import { applicationSourceOptions } from "@/lib/services/auth-sources/manage-sources";
import { ApplicationPolicyPanel } from "@/components/policies/application-policy-panel";
import { ApiApplicationPage } from "@/components/applications/api-application-view";
import { getApiApplication } from "@/lib/services/duo-api/api-applications";

export const metadata: Metadata = { title: "Application" };

const expiry = (d: Date) =>
  `${String(d.getUTCMonth() + 1).padStart(2, "0")}-${String(d.getUTCDate()).padStart(2, "0")}-${d.getUTCFullYear()}`;

export default async function ApplicationPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { actor, allowed } = await pageActor("applications:view");
  if (!allowed) return <NoAccess />;
  const { id } = await params;
  const sp = await searchParams;
  // Admin API and Auth API applications have their own page (no SAML sections).
  const api = await getApiApplication(actor, id).catch((e: unknown) => {
    if (isAppError(e) && e.code === "not_found") return null;
    throw e;
  });
  if (api) return <ApiApplicationPage actor={actor} view={api} justProtected={!!sp.protected} />;
  let data;
  try {
    data = await getApplication(actor, id);
  } catch (e) {
    if (isAppError(e) && e.code === "not_found") notFound();
    throw e;
  }
  const { app, groups, urls, certificate, sameSp, spCertificates } = data;
  const entry = findCatalogEntry(app.template);
  const canManage = can(actor.role, "applications:manage");
  const sourceOptions = await applicationSourceOptions(actor, app.id);

  return (
    <>
      <PageHeader
        breadcrumb={
          <Link href="/admin/applications" className="hover:underline">
            Applications
          </Link>
        }
        title={app.name}
        description={
          <>
            {entry ? `${entry.name} · ${entry.protectionType}` : null}
            <span className="mt-1 block">
              <Link
                href="/admin/documentation/generic-sso"
                className="text-emerald-800 underline-offset-2 hover:underline"
              >
                Generic SSO documentation
              </Link>
            </span>
          </>
        }
        actions={
          <div className="flex items-center gap-3 text-sm">
            <Link
              href={`/admin/reports/authentication-log?application=${app.id}`}
              className="text-emerald-800 underline-offset-2 hover:underline"
            >
              Authentication Log
            </Link>
            <span aria-hidden className="text-slate-300">
              |
            </span>
            <Link
              href={`/admin/applications/${app.id}/trace`}
              className="text-emerald-800 underline-offset-2 hover:underline"
            >
              SAML trace
            </Link>
            {app.spEntityId && app.acs.length > 0 && (
              <>
                <span aria-hidden className="text-slate-300">
                  |
                </span>
                <a
                  href={`/admin/applications/${app.id}/test-sso`}
                  target="_blank"
                  rel="noopener"
                  className="text-emerald-800 underline-offset-2 hover:underline"
                >
                  Test SSO
                </a>
              </>
            )}
            {canManage && (
              <>
                <span aria-hidden className="text-slate-300">
                  |
                </span>
                <RemoveApplicationButton id={app.id} name={app.name} />
              </>
            )}
          </div>
        }
      />
      {sp.protected && entry && (
        <Alert tone="success" title={`${entry.name} is protected.`} className="mb-6">
          {entry.nextStep}
        </Alert>
      )}
      {typeof sp.imported === "string" && (
        <Alert tone="success" className="mb-6">
          {sp.imported.slice(0, 500)}
        </Alert>
      )}
      {sameSp.length > 0 && (
        <Alert tone="warning" title="Another application uses the same SP Entity ID" className="mb-6">
          <span data-testid="same-sp-warning">
            {sameSp.map((a, i) => (
              <span key={a.id}>
                {i > 0 && ", "}
                <Link href={`/admin/applications/${a.id}`} className="font-medium underline underline-offset-2">
                  {a.name}
                </Link>
              </span>
            ))}{" "}
            {sameSp.length === 1 ? "is" : "are"} also registered for {app.spEntityId}. The service provider signs in
            through whichever application&apos;s Metadata URL it was given; remove the copy you do not use, so that
            settings and policies are not split between two applications.
          </span>
        </Alert>
      )}
      {!app.spEntityId && !sp.protected && (
        <Alert tone="warning" className="mb-6">
          Sign-in is not possible until the Service Provider section has an Entity ID and an ACS URL.
        </Alert>
      )}
      <div className="space-y-8">
        <Card title="Metadata">
          <div className="space-y-3">
            <CopyField label="Entity ID" value={urls.entityId} />
            <CopyField label="Single Sign-On URL" value={urls.ssoUrl} />
            <CopyField label="Single Log-Out URL" value={urls.sloUrl} />
            <CopyField label="Metadata URL" value={urls.metadataUrl} />
          </div>
        </Card>
        <Card title="Certificate Fingerprints">
          <div className="space-y-3">
            <CopyField label="SHA-1 Fingerprint" value={certificate.sha1Fingerprint} />
            <CopyField label="SHA-256 Fingerprint" value={certificate.sha256Fingerprint} />
          </div>
        </Card>
        <Card title="Downloads">
          <div className="flex flex-wrap items-center gap-6">
            <div>
              <a href={`/admin/applications/${app.id}/certificate`} className={buttonClass("secondary")} download>
                Download certificate
              </a>
              <p className="mt-1 text-xs text-slate-500" data-testid="certificate-expiry">
                Expires: {expiry(certificate.notAfter)}
              </p>
            </div>
            <div>
              <a href={urls.metadataUrl + "?download=1"} className={buttonClass("secondary")} download>
                Download XML
              </a>
              <p className="mt-1 text-xs text-slate-500">SAML metadata for this application</p>
            </div>
          </div>
        </Card>
        <ApplicationForm
          readOnly={!canManage}
          groups={groups}
          initial={applicationFormValues(app)}
          spCertificates={spCertificates}
        />
        <ApplicationSourceForm id={app.id} readOnly={!canManage} {...sourceOptions} />
        <ApplicationPolicyPanel actor={actor} applicationId={app.id} />
      </div>
    </>
  );
}
