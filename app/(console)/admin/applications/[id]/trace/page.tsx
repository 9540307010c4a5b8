import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { isAppError } from "@/lib/errors";
import { applicationTrace, TRACE_KEEP } from "@/lib/services/saml-trace/view-trace";
import { pageActor } from "@/app/_server/actor";
import { NoAccess } from "@/components/console/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { TraceEntryView } from "@/components/applications/trace-entry";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "SAML trace" };

export default async function SamlTracePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { actor, allowed } = await pageActor("applications:view");
  if (!allowed) return <NoAccess />;
  const { id } = await params;
  const entryParam = (await searchParams).entry;
  const open = typeof entryParam === "string" ? entryParam : undefined;
  let data;
  try {
    data = await applicationTrace(actor, id);
  } catch (e) {
    if (isAppError(e) && e.code === "not_found") notFound();
    throw e;
  }
  const { app, entries } = data;
  const test = open ? entries.find((e) => e.id === open && e.verdict === "TEST") : undefined;
  return (
    <>
      <PageHeader
        breadcrumb={
          <>
            <Link href="/admin/applications" className="hover:underline">
              Applications
            </Link>{" "}
            /{" "}
            <Link href={`/admin/applications/${app.id}`} className="hover:underline">
              {app.name}
            </Link>
          </>
        }
        title="SAML trace"
        description={`The last ${TRACE_KEEP} SAML messages between Portcullis and this service provider (kept for 7 days), newest first, decoded. A refused message says exactly why.`}
        actions={
          app.configured ? (
            <a
              href={`/admin/applications/${app.id}/test-sso`}
              target="_blank"
              rel="noopener"
              className={buttonClass("secondary")}
            >
              Test SSO
            </a>
          ) : undefined
        }
      />
      {test && (
        <div role="status" className="mb-6 rounded-md border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-900">
          Test SSO: this is the Response Portcullis would send to the service provider. It was not sent.
        </div>
      )}
      {entries.length === 0 ? (
        <EmptyState title="No SAML messages yet">
          Messages appear here as soon as the service provider sends an AuthnRequest or a user signs in to it. Use Test
          SSO to see the Response a user would get.
        </EmptyState>
      ) : (
        <ol className="space-y-3" aria-label="SAML messages, newest first">
          {entries.map((e) => (
            <TraceEntryView key={e.id} entry={e} open={e.id === open} />
          ))}
        </ol>
      )}
    </>
  );
}
