// The Administrator Log's filter form (components/reports/log-filter-form: time range,
// Apply, Clear, export) with its own fields: search, administrator, action and object.
import { SelectField, TextField } from "@/components/ui/field";
import { NO_ADMINISTRATOR, type AdminLogFilterInput } from "@/lib/services/admin-log-filters";
import { LogFilterForm, withCurrent, type FilterOption } from "./log-filter-form";

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
  administrators: FilterOption[];
  actions: FilterOption[];
  objects: FilterOption[];
  exportHref: string | null;
  active: boolean;
}) {
  const adminOptions = withCurrent(
    [
      { value: "", label: "All administrators" },
      ...administrators,
      { value: NO_ADMINISTRATOR, label: "No administrator (failed sign-ins, removed administrators)" },
    ],
    input.administrator,
    () => "(removed administrator)",
  );
  const actionOptions = withCurrent([{ value: "", label: "All actions" }, ...actions], input.action, (v) => v);
  return (
    <LogFilterForm
      action={action}
      label="Filter the Administrator Log"
      input={input}
      errors={errors}
      active={active}
      exportHref={exportHref}
      exportNoun="entry"
    >
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
    </LogFilterForm>
  );
}
