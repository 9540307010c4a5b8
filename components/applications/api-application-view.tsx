// The page of an Admin API or Auth API application: Details (integration key, secret key,
// API hostname), Permissions (Admin API) and Settings, and for the Auth API the Policy
// section that its preauth/auth decisions follow.
import Link from "next/link";
import { can } from "@/lib/authz";
import type { ConsoleActor } from "@/app/_server/actor";
import type { ApiApplicationView as View } from "@/lib/services/duo-api/api-applications";
import { ADMIN_API_GRANTS, GRANT_HELP, GRANT_LABELS } from "@/lib/duo-api/grants";
import { findCatalogEntry } from "@/lib/services/applications/catalog";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { CopyField } from "@/components/ui/copy-field";
import { RemoveApplicationButton } from "@/components/applications/remove-application-button";
import { ApplicationPolicyPanel } from "@/components/policies/application-policy-panel";
import { ApiApplicationSettings, SecretKeyPanel } from "./api-application-forms";

const utc = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ");

export function ApiApplicationPage({
  actor,
  view,
  justProtected,
}: {
  actor: ConsoleActor;
  view: View;
  justProtected: boolean;
}) {
  const { app, template } = view;
  const entry = findCatalogEntry(template);
  const canManage =
    can(actor.role, "applications:manage") && (template === "auth-api" || can(actor.role, "applications:admin_api"));
  return (
    <>
      <PageHeader
        breadcrumb={
          <Link href="/admin/applications" className="hover:underline">
            Applications
          </Link>
        }
        title={app.name}
        description={entry ? `${entry.name} · ${entry.protectionType}` : undefined}
        actions={
          <div className="flex items-center gap-3 text-sm">
            <Link
              href={
                template === "auth-api"
                  ? `/admin/reports/authentication-log?application=${app.id}`
                  : "/admin/reports/administrator-log"
              }
              className="text-emerald-800 underline-offset-2 hover:underline"
            >
              {template === "auth-api" ? "Authentication Log" : "Administrator Log"}
            </Link>
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
      {justProtected && entry && (
        <Alert tone="success" title={`${entry.name} is protected.`} className="mb-6">
          {entry.nextStep}
        </Alert>
      )}
      {template === "admin-api" && !canManage && (
        <Alert tone="info" className="mb-6">
          Only an Owner can change an Admin API application or its secret key.
        </Alert>
      )}
      <div className="space-y-8">
        <Card
          title="Details"
          description={
            template === "admin-api"
              ? "Duo's Admin API clients (for example python3-duo-client's duo_client.Admin) use these three values."
              : "Duo's Auth API clients, login_duo and pam_duo (ikey, skey and host in their configuration) use these three values."
          }
        >
          <div className="space-y-3">
            <CopyField label="Integration key" value={app.key} />
            <SecretKeyPanel
              id={app.id}
              hasSecret={view.secretKeySetAt !== null}
              setAt={view.secretKeySetAt ? utc(view.secretKeySetAt) : null}
              canManage={canManage}
            />
            <CopyField label="API hostname" value={view.apiHostname} />
          </div>
        </Card>
        <Card>
          <ApiApplicationSettings
            id={app.id}
            name={app.name}
            notes={app.notes ?? ""}
            grants={template === "admin-api" ? view.grants : null}
            options={ADMIN_API_GRANTS.map((g) => ({ value: g, label: GRANT_LABELS[g], help: GRANT_HELP[g] }))}
            readOnly={!canManage}
          />
        </Card>
        {template === "auth-api" && <ApplicationPolicyPanel actor={actor} applicationId={app.id} />}
      </div>
    </>
  );
}
