import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@/lib/authz";
import { listTrash } from "@/lib/services/users/manage-users";
import { pageActor } from "@/app/_server/actor";
import { NoAccess } from "@/components/console/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { TrashTable } from "@/components/users/trash-table";

export const metadata: Metadata = { title: "Deleted Users" };

export default async function TrashPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { actor, allowed } = await pageActor("users:view");
  if (!allowed) return <NoAccess />;
  const sp = await searchParams;
  const cursor = typeof sp.cursor === "string" ? sp.cursor : undefined;
  const page = await listTrash(actor, { cursor });
  return (
    <>
      <PageHeader
        breadcrumb={
          <Link href="/admin/users" className="hover:underline">
            Users
          </Link>
        }
        title="Deleted Users"
        description="Deleted users stay here for 7 days and can be restored; then they are removed for good. Meanwhile they cannot sign in, and their usernames and aliases stay reserved."
      />
      {page.rows.length === 0 && !cursor ? (
        <EmptyState title="The trash is empty">Users you delete appear here for 7 days.</EmptyState>
      ) : (
        <TrashTable
          rows={page.rows}
          nextCursor={page.nextCursor}
          isFirstPage={!cursor}
          canRestore={can(actor.role, "users:manage")}
        />
      )}
    </>
  );
}
