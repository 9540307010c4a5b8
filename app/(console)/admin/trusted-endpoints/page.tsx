import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@/lib/authz";
import { listIntegrationsForConsole } from "@/lib/services/endpoints/integrations";
import { listEndpointsForConsole } from "@/lib/services/endpoints/endpoints-list";
import { getDeviceCaForConsole } from "@/lib/services/endpoints/device-ca";
import { getDeviceCheckSettings } from "@/lib/services/endpoints/device-check-settings";
import { pageActor } from "@/app/_server/actor";
import { NoAccess } from "@/components/console/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { ShieldIcon } from "@/components/ui/icons";
import { LinkButton } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { SearchBox } from "@/components/data-table/search-box";
import { EndpointsTable } from "@/components/trusted-endpoints/endpoints-table";
import { DeviceCheckForm } from "@/components/trusted-endpoints/device-check-form";

export const metadata: Metadata = { title: "Trusted Endpoints" };

type SP = Promise<Record<string, string | string[] | undefined>>;
const str = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);
const KIND_LABEL: Record<string, string> = {
  DEVICE_INVENTORY: "Management Tools · device inventory",
  CISCO_SECURE_ENDPOINT: "Endpoint Detection & Response",
};

export default async function TrustedEndpointsPage({ searchParams }: { searchParams: SP }) {
  const { actor, allowed } = await pageActor("endpoints:view");
  if (!allowed) return <NoAccess />;
  const sp = await searchParams;
  const q = str(sp.q);
  const integrationId = str(sp.integration);
  const cursor = str(sp.cursor);
  const [integrations, page, settings] = await Promise.all([
    listIntegrationsForConsole(actor),
    listEndpointsForConsole(actor, { q, cursor, integrationId }),
    getDeviceCheckSettings(),
  ]);
  const canManage = can(actor.role, "endpoints:manage");
  const addButton = canManage ? (
    <LinkButton href="/admin/trusted-endpoints/add?tab=management">Add Integration</LinkButton>
  ) : undefined;

  if (integrations.length === 0) {
    return (
      <>
        <PageHeader title="Trusted Endpoints" description="Only known devices reach your protected applications." />
        {sp.removed && (
          <Alert tone="success" className="mb-4">
            The integration was removed.
          </Alert>
        )}
        <EmptyState
          title="No endpoints yet"
          icon={<ShieldIcon className="h-6 w-6" />}
          action={
            canManage ? (
              <LinkButton href="/admin/trusted-endpoints/add?tab=management">Get started</LinkButton>
            ) : undefined
          }
        >
          <p>
            Trusted Endpoints identifies the devices your users sign in from. A management tool (or an administrator)
            lists your organization&rsquo;s devices; each device proves its identity with a certificate from your device
            CA; policies can then require trusted endpoints, and Cisco Secure Endpoint can block compromised ones.
          </p>
          {!canManage && (
            <p className="mt-2">An Owner, Administrator or Application Manager can add the first integration.</p>
          )}
        </EmptyState>
      </>
    );
  }

  const ca = await getDeviceCaForConsole(actor);
  const management = integrations.filter((i) => i.kind === "DEVICE_INVENTORY");
  const edr = integrations.filter((i) => i.kind === "CISCO_SECURE_ENDPOINT");
  const filterName = integrationId ? integrations.find((i) => i.id === integrationId)?.name : undefined;
  return (
    <>
      <PageHeader
        title="Trusted Endpoints"
        description="Devices known to your organization and the integrations that report them."
        actions={addButton}
      />
      {sp.removed && (
        <Alert tone="success" className="mb-4">
          The integration was removed.
        </Alert>
      )}
      <div className="space-y-6">
        <Card title="Integrations">
          <div className="grid gap-6 lg:grid-cols-2">
            {[
              {
                title: "Management Tools",
                rows: management,
                empty: "No management tool yet. Add a device inventory to list trusted devices.",
              },
              {
                title: "Endpoint Detection & Response Systems",
                rows: edr,
                empty: "Cisco Secure Endpoint is not connected.",
              },
            ].map((group) => (
              <section key={group.title} aria-label={group.title}>
                <h3 className="mb-2 text-sm font-semibold text-slate-700">{group.title}</h3>
                {group.rows.length === 0 ? (
                  <p className="text-sm text-slate-500">{group.empty}</p>
                ) : (
                  <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
                    {group.rows.map((i) => (
                      <li
                        key={i.id}
                        className="flex items-center justify-between gap-3 px-4 py-3"
                        data-testid="integration-row"
                      >
                        <div>
                          <Link
                            href={
                              i.kind === "CISCO_SECURE_ENDPOINT"
                                ? "/admin/trusted-endpoints/cisco-secure-endpoint"
                                : `/admin/trusted-endpoints/integrations/${i.id}`
                            }
                            className="font-medium text-emerald-800 underline-offset-2 hover:underline"
                          >
                            {i.name}
                          </Link>
                          <div className="text-xs text-slate-500">
                            {KIND_LABEL[i.kind] ?? i.kind}
                            {i.kind === "DEVICE_INVENTORY" &&
                              ` · ${i.deviceCount} device${i.deviceCount === 1 ? "" : "s"}`}
                            {i.kind === "CISCO_SECURE_ENDPOINT" && i.hostname && ` · ${i.hostname}`}
                          </div>
                        </div>
                        <Badge tone={i.enabled ? "green" : "slate"}>{i.enabled ? "Enabled" : "Disabled"}</Badge>
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            ))}
          </div>
        </Card>

        <section aria-labelledby="endpoints-heading" className="space-y-3">
          <div className="flex flex-wrap items-end justify-between gap-3">
            <div>
              <h2 id="endpoints-heading" className="text-lg font-semibold text-slate-900">
                Endpoints
              </h2>
              <p className="text-sm text-slate-600">
                {filterName ? (
                  <>
                    Devices trusted by {filterName}.{" "}
                    <Link href="/admin/trusted-endpoints" className="text-emerald-800 underline">
                      Show all
                    </Link>
                  </>
                ) : (
                  "Every device an integration listed or a certificate was issued for, newest first."
                )}
              </p>
            </div>
            <SearchBox label="Search endpoints" defaultValue={q} placeholder="Device ID or hostname starts with…" />
          </div>
          {page.rows.length === 0 ? (
            <EmptyState title={q ? "No matching endpoints" : "No endpoints yet"}>
              {q
                ? `No device ID or hostname starts with “${q}”.`
                : "Upload an inventory or issue a device certificate in a Management Tools integration."}
            </EmptyState>
          ) : (
            <EndpointsTable
              rows={page.rows.map((r) => ({
                id: r.id,
                deviceId: r.deviceId,
                hostname: r.hostname,
                os: r.os,
                owner: r.owner?.username ?? null,
                trustedNow: r.trustedNow,
                integration: r.integration
                  ? { id: r.integration.id, name: r.integration.name, enabled: r.integration.enabled }
                  : null,
                edrStatus: r.edrStatus,
                edrCheckedAt: r.edrCheckedAt?.toISOString() ?? null,
                lastSeenAt: r.lastSeenAt?.toISOString() ?? null,
                activeCertificates: r.activeCertificates,
              }))}
              nextCursor={page.nextCursor}
              isFirstPage={!cursor}
            />
          )}
        </section>

        <Card
          title="Device identity"
          description="How a device proves itself at sign-in: a certificate from your device CA, presented to the device check directly (TLS client certificate) or through a reverse proxy you trust."
        >
          <div className="space-y-6">
            {ca ? (
              <dl className="grid gap-1 text-sm sm:grid-cols-[10rem_1fr]">
                <dt className="text-slate-500">Device CA</dt>
                <dd>
                  <a
                    href="/admin/trusted-endpoints/device-ca"
                    download
                    className="text-emerald-800 underline-offset-2 hover:underline"
                  >
                    Download CA certificate
                  </a>{" "}
                  <span className="text-slate-500">(for your proxy&rsquo;s ssl_client_certificate)</span>
                </dd>
                <dt className="text-slate-500">SHA-256</dt>
                <dd className="font-mono text-xs break-all">{ca.sha256Fingerprint}</dd>
                <dt className="text-slate-500">Expires</dt>
                <dd>{ca.notAfter.toUTCString()}</dd>
              </dl>
            ) : (
              <p className="text-sm text-slate-600">
                The device CA is created when the first device certificate is issued.
              </p>
            )}
            <DeviceCheckForm
              initial={{
                deviceCheckUrl: settings.deviceCheckUrl ?? "",
                trustedProxies: settings.trustedProxies.join("\n"),
                clientCertHeader: settings.clientCertHeader,
              }}
              readOnly={!canManage}
            />
          </div>
        </Card>
      </div>
    </>
  );
}
