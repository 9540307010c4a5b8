import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { finishLogoutRun, logoutRunView } from "@/lib/services/sign-in/idp-logout";
import { pageActor } from "@/app/_server/actor";
import { clientIpFrom } from "@/app/_server/request";
import { NoAccess } from "@/components/console/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { LogoutChain } from "@/components/sso/logout-chain";

export const metadata: Metadata = { title: "End sessions" };

// The administrator's "End sessions": the SSO sessions have ended; this page tells each SP
// of those sessions (front-channel, from this browser), then shows which did not confirm.
export default async function EndSessionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { allowed } = await pageActor("users:manage");
  if (!allowed) return <NoAccess />;
  const { id } = await params;
  const sp = await searchParams;
  const run = typeof sp.run === "string" ? sp.run : undefined;
  const back = (
    <Link href={`/admin/users/${encodeURIComponent(id)}`} className="text-emerald-800 hover:underline">
      Back to the user
    </Link>
  );
  const header = (
    <PageHeader
      breadcrumb={
        <Link href="/admin/users" className="hover:underline">
          Users
        </Link>
      }
      title="End sessions"
    />
  );
  if (sp.done && run) {
    const h = await headers();
    const result = await finishLogoutRun(run, { ip: clientIpFrom((n) => h.get(n)), userAgent: h.get("user-agent") });
    if (!result || result.initiator !== "admin" || result.userId !== id)
      return (
        <>
          {header}
          <Alert tone="warning">This sign-out is over or unknown.</Alert>
          <p className="mt-4 text-sm">{back}</p>
        </>
      );
    return (
      <>
        {header}
        {result.failed.length === 0 ? (
          <Alert tone="success">
            {result.username} is signed out of Portcullis and of {result.signedOut.join(", ")}.
          </Alert>
        ) : (
          <Alert tone="warning" title={`${result.username} is signed out of Portcullis.`}>
            <p>These applications did not confirm the sign-out (their own sessions may still be open):</p>
            <ul className="mt-2 list-disc pl-5" data-testid="logout-failed">
              {result.failed.map((f) => (
                <li key={f.appName}>
                  {f.appName} — {f.detail}
                </li>
              ))}
            </ul>
          </Alert>
        )}
        <p className="mt-4 text-sm">{back}</p>
      </>
    );
  }
  const view = run ? await logoutRunView(run) : null;
  if (!view)
    return (
      <>
        {header}
        <Alert tone="success">
          {sp.ended !== undefined
            ? `Ended ${sp.ended} session${sp.ended === "1" ? "" : "s"}. No application of those sessions has a Single Logout URL to tell.`
            : "No sign-out in progress."}
        </Alert>
        <p className="mt-4 text-sm">{back}</p>
      </>
    );
  return (
    <>
      {header}
      <Card
        title="Signing the user out of their applications"
        description="The sessions have ended. Each application with a Single Logout URL is told, one after another; one that does not answer within a few seconds is skipped."
      >
        <LogoutChain
          runId={view.runId}
          hops={view.hops.map(({ index, appName, url }) => ({ index, appName, url }))}
          timeoutMs={view.timeoutMs}
          doneUrl={`/admin/users/${encodeURIComponent(id)}/sessions?run=${encodeURIComponent(view.runId)}&done=1`}
          labels={{ pending: "Waiting", ok: "Signed out", failed: "Did not confirm" }}
        />
      </Card>
    </>
  );
}
