// The Authentication Log's filter form: a plain GET form, so the filters live in the URL
// and work without JavaScript. Times are UTC.
import Link from "next/link";
import { SelectField, TextField } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";
import { TIME_RANGES, type AuthLogFilterInput } from "@/lib/services/auth-log-filters";

type Option = { value: string; label: string };

export function AuthenticationLogFilters({
  action,
  input,
  errors,
  applications,
  reasons,
  exportHref,
  active,
}: {
  action: string;
  input: AuthLogFilterInput;
  errors: Partial<Record<keyof AuthLogFilterInput, string>>;
  applications: { id: string; name: string }[];
  reasons: Option[];
  exportHref: string | null;
  active: boolean;
}) {
  const appOptions: Option[] = [
    { value: "", label: "All applications" },
    ...applications.map((a) => ({ value: a.id, label: a.name })),
  ];
  if (input.application && !applications.some((a) => a.id === input.application))
    appOptions.push({ value: input.application, label: "(removed application)" });
  const reasonOptions: Option[] = [{ value: "", label: "All reasons" }, ...reasons];
  if (input.reason && !reasons.some((r) => r.value === input.reason))
    reasonOptions.push({ value: input.reason, label: input.reason });
  return (
    <form
      method="get"
      action={action}
      aria-label="Filter the Authentication Log"
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
          label="User"
          name="user"
          defaultValue={input.user}
          error={errors.user}
          placeholder="Username, email or alias"
          maxLength={256}
          autoComplete="off"
        />
        <SelectField
          label="Application"
          name="application"
          defaultValue={input.application}
          options={appOptions}
          error={errors.application}
        />
        <SelectField
          label="Result"
          name="result"
          defaultValue={input.result.toLowerCase()}
          options={[
            { value: "", label: "All results" },
            { value: "success", label: "Success" },
            { value: "denied", label: "Denied" },
            { value: "failure", label: "Failure" },
          ]}
          error={errors.result}
        />
        <SelectField
          label="Reason"
          name="reason"
          defaultValue={input.reason}
          options={reasonOptions}
          error={errors.reason}
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
          <p>Export downloads every row that matches these filters (CSV, UTC times), newest first.</p>
          <a href={exportHref} className={buttonClass("secondary")} download>
            Export CSV
          </a>
        </div>
      )}
    </form>
  );
}
