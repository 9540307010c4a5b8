import type { Metadata } from "next";
import { can } from "@/lib/authz";
import { listGroupsForConsole } from "@/lib/services/groups/manage-groups";
import { pageActor } from "@/app/_server/actor";
import { NoAccess } from "@/components/console/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { LinkButton } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { SearchBox } from "@/components/data-table/search-box";
import { GroupsTable } from "@/components/groups/groups-table";

export const metadata: Metadata = { title: "Groups" };

type SP = Promise<Record<string, string | string[] | undefined>>;
const str = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

export default async function GroupsPage({ searchParams }: { searchParams: SP }) {
  const { actor, allowed } = await pageActor("groups:view");
  if (!allowed) return <NoAccess />;
  const sp = await searchParams;
  const q = str(sp.q)?.trim() || undefined;
  const cursor = str(sp.cursor);
  const { rows, nextCursor } = await listGroupsForConsole(actor, { q, cursor, dir: str(sp.dir) });
  const canManage = can(actor.role, "groups:manage");
  const add = canManage ? <LinkButton href="/admin/groups/new">Add Group</LinkButton> : undefined;
  const empty = rows.length === 0 && !q && !cursor;
  return (
    <>
      <PageHeader
        title="Groups"
        description="Groups collect users so that applications and policies apply to them together. A group’s status (Active, Bypass or Disabled) applies to all of its members."
        actions={empty ? undefined : add}
      />
      {sp.deleted && (
        <Alert tone="success" className="mb-4">
          The group was deleted.
        </Alert>
      )}
      {empty ? (
        <EmptyState title="No groups yet" action={add}>
          Groups collect users so that applications (“Only allow authentication from users in certain groups”) and
          policies can apply to them together.
        </EmptyState>
      ) : (
        <div className="space-y-4">
          <SearchBox label="Search groups by name" defaultValue={q} placeholder="Group name starts with…" />
          {rows.length === 0 ? (
            <EmptyState title="No matching groups">
              {q ? <>No group name starts with “{q}”.</> : "There are no more groups."}
            </EmptyState>
          ) : (
            <GroupsTable
              rows={rows.map((r) => ({
                id: r.id,
                name: r.name,
                description: r.description,
                status: r.status,
                memberCount: r.memberCount,
              }))}
              nextCursor={nextCursor}
              isFirstPage={!cursor}
            />
          )}
        </div>
      )}
    </>
  );
}
