// Status, enrollment and group filters as a plain GET form: the state stays in the URL, and
// the search text and sort order are carried along.
import { inputClass } from "@/components/ui/input-class";
import { buttonClass } from "@/components/ui/button";
import { USER_STATUSES, USER_STATUS_LABELS } from "@/lib/services/users/user-schema";
import Link from "next/link";

type Props = {
  q?: string;
  status?: string;
  enrollment?: string;
  group?: string;
  sort?: string;
  dir?: string;
  groups: { id: string; name: string }[];
};

export function UserFilters({ q, status, enrollment, group, sort, dir, groups }: Props) {
  const active = !!(status || enrollment || group);
  return (
    <form method="get" action="/admin/users" className="flex flex-wrap items-end gap-3" aria-label="Filter users">
      {q && <input type="hidden" name="q" value={q} />}
      {sort && <input type="hidden" name="sort" value={sort} />}
      {dir && <input type="hidden" name="dir" value={dir} />}
      <div className="space-y-1">
        <label htmlFor="filter-status" className="block text-xs font-medium text-slate-600">
          Status
        </label>
        <select id="filter-status" name="status" defaultValue={status ?? ""} className={`${inputClass} w-40 py-1.5`}>
          <option value="">Any status</option>
          {USER_STATUSES.map((s) => (
            <option key={s} value={s}>
              {USER_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor="filter-enrollment" className="block text-xs font-medium text-slate-600">
          Enrollment
        </label>
        <select
          id="filter-enrollment"
          name="enrollment"
          defaultValue={enrollment ?? ""}
          className={`${inputClass} w-40 py-1.5`}
        >
          <option value="">Any</option>
          <option value="enrolled">Enrolled</option>
          <option value="not_enrolled">Not enrolled</option>
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor="filter-group" className="block text-xs font-medium text-slate-600">
          Group
        </label>
        <select id="filter-group" name="group" defaultValue={group ?? ""} className={`${inputClass} w-48 py-1.5`}>
          <option value="">Any group</option>
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className={buttonClass("secondary", "py-1.5")}>
        Apply filters
      </button>
      {active && (
        <Link
          href={q ? `/admin/users?q=${encodeURIComponent(q)}` : "/admin/users"}
          className="py-1.5 text-sm text-emerald-800 underline-offset-2 hover:underline"
        >
          Clear filters
        </Link>
      )}
    </form>
  );
}
