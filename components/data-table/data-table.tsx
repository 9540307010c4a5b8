"use client";
// The one table wrapper for every console listing (@tanstack/react-table v9). Paging,
// sorting and filtering are done by the server; their state lives in the URL search
// params, so a listing can be bookmarked, shared and navigated with Back.
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { tableFeatures, useTable, type ColumnDef, type RowData } from "@tanstack/react-table";
import type { ReactNode } from "react";
import { cx } from "@/components/ui/cx";

export const dataTableFeatures = tableFeatures({});
export type DataTableFeatures = typeof dataTableFeatures;

export type DataTableProps<Row extends RowData> = {
  columns: ColumnDef<DataTableFeatures, Row, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  data: Row[];
  getRowId: (row: Row) => string;
  /** Column ids the server can sort by; the header becomes a link that toggles ?sort=&dir=. */
  sortable?: readonly string[];
  /** Keyset paging: the cursor of the next page, or null on the last one. */
  nextCursor?: string | null;
  isFirstPage?: boolean;
  caption: string;
  rowTestId?: string;
  onRowClick?: (row: Row) => void;
  footer?: ReactNode;
  /** Narrower cell padding, for wide listings that must fit a 1366-pixel screen (the logs). */
  dense?: boolean;
};

export function useHrefWith() {
  const pathname = usePathname();
  const params = useSearchParams();
  return (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params.toString());
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === "") next.delete(k);
      else next.set(k, v);
    }
    const qs = next.toString();
    return qs ? `${pathname}?${qs}` : pathname;
  };
}

export function DataTable<Row extends RowData>({
  columns,
  data,
  getRowId,
  sortable = [],
  nextCursor,
  isFirstPage = true,
  caption,
  rowTestId,
  onRowClick,
  footer,
  dense = false,
}: DataTableProps<Row>) {
  const pad = dense ? "px-3" : "px-4";
  const table = useTable({ features: dataTableFeatures, columns, data, getRowId });
  const params = useSearchParams();
  const hrefWith = useHrefWith();
  const sort = params.get("sort");
  const dir = params.get("dir") === "asc" ? "asc" : "desc";

  return (
    <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const id = header.column.id;
                  const isSorted = sort === id;
                  const content = header.isPlaceholder ? null : <table.FlexRender header={header} />;
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      className={cx(pad, "py-3 whitespace-nowrap")}
                      aria-sort={isSorted ? (dir === "asc" ? "ascending" : "descending") : undefined}
                    >
                      {sortable.includes(id) ? (
                        <Link
                          href={hrefWith({ sort: id, dir: isSorted && dir === "desc" ? "asc" : "desc", cursor: null })}
                          className="inline-flex items-center gap-1 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-emerald-600"
                        >
                          {content}
                          <span aria-hidden>{isSorted ? (dir === "asc" ? "▲" : "▼") : "↕"}</span>
                        </Link>
                      ) : (
                        content
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className="divide-y divide-slate-100">
            {table.getRowModel().rows.map((row) => (
              <tr
                key={row.id}
                data-testid={rowTestId}
                className={cx("align-top", onRowClick && "cursor-pointer hover:bg-slate-50")}
                onClick={onRowClick ? () => onRowClick(row.original) : undefined}
              >
                {row.getAllCells().map((cell) => (
                  <td key={cell.id} className={cx(pad, "py-3 text-slate-800")}>
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {(nextCursor !== undefined || footer) && (
        <div className="flex items-center justify-between gap-4 border-t border-slate-200 px-4 py-3 text-sm">
          <div>{footer}</div>
          <nav aria-label="Pagination" className="flex gap-2">
            {!isFirstPage && (
              <Link
                href={hrefWith({ cursor: null })}
                className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-50"
              >
                First page
              </Link>
            )}
            {nextCursor && (
              <Link
                href={hrefWith({ cursor: nextCursor })}
                className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-50"
              >
                Next page
              </Link>
            )}
          </nav>
        </div>
      )}
    </div>
  );
}
