"use client";
import { createColumnHelper } from "@tanstack/react-table";
import { DataTable, type DataTableFeatures } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/badge";

export type AuthLogItem = { id: string; createdAt: string; username: string | null; applicationName: string | null; result: string; reason: string; factor: string | null; ip: string | null; userAgent: string | null };

const dateFmt = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });
const RESULT_TONE = { SUCCESS: "green", DENIED: "amber", FAILURE: "red" } as const;
const humanize = (s: string) => s.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());

const h = createColumnHelper<DataTableFeatures, AuthLogItem>();
const columns = h.columns([
  h.accessor("createdAt", { header: "Time (UTC)", cell: (c) => <time dateTime={c.getValue()}>{dateFmt.format(new Date(c.getValue()))}</time> }),
  h.accessor("username", { header: "User", cell: (c) => c.getValue() ?? "—" }),
  h.accessor("applicationName", { header: "Application", cell: (c) => c.getValue() ?? "—" }),
  h.accessor("result", { header: "Result", cell: (c) => <Badge tone={RESULT_TONE[c.getValue() as keyof typeof RESULT_TONE] ?? "slate"}>{humanize(c.getValue().toLowerCase())}</Badge> }),
  h.accessor("reason", { header: "Reason", cell: (c) => <span data-reason={c.getValue()}>{humanize(c.getValue())}</span> }),
  h.accessor("factor", { header: "Factor", cell: (c) => (c.getValue() ? humanize(c.getValue()!) : "—") }),
  h.accessor("ip", { header: "IP address", cell: (c) => c.getValue() ?? "—" }),
]);

export function AuthenticationLogTable({ rows, nextCursor, isFirstPage }: { rows: AuthLogItem[]; nextCursor: string | null; isFirstPage: boolean }) {
  return <DataTable caption="Authentication Log" columns={columns} data={rows} getRowId={(r) => r.id} nextCursor={nextCursor} isFirstPage={isFirstPage} rowTestId="authlog-row" />;
}
