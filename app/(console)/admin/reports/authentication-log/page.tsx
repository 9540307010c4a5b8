import type { Metadata } from "next";
import { authLogFilterOptions, getAuthenticationEvent, listAuthenticationLog } from "@/lib/services/auth-log";
import { filterSearchParams, parseAuthLogFilters } from "@/lib/services/auth-log-filters";
import { pageActor } from "@/app/_server/actor";
import { NoAccess } from "@/components/console/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Alert } from "@/components/ui/alert";
import { AuthenticationLogTable } from "@/components/reports/authentication-log-table";
import { AuthenticationLogFilters } from "@/components/reports/authentication-log-filters";
import { EventDrawer } from "@/components/reports/event-drawer";
import { AuthenticationEventDetails } from "@/components/reports/authentication-event-details";

export const metadata: Metadata = { title: "Authentication Log" };

const PATH = "/admin/reports/authentication-log";

export default async function AuthenticationLogPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { actor, allowed } = await pageActor("authlog:view");
  if (!allowed) return <NoAccess />;
  const sp = await searchParams;
  const cursor = typeof sp.cursor === "string" ? sp.cursor : undefined;
  const eventId = typeof sp.event === "string" ? sp.event : undefined;
  const filters = parseAuthLogFilters(sp);
  const invalid = Object.keys(filters.errors).length > 0;

  const [options, page, event] = await Promise.all([
    authLogFilterOptions(actor),
    invalid ? Promise.resolve(null) : listAuthenticationLog(actor, { cursor, query: filters.query }),
    eventId ? getAuthenticationEvent(actor, eventId) : Promise.resolve(null),
  ]);

  const qs = filterSearchParams(filters.input);
  const exportHref = invalid ? null : `${PATH}/export${qs.size ? `?${qs}` : ""}`;
  const closeParams = new URLSearchParams(qs);
  if (cursor) closeParams.set("cursor", cursor);
  const closeHref = closeParams.size ? `${PATH}?${closeParams}` : PATH;

  return (
    <>
      <PageHeader
        title="Authentication Log"
        description="Every sign-in attempt to a protected application, successful or not, with the reason. Times are UTC."
      />
      <AuthenticationLogFilters
        key={qs.toString()}
        action={PATH}
        input={filters.input}
        errors={filters.errors}
        applications={options.applications}
        reasons={options.reasons}
        exportHref={exportHref}
        active={filters.active}
      />
      {invalid ? (
        <Alert tone="error" title="Correct the filters">
          The log is not shown until every filter is valid: see the messages beside the fields.
        </Alert>
      ) : page && page.rows.length === 0 ? (
        filters.active || cursor ? (
          <EmptyState title="No authentications match these filters">
            Widen the time range or clear a filter to see more events.
          </EmptyState>
        ) : (
          <EmptyState title="No authentications yet">
            Every sign-in attempt to a protected application is recorded here: the time, user, application, result,
            reason, factor and address.
          </EmptyState>
        )
      ) : page ? (
        <>
          {filters.query.userIdentifier && (
            <p className="mb-3 text-sm text-slate-600" data-testid="user-filter-note">
              {page.matchedUser
                ? `Showing the events of user ${page.matchedUser.username}.`
                : `No user is named "${filters.query.userIdentifier}"; showing attempts with exactly that username.`}
            </p>
          )}
          <AuthenticationLogTable
            rows={page.rows.map((r) => ({
              id: r.id,
              createdAt: r.createdAt.toISOString(),
              username: r.username,
              applicationName: r.applicationName,
              result: r.result,
              resultLabel: r.resultLabel,
              reason: r.reason,
              reasonLabel: r.reasonLabel,
              factorLabel: r.factorLabel,
              ip: r.ip,
            }))}
            nextCursor={page.nextCursor}
            isFirstPage={!cursor}
          />
        </>
      ) : null}
      {eventId && (
        <EventDrawer
          eventId={eventId}
          title={event ? "Authentication details" : "Event not found"}
          closeHref={closeHref}
        >
          {event ? (
            <AuthenticationEventDetails event={event} />
          ) : (
            <p className="text-sm text-slate-700">
              There is no event with this ID. It may have been linked from another tenant.
            </p>
          )}
        </EventDrawer>
      )}
    </>
  );
}
