import type { Metadata } from "next";
import { ROLE_LABELS, isRole } from "@/lib/authz";
import { listAdministrators } from "@/lib/services/admins/manage-admins";
import { pageActor } from "@/app/_server/actor";
import { NoAccess } from "@/components/console/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { AddAdministratorForm, AdministratorRowActions } from "@/components/administrators/administrator-forms";

export const metadata: Metadata = { title: "Administrators" };

const dateFmt = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
const dateTimeFmt = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function AdministratorsPage() {
  const { actor, allowed } = await pageActor("admins:manage");
  if (!allowed) return <NoAccess />;
  const admins = await listAdministrators(actor);
  const lockEnd = (a: (typeof admins)[number]) => a.passcodeLockedUntil;
  return (
    <>
      <PageHeader
        title="Administrators"
        description="People who manage this tenant in the console, and what each role may do."
      />
      <Card
        title="Administrators"
        description={`${admins.length} administrator${admins.length === 1 ? "" : "s"}`}
        className="mb-8"
      >
        <div className="-mx-5 -my-4 overflow-x-auto">
          <table className="min-w-full text-sm">
            <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
              <tr>
                <th scope="col" className="px-5 py-3">
                  Administrator
                </th>
                <th scope="col" className="px-5 py-3">
                  Role
                </th>
                <th scope="col" className="px-5 py-3">
                  Two-factor
                </th>
                <th scope="col" className="px-5 py-3">
                  Last login (UTC)
                </th>
                <th scope="col" className="px-5 py-3">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {admins.map((a) => (
                <tr key={a.id} data-testid="admin-row" data-email={a.email}>
                  <td className="px-5 py-3">
                    <div className="font-medium text-slate-900">
                      {a.name}
                      {a.id === actor.adminId && <span className="ml-2 text-xs font-normal text-slate-500">(you)</span>}
                    </div>
                    <div className="text-xs text-slate-600">{a.email}</div>
                    {lockEnd(a) && (
                      <div
                        className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-600"
                        data-testid="admin-locked"
                      >
                        <Badge tone="red">Locked</Badge>
                        <span>
                          Too many incorrect passcodes; unlocks by itself{" "}
                          <time dateTime={lockEnd(a)!.toISOString()}>{dateTimeFmt.format(lockEnd(a)!)}</time> UTC
                        </span>
                      </div>
                    )}
                  </td>
                  <td className="px-5 py-3" data-testid="admin-role">
                    {isRole(a.role) ? ROLE_LABELS[a.role] : a.role}
                  </td>
                  <td className="px-5 py-3 whitespace-nowrap">
                    {a.totpEnrolled ? (
                      <Badge tone="green">Enrolled</Badge>
                    ) : (
                      <Badge tone="amber">At first sign-in</Badge>
                    )}
                  </td>
                  <td className="px-5 py-3 whitespace-nowrap text-slate-600">
                    {a.lastLoginAt ? (
                      <time dateTime={a.lastLoginAt.toISOString()} title={dateTimeFmt.format(a.lastLoginAt)}>
                        {dateFmt.format(a.lastLoginAt)}
                      </time>
                    ) : (
                      "Never"
                    )}
                  </td>
                  <td className="px-5 py-3 text-right whitespace-nowrap">
                    {a.id !== actor.adminId && isRole(a.role) && (
                      <AdministratorRowActions adminId={a.id} email={a.email} role={a.role} locked={!!lockEnd(a)} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      <Card
        title="Add administrator"
        description="The new administrator signs in with this email and password, then enrolls an authenticator app."
      >
        <AddAdministratorForm />
      </Card>
    </>
  );
}
