import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { can } from "@/lib/authz";
import { isAppError } from "@/lib/errors";
import { getUserPage } from "@/lib/services/users/manage-users";
import { userSessions } from "@/lib/services/sign-in/idp-logout";
import { EndSessionsButton } from "@/components/users/end-sessions-button";
import { MAX_LIVE_BYPASS_CODES } from "@/lib/mfa/bypass-codes";
import { pageActor } from "@/app/_server/actor";
import { NoAccess } from "@/components/console/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { EnrollmentBadge, UserStatusBadge, dateTimeFmt } from "@/components/users/user-status";
import {
  DeleteBypassCodeButton,
  DeleteUserButton,
  GenerateBypassCodesForm,
  GroupMemberships,
  ProfileForm,
  ReadOnlyProfile,
  RemoveAuthenticatorButton,
  ResetLinkForm,
  UnlockButton,
} from "@/components/users/user-forms";

export const metadata: Metadata = { title: "User" };

const TYPE_LABELS: Record<string, string> = { TOTP: "Authenticator app (TOTP)", WEBAUTHN: "Passkey or security key" };
const when = (d: Date | null, none = "Never") => (d ? dateTimeFmt.format(d) : none);

export default async function UserPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { actor, allowed } = await pageActor("users:view");
  if (!allowed) return <NoAccess />;
  const { id } = await params;
  const sp = await searchParams;
  let data;
  try {
    data = await getUserPage(actor, id);
  } catch (e) {
    if (isAppError(e) && e.code === "not_found") notFound();
    throw e;
  }
  const { user, authenticators, bypassCodes, allGroups } = data;
  const sessions = await userSessions(actor, user.id);
  const manage = can(actor.role, "users:manage");
  const helpdesk = can(actor.role, "users:helpdesk");
  const now = new Date();
  const usable = (c: (typeof bypassCodes)[number]) =>
    (c.expiresAt === null || c.expiresAt > now) && (c.remainingUses === null || c.remainingUses > 0);
  const live = bypassCodes.filter(usable).length;
  const profile = {
    id: user.id,
    username: user.username,
    email: user.email,
    realName: user.realName,
    status: user.status,
    aliases: user.aliases,
  };
  return (
    <>
      <PageHeader
        breadcrumb={
          <Link href="/admin/users" className="hover:underline">
            Users
          </Link>
        }
        title={user.username}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <UserStatusBadge status={user.status} />
            <EnrollmentBadge enrolled={user.isEnrolled} />
            <span>Last login: {when(user.lastLoginAt)}</span>
            <span aria-hidden>·</span>
            <span>Added {dateTimeFmt.format(user.createdAt)} UTC</span>
          </span>
        }
        actions={manage ? <DeleteUserButton userId={user.id} username={user.username} /> : undefined}
      />
      {sp.created && (
        <Alert tone="success" className="mb-4">
          Added {user.username}. Create a password reset link below so they can set a password.
        </Alert>
      )}
      {user.status === "LOCKED_OUT" && (
        <Alert tone="error" className="mb-4" title="Locked Out">
          <p>
            {user.username} is locked out after {user.failedAttempts} failed attempt
            {user.failedAttempts === 1 ? "" : "s"}
            {user.lockedAt ? ` (since ${dateTimeFmt.format(user.lockedAt)} UTC)` : ""}. Unlocking returns the user to
            Active.
          </p>
          {helpdesk && (
            <div className="mt-3">
              <UnlockButton userId={user.id} />
            </div>
          )}
        </Alert>
      )}
      <div className="grid gap-6 xl:grid-cols-2">
        <Card title="Details" description={`Username: ${user.username}`}>
          {manage ? <ProfileForm user={profile} /> : <ReadOnlyProfile user={profile} />}
        </Card>
        <div className="space-y-6">
          <Card title="Groups" description="Group status and policies apply to their members.">
            <GroupMemberships userId={user.id} groups={user.groups} allGroups={allGroups} canManage={manage} />
          </Card>
          <Card
            title="Password"
            description={user.hasPassword ? "The user has a password." : "The user has no password yet."}
          >
            {helpdesk ? (
              <div className="space-y-3">
                <p className="text-sm text-slate-600">
                  Create a one-time link and give it to the user: it lets them set a new password, works once and
                  expires after 24 hours. Creating a new link cancels earlier ones.
                </p>
                <ResetLinkForm userId={user.id} />
              </div>
            ) : (
              <p className="text-sm text-slate-600">Your role cannot create password reset links.</p>
            )}
          </Card>
        </div>
        <Card
          title="Sessions"
          description="Single sign-on sessions of this user, and the applications each one signed in to."
          className="xl:col-span-2"
        >
          {sessions.length === 0 ? (
            <p className="text-sm text-slate-600" data-testid="no-sessions">
              No active single sign-on session.
            </p>
          ) : (
            <div className="space-y-3">
              <ul className="space-y-1 text-sm" data-testid="user-sessions">
                {sessions.map((s, i) => (
                  <li key={i}>
                    Started {dateTimeFmt.format(s.startedAt)} UTC
                    {s.applications.length > 0 && <> · {s.applications.map((a) => a.name).join(", ")}</>}
                  </li>
                ))}
              </ul>
              {manage && (
                <>
                  <p className="text-sm text-slate-600">
                    Ending the sessions signs the user out of Portcullis at once, then tells every application with a
                    Single Logout URL to end its own session.
                  </p>
                  <EndSessionsButton userId={user.id} />
                </>
              )}
            </div>
          )}
        </Card>
        <Card
          title="Authenticators"
          description="Authenticator apps and passkeys this user signs in with."
          className="xl:col-span-2"
        >
          {authenticators.length === 0 ? (
            <p className="text-sm text-slate-600">
              No authenticators. The user enrolls one at the next sign-in when policy requires it.
            </p>
          ) : (
            <table className="min-w-full text-sm">
              <caption className="sr-only">Authenticators</caption>
              <thead className="text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
                <tr>
                  <th scope="col" className="py-2 pr-4">
                    Type
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    Name
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    Added (UTC)
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    Last used (UTC)
                  </th>
                  {manage && (
                    <th scope="col" className="py-2">
                      <span className="sr-only">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {authenticators.map((a) => (
                  <tr key={a.id} data-testid="authenticator-row">
                    <td className="py-2 pr-4">{TYPE_LABELS[a.type] ?? a.type}</td>
                    <td className="py-2 pr-4 font-medium">{a.name}</td>
                    <td className="py-2 pr-4">{dateTimeFmt.format(a.createdAt)}</td>
                    <td className="py-2 pr-4">{when(a.lastUsedAt)}</td>
                    {manage && (
                      <td className="py-2 text-right">
                        <RemoveAuthenticatorButton userId={user.id} authenticatorId={a.id} name={a.name} />
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
        <Card
          title="Bypass codes"
          description="One-time passcodes for a user without their authenticator. Shown once when generated; stored hashed."
          className="xl:col-span-2"
        >
          <div className="space-y-5">
            {bypassCodes.length === 0 ? (
              <p className="text-sm text-slate-600">No bypass codes.</p>
            ) : (
              <table className="min-w-full text-sm">
                <caption className="sr-only">Bypass codes</caption>
                <thead className="text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
                  <tr>
                    <th scope="col" className="py-2 pr-3">
                      Created (UTC)
                    </th>
                    <th scope="col" className="py-2 pr-3">
                      Uses left
                    </th>
                    <th scope="col" className="py-2 pr-3">
                      Expires (UTC)
                    </th>
                    {helpdesk && (
                      <th scope="col" className="py-2">
                        <span className="sr-only">Actions</span>
                      </th>
                    )}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {bypassCodes.map((c) => (
                    <tr key={c.id} data-testid="bypass-code-row" className={usable(c) ? undefined : "text-slate-500"}>
                      <td className="py-2 pr-3">{dateTimeFmt.format(c.createdAt)}</td>
                      <td className="py-2 pr-3">
                        {c.remainingUses === null ? "Unlimited" : c.remainingUses}
                        {c.usedCount > 0 ? ` (used ${c.usedCount})` : ""}
                      </td>
                      <td className="py-2 pr-3">
                        {c.expiresAt
                          ? `${dateTimeFmt.format(c.expiresAt)}${c.expiresAt <= now ? " (expired)" : ""}`
                          : "Never"}
                      </td>
                      {helpdesk && (
                        <td className="py-2 text-right">
                          <DeleteBypassCodeButton userId={user.id} codeId={c.id} />
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {helpdesk && <GenerateBypassCodesForm userId={user.id} live={live} max={MAX_LIVE_BYPASS_CODES} />}
          </div>
        </Card>
      </div>
    </>
  );
}
