import type { Metadata } from "next";
import Link from "next/link";
import { pageActor } from "@/app/_server/actor";
import { NoAccess } from "@/components/console/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { ImportUsers } from "@/components/users/import/import-users";
import { MAX_ALIASES } from "@/lib/services/users/csv-format";

export const metadata: Metadata = { title: "Import Users" };

const COLUMNS: Array<[string, string]> = [
  [
    "username",
    "Required. Identifies the user; matched ignoring upper and lower case. A new username creates a user, an existing one updates that user.",
  ],
  ["email", "Optional. A valid email address."],
  ["realname", "Optional. The user’s full name."],
  [
    "aliases",
    `Optional. Up to ${MAX_ALIASES} other names the user can sign in with, separated by semicolons (e.g. "jane;j.smith"). Aliases are unique across all users.`,
  ],
  [
    "groups",
    'Optional. Group names separated by semicolons (e.g. "Engineering;VPN users"). Each group must already exist; import does not create groups.',
  ],
  ["status", "Optional. Active, Bypass or Disabled (any case). New users without a status are Active."],
];

export default async function ImportUsersPage() {
  const { allowed } = await pageActor("users:manage");
  if (!allowed) return <NoAccess />;
  return (
    <>
      <PageHeader
        breadcrumb={
          <Link href="/admin/users" className="hover:underline">
            Users
          </Link>
        }
        title="Import Users"
        description="Create and update many users at once from a CSV file. You see a verdict for every row before anything is written; the import then runs as a single transaction."
      />
      <div className="space-y-8">
        <Card
          title="CSV format"
          description="A header row with these six columns (in any order), then one user per line. Values that contain a comma must be in double quotes."
          actions={
            <a
              href="/admin/users/import/template.csv"
              download
              className={buttonClass("secondary", "whitespace-nowrap")}
            >
              Download template
            </a>
          }
        >
          <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[9rem_1fr]">
            {COLUMNS.map(([name, text]) => (
              <div key={name} className="contents">
                <dt className="font-mono text-slate-900">{name}</dt>
                <dd className="text-slate-700">{text}</dd>
              </div>
            ))}
          </dl>
          <div className="mt-4 rounded-md bg-slate-50 px-4 py-3 text-sm text-slate-700">
            <p className="font-medium text-slate-900">Existing users</p>
            <p className="mt-1">
              A filled <span className="font-mono">email</span>, <span className="font-mono">realname</span> or{" "}
              <span className="font-mono">status</span> cell replaces the current value; an empty cell keeps it. A
              filled <span className="font-mono">aliases</span> cell replaces all of the user’s aliases. The user is
              added to each group in the <span className="font-mono">groups</span> cell and stays in its other groups:
              import never removes anyone from a group. Users in the trash cannot be imported.
            </p>
            <p className="mt-2">
              Imported users are not enrolled: each adds an authenticator at their first sign-in. Files exported from
              this page’s Export CSV import again unchanged.
            </p>
          </div>
        </Card>
        <Card title="Upload">
          <ImportUsers />
        </Card>
      </div>
    </>
  );
}
