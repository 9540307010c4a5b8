import type { Metadata } from "next";
import { can } from "@/lib/authz";
import { listUsers } from "@/lib/services/users/list-users";
import { listUserGroupOptions } from "@/lib/services/users/manage-users";
import { pageActor } from "@/app/_server/actor";
import { NoAccess } from "@/components/console/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Alert } from "@/components/ui/alert";
import { LinkButton } from "@/components/ui/button";
import { SearchBox } from "@/components/data-table/search-box";
import { UsersTable } from "@/components/users/users-table";
import { UserFilters } from "@/components/users/user-filters";

export const metadata: Metadata = { title: "Users" };

type SP = Promise<Record<string, string | string[] | undefined>>;
const str = (v: string | string[] | undefined) => (typeof v === "string" && v ? v : undefined);

export default async function UsersPage({ searchParams }: { searchParams: SP }) {
  const { actor, allowed } = await pageActor("users:view");
  if (!allowed) return <NoAccess />;
  const sp = await searchParams;
  const [page, groups] = await Promise.all([listUsers(actor, sp), listUserGroupOptions(actor)]);
  const q = str(sp.q);
  const filtered = !!(q || str(sp.status) || str(sp.enrollment) || str(sp.group));
  const manage = can(actor.role, "users:manage");
  const actions = (
    <>
      <LinkButton variant="ghost" href="/admin/users/trash">
        Trash
      </LinkButton>
      <LinkButton variant="secondary" href="/admin/users/export.csv" prefetch={false}>
        Export CSV
      </LinkButton>
      {manage && (
        <LinkButton variant="secondary" href="/admin/users/import" prefetch={false}>
          Import Users
        </LinkButton>
      )}
      {manage && <LinkButton href="/admin/users/new">Add User</LinkButton>}
    </>
  );
  return (
    <>
      <PageHeader
        title="Users"
        description="The people who sign in to protected applications: their status, enrollment, groups and last login."
        actions={actions}
      />
      {str(sp.deleted) && (
        <Alert tone="success" className="mb-4">
          {str(sp.deleted)} was moved to the trash. You can restore it from Trash for 7 days.
        </Alert>
      )}
      {page.rows.length === 0 && !filtered && !sp.cursor ? (
        <EmptyState
          title="No users yet"
          action={manage ? <LinkButton href="/admin/users/new">Add User</LinkButton> : undefined}
        >
          Users are the people who sign in to your applications. Add them one by one or import a CSV file; they enroll
          an authenticator at their first sign-in.
        </EmptyState>
      ) : (
        <div className="space-y-4">
          <SearchBox label="Search users" placeholder="Username, email or alias (starts with)" defaultValue={q} />
          <UserFilters
            q={q}
            status={str(sp.status)}
            enrollment={str(sp.enrollment)}
            group={str(sp.group)}
            sort={str(sp.sort)}
            dir={str(sp.dir)}
            groups={groups}
          />
          {page.rows.length === 0 ? (
            <EmptyState title="No matching users">
              {q ? <>No username, email or alias starts with “{q}”</> : <>No user matches these filters</>}
              {sp.cursor ? " on this page." : "."} Change the search or clear the filters.
            </EmptyState>
          ) : (
            <UsersTable rows={page.rows} nextCursor={page.nextCursor} isFirstPage={!str(sp.cursor)} />
          )}
        </div>
      )}
    </>
  );
}
