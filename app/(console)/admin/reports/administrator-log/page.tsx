import type { Metadata } from "next";
import { adminLogFilterOptions, getAdministratorLogEntry, listAdministratorLog } from "@/lib/services/admin-log";
import { adminLogSearchParams, parseAdminLogFilters } from "@/lib/services/admin-log-filters";
import { pageActor } from "@/app/_server/actor";
import { NoAccess } from "@/components/console/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Alert } from "@/components/ui/alert";
import { AdministratorLogTable } from "@/components/reports/administrator-log-table";
import { AdministratorLogFilters } from "@/components/reports/administrator-log-filters";
import { AdministratorLogEntryDetails } from "@/components/reports/administrator-log-entry";
import { EventDrawer } from "@/components/reports/event-drawer";

export const metadata: Metadata = { title: "Administrator Log" };

const PATH = "/admin/reports/administrator-log";

export default async function AdministratorLogPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { actor, allowed } = await pageActor("adminlog:view");
  if (!allowed) return <NoAccess />;
  const sp = await searchParams;
  const cursor = typeof sp.cursor === "string" ? sp.cursor : undefined;
  const entryId = typeof sp.entry === "string" ? sp.entry : undefined;
  const filters = parseAdminLogFilters(sp);
  const invalid = Object.keys(filters.errors).length > 0;

  const [options, page, entry] = await Promise.all([
    adminLogFilterOptions(actor),
    invalid ? Promise.resolve(null) : listAdministratorLog(actor, { cursor, query: filters.query }),
    entryId ? getAdministratorLogEntry(actor, entryId) : Promise.resolve(null),
  ]);

  const qs = adminLogSearchParams(filters.input);
  const exportHref = invalid ? null : `${PATH}/export${qs.size ? `?${qs}` : ""}`;
  const closeParams = new URLSearchParams(qs);
  if (cursor) closeParams.set("cursor", cursor);
  const closeHref = closeParams.size ? `${PATH}?${closeParams}` : PATH;

  return (
    <>
      <PageHeader
        title="Administrator Log"
        description="Every change an administrator made, and every console sign-in: who, what, when, and the values before and after (open an entry by its time). Times are UTC."
      />
      <AdministratorLogFilters
        key={qs.toString()}
        action={PATH}
        input={filters.input}
        errors={filters.errors}
        administrators={options.administrators}
        actions={options.actions}
        objects={options.objects}
        exportHref={exportHref}
        active={filters.active}
      />
      {invalid ? (
        <Alert tone="error" title="Correct the filters">
          The log is not shown until every filter is valid: see the messages beside the fields.
        </Alert>
      ) : page && page.rows.length === 0 ? (
        filters.active || cursor ? (
          <EmptyState title="No entries match these filters">
            Widen the time range or clear a filter to see more entries.
          </EmptyState>
        ) : (
          <EmptyState title="No administrator activity yet">
            Changes made in the console and administrator sign-ins will be recorded here.
          </EmptyState>
        )
      ) : page ? (
        <AdministratorLogTable
          rows={page.rows.map((r) => ({
            id: r.id,
            createdAt: r.createdAt.toISOString(),
            actorLabel: r.actorLabel,
            actionLabel: r.actionLabel,
            objectLabel: r.objectLabel,
            targetLabel: r.targetLabel,
            summary: r.summary,
          }))}
          nextCursor={page.nextCursor}
          isFirstPage={!cursor}
        />
      ) : null}
      {entryId && (
        <EventDrawer eventId={entryId} title={entry ? "Entry details" : "Entry not found"} closeHref={closeHref}>
          {entry ? (
            <AdministratorLogEntryDetails entry={entry} />
          ) : (
            <p className="text-sm text-slate-700">There is no entry with this ID.</p>
          )}
        </EventDrawer>
      )}
    </>
  );
}
