// The Administrator Log's filters: a plain GET form, so the filters live in the URL and work
// without JavaScript (as the Authentication Log's). Times are UTC.
import Link from "next/link";
import { SelectField, TextField } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";
import { NO_ADMINISTRATOR, TIME_RANGES, type AdminLogFilterInput } from "@/lib/services/admin-log-filters";

type Option = { value: string; label: string };

export function AdministratorLogFilters({
  action,
  input,
  errors,
  administrators,
  actions,
  objects,
  exportHref,
  active,
}: {
  action: string;
  input: AdminLogFilterInput;
  errors: Partial<Record<keyof AdminLogFilterInput, string>>;
  administrators: Option[];
  actions: Option[];
  objects: Option[];
  exportHref: string | null;
  active: boolean;
}) {
  const adminOptions: Option[] = [
    { value: "", label: "All administrators" },
    ...administrators,
    { value: NO_ADMINISTRATOR, label: "No administrator (failed sign-ins, removed administrators)" },
  ];
  if (input.administrator && !adminOptions.some((o) => o.value === input.administrator))
    adminOptions.push({ value: input.administrator, label: "(removed administrator)" });
  const actionOptions: Option[] = [{ value: "", label: "All actions" }, ...actions];
  if (input.action && !actions.some((a) => a.value === input.action))
    actionOptions.push({ value: input.action, label: input.action });
  return (
    <form
      method="get"
      action={action}
      role="search"
      aria-label="Filter the Administrator Log"
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
        <TextField
          label="Search"
          name="q"
          type="search"
          defaultValue={input.q}
          error={errors.q}
          placeholder="Object name starts with…"
          maxLength={200}
          autoComplete="off"
        />
        <SelectField
          label="Administrator"
          name="administrator"
          defaultValue={input.administrator}
          options={adminOptions}
          error={errors.administrator}
        />
        <SelectField
          label="Action"
          name="action"
          defaultValue={input.action}
          options={actionOptions}
          error={errors.action}
        />
        <SelectField
          label="Object"
          name="object"
          defaultValue={input.object}
          options={[{ value: "", label: "All objects" }, ...objects]}
          error={errors.object}
        />
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
          <p>Export downloads every entry that matches these filters (CSV, UTC times), newest first.</p>
          <a href={exportHref} className={buttonClass("secondary")} download>
            Export CSV
          </a>
        </div>
      )}
    </form>
  );
}
