import type { Metadata } from "next";
import Link from "next/link";
import { pageActor } from "@/app/_server/actor";
import { listUserGroupOptions } from "@/lib/services/users/manage-users";
import { NoAccess } from "@/components/console/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { AddUserForm } from "@/components/users/add-user-form";

export const metadata: Metadata = { title: "Add User" };

export default async function AddUserPage() {
  const { actor, allowed } = await pageActor("users:manage");
  if (!allowed) return <NoAccess />;
  const groups = await listUserGroupOptions(actor);
  return (
    <>
      <PageHeader
        title="Add User"
        breadcrumb={
          <Link href="/admin/users" className="hover:underline">
            Users
          </Link>
        }
        description="Add one person who signs in to protected applications. They enroll an authenticator at their first sign-in."
      />
      <Card>
        <AddUserForm groups={groups} />
      </Card>
    </>
  );
}
