import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { can } from "@/lib/authz";
import { isAppError } from "@/lib/errors";
import { findUsersToAdd, getGroup, listGroupMembers } from "@/lib/services/groups/manage-groups";
import { pageActor } from "@/app/_server/actor";
import { NoAccess } from "@/components/console/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { GroupForm } from "@/components/groups/group-form";
import { GroupStatusBadge } from "@/components/groups/group-status";
import { DeleteGroupButton } from "@/components/groups/delete-group-button";
import { MembersTable } from "@/components/groups/members-table";
import { AddMembers } from "@/components/groups/add-members";

export const metadata: Metadata = { title: "Group" };

type SP = Promise<Record<string, string | string[] | undefined>>;
const str = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

export default async function GroupPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: SP;
}) {
  const { actor, allowed } = await pageActor("groups:view");
  if (!allowed) return <NoAccess />;
  const { id } = await params;
  const sp = await searchParams;
  let data;
  try {
    data = await getGroup(actor, id);
  } catch (e) {
    if (isAppError(e) && e.code === "not_found") notFound();
    throw e;
  }
  const { group, usage } = data;
  const canManage = can(actor.role, "groups:manage");
  const cursor = str(sp.cursor);
  const members = await listGroupMembers(actor, id, { cursor });
  const find = str(sp.find)?.trim() || undefined;
  const candidates = canManage && find ? await findUsersToAdd(actor, id, find) : [];
  const added = str(sp.added);
  const removed = str(sp.removed);

  return (
    <>
      <PageHeader
        breadcrumb={
          <Link href="/admin/groups" className="hover:underline">
            Groups
          </Link>
        }
        title={group.name}
        description={group.description ?? undefined}
        actions={
          canManage ? (
            <DeleteGroupButton
              id={group.id}
              name={group.name}
              memberCount={usage.memberCount}
              applications={usage.applications.map((a) => a.name)}
              policyAssignments={usage.policyAssignments}
            />
          ) : undefined
        }
      />
      {sp.created && (
        <Alert tone="success" className="mb-6">
          Group added. Add members below.
        </Alert>
      )}
      {added !== undefined && (
        <Alert tone="success" className="mb-6">
          {added === "1" ? "Added 1 user to the group." : `Added ${Number(added) || 0} users to the group.`}
        </Alert>
      )}
      {removed !== undefined && (
        <Alert tone="success" className="mb-6">
          Removed {removed.slice(0, 100) || "the user"} from the group.
        </Alert>
      )}
      <div className="space-y-8">
        <div className="grid items-start gap-8 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
          <Card
            title="Settings"
            description={canManage ? undefined : "Your administrator role can view this group but not change it."}
          >
            <GroupForm
              initial={{ id: group.id, name: group.name, description: group.description ?? "", status: group.status }}
              readOnly={!canManage}
            />
          </Card>
          <Card title="Summary">
            <dl className="space-y-3 text-sm">
              <div>
                <dt className="text-slate-500">Status</dt>
                <dd className="mt-0.5">
                  <GroupStatusBadge status={group.status} />
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">Users</dt>
                <dd className="mt-0.5 font-medium tabular-nums" data-testid="group-member-count">
                  {usage.memberCount.toLocaleString("en-US")}
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">Applications that permit this group</dt>
                <dd className="mt-0.5">
                  {usage.applications.length === 0 ? (
                    <span className="text-slate-600">None</span>
                  ) : (
                    <ul className="space-y-0.5" data-testid="group-applications">
                      {usage.applications.map((a) => (
                        <li key={a.id}>
                          <Link
                            href={`/admin/applications/${a.id}`}
                            className="text-emerald-800 underline-offset-2 hover:underline"
                          >
                            {a.name}
                          </Link>
                        </li>
                      ))}
                    </ul>
                  )}
                </dd>
              </div>
            </dl>
          </Card>
        </div>
        {canManage && (
          <Card
            title="Add Users"
            description="Find users by the start of their username or email address, then add them to this group."
          >
            <AddMembers groupId={group.id} find={find} candidates={candidates} />
          </Card>
        )}
        <section aria-labelledby="members-heading" className="space-y-3">
          <h2 id="members-heading" className="text-base font-semibold text-slate-900">
            Users in this group
          </h2>
          {members.rows.length === 0 && !cursor ? (
            <EmptyState title="No users in this group">
              {canManage ? "Find users above to add them." : "An administrator who manages users can add members."}
            </EmptyState>
          ) : (
            <MembersTable
              groupId={group.id}
              rows={members.rows.map((m) => ({
                id: m.id,
                username: m.username,
                realName: m.realName,
                email: m.email,
                status: m.status,
              }))}
              nextCursor={members.nextCursor}
              isFirstPage={!cursor}
              canManage={canManage}
            />
          )}
        </section>
      </div>
    </>
  );
}
