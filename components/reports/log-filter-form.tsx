// The frame of a log's filter form (the Authentication Log's and the Administrator Log's): a
// plain GET form, so the filters live in the URL and work without JavaScript; the time range
// fields (UTC) first, then the log's own fields (children), Apply and Clear, and the CSV
// export of what the filters match.
import type { ReactNode } from "react";
import Link from "next/link";
import { SelectField, TextField } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";
import { TIME_RANGES, type TimeRangeInput } from "@/lib/services/log-filters";

export type FilterOption = { value: string; label: string };

export function LogFilterForm({
  action,
  label,
  input,
  errors,
  active,
  exportHref,
  exportNoun,
  children,
}: {
  action: string;
  /** The form's accessible name ("Filter the Authentication Log"). */
  label: string;
  input: TimeRangeInput;
  errors: Partial<Record<keyof TimeRangeInput, string>>;
  active: boolean;
  exportHref: string | null;
  /** What the export lists ("row", "entry"). */
  exportNoun: string;
  children: ReactNode;
}) {
  return (
    <form
      method="get"
      action={action}
      role="search"
      aria-label={label}
      className="mb-6 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <SelectField
          label="Time range"
          name="range"
          defaultValue={input.range}
          options={TIME_RANGES}
          error={errors.range}
        />
        <TextField
          label="From (UTC)"
          name="from"
          type="datetime-local"
          defaultValue={input.from}
          error={errors.from}
          hint="With Custom range."
        />
        <TextField
          label="To (UTC)"
          name="to"
          type="datetime-local"
          defaultValue={input.to}
          error={errors.to}
          hint="With Custom range."
        />
        {children}
        <div className="flex flex-wrap items-end gap-2">
          <button type="submit" className={buttonClass("primary")}>
            Apply filters
          </button>
          {active && (
            <Link href={action} className={buttonClass("ghost")}>
              Clear
            </Link>
          )}
        </div>
      </div>
      {exportHref && (
        <div className="mt-4 flex items-center justify-between gap-4 border-t border-slate-100 pt-3 text-sm text-slate-600">
          <p>Export downloads every {exportNoun} that matches these filters (CSV, UTC times), newest first.</p>
          <a href={exportHref} className={buttonClass("secondary")} download>
            Export CSV
          </a>
        </div>
      )}
    </form>
  );
}

/** A select's options with the value in the URL kept even when the list no longer has it. */
export function withCurrent(options: FilterOption[], current: string, missingLabel: (value: string) => string) {
  return current && !options.some((o) => o.value === current)
    ? [...options, { value: current, label: missingLabel(current) }]
    : options;
}
