// The Authentication Log's filter form (components/reports/log-filter-form: time range,
// Apply, Clear, export) with its own fields: user, application, result and reason.
import { SelectField, TextField } from "@/components/ui/field";
import type { AuthLogFilterInput } from "@/lib/services/auth-log-filters";
import { LogFilterForm, withCurrent, type FilterOption } from "./log-filter-form";

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
  reasons: FilterOption[];
  exportHref: string | null;
  active: boolean;
}) {
  const appOptions = withCurrent(
    [{ value: "", label: "All applications" }, ...applications.map((a) => ({ value: a.id, label: a.name }))],
    input.application,
    () => "(removed application)",
  );
  const reasonOptions = withCurrent([{ value: "", label: "All reasons" }, ...reasons], input.reason, (v) => v);
  return (
    <LogFilterForm
      action={action}
      label="Filter the Authentication Log"
      input={input}
      errors={errors}
      active={active}
      exportHref={exportHref}
      exportNoun="row"
    >
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
    </LogFilterForm>
  );
}
