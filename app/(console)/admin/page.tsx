import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@/lib/authz";
import { getDashboard, isChartRange } from "@/lib/services/dashboard";
import { AuthenticationsChart } from "@/components/dashboard/authentications-chart";
import { UserStatusCounts } from "@/components/dashboard/user-status-counts";
import { pageActor } from "@/app/_server/actor";
import { NoAccess } from "@/components/console/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { actor, allowed } = await pageActor("dashboard:view");
  if (!allowed) return <NoAccess />;
  const { range } = await searchParams;
  const { counts, chart, userStatus } = await getDashboard(actor, { range: isChartRange(range) ? range : "7d" });
  const tiles = [
    {
      label: "Applications",
      value: counts.applications,
      href: "/admin/applications",
      permission: "applications:view" as const,
    },
    { label: "Users", value: counts.users, href: "/admin/users", permission: "users:view" as const },
    { label: "Groups", value: counts.groups, href: "/admin/groups", permission: "groups:view" as const },
  ].filter((t) => can(actor.role, t.permission));

  // Each step links to where it is done, for the roles that may do it.
  const steps = [
    {
      done: counts.applications > 0,
      link: "Protect an application",
      rest: ": add a SAML service provider on the Applications page.",
      href: can(actor.role, "applications:manage") ? "/admin/applications/protect" : null,
    },
    {
      done: counts.users > 0,
      link: "Add users",
      rest: " who will sign in, on the Users page.",
      href: can(actor.role, "users:manage") ? "/admin/users/new" : null,
    },
    {
      done: counts.admins > 1,
      link: "Invite a second administrator",
      rest: " so that the tenant never depends on one person.",
      href: can(actor.role, "admins:manage") ? "/admin/administrators" : null,
    },
  ];

  return (
    <>
      <PageHeader title="Dashboard" description={`Welcome, ${actor.name}. An overview of your tenant.`} />
      <ul aria-label="Tenant totals" className="grid grid-cols-2 gap-4 lg:grid-cols-3">
        {tiles.map((t) => (
          <li key={t.label}>
            <Link
              href={t.href}
              className="block rounded-lg border border-slate-200 bg-white p-5 shadow-sm hover:border-emerald-600 focus-visible:outline-2 focus-visible:outline-emerald-600"
            >
              <span className="block text-sm text-slate-600">{t.label}</span>
              <span
                className="mt-1 block text-3xl font-semibold text-slate-900"
                data-testid={`count-${t.label.toLowerCase().replace(/\s+/g, "-")}`}
              >
                {t.value.toLocaleString("en-US")}
              </span>
            </Link>
          </li>
        ))}
      </ul>
      {(chart || userStatus) && (
        <div className="mt-8 grid gap-6 lg:grid-cols-3">
          {chart && (
            <div className="lg:col-span-2">
              <AuthenticationsChart chart={chart} rangeHref={(r) => (r === "7d" ? "/admin" : `/admin?range=${r}`)} />
            </div>
          )}
          {userStatus && (
            <UserStatusCounts
              statuses={userStatus.statuses}
              enrolled={userStatus.enrolled}
              notEnrolled={userStatus.notEnrolled}
            />
          )}
        </div>
      )}
      <Card title="Getting started" className="mt-8">
        <ol className="space-y-2 text-sm">
          {steps.map((s) => (
            <li key={s.link} className="flex items-start gap-2">
              <span aria-hidden className={s.done ? "text-emerald-700" : "text-slate-500"}>
                {s.done ? "✔" : "○"}
              </span>
              <span className={s.done ? "text-slate-600 line-through" : "text-slate-800"}>
                {s.href ? (
                  <Link href={s.href} className="font-medium text-emerald-800 underline underline-offset-2">
                    {s.link}
                  </Link>
                ) : (
                  s.link
                )}
                {s.rest}
                <span className="sr-only">{s.done ? " (done)" : " (to do)"}</span>
              </span>
            </li>
          ))}
        </ol>
      </Card>
    </>
  );
}
