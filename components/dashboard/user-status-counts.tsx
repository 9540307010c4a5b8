// Users by status (and enrollment) on the dashboard; users in the trash are not counted.

type Props = { statuses: { value: string; label: string; count: number }[]; enrolled: number; notEnrolled: number };

const TONES: Record<string, string> = {
  ACTIVE: "bg-emerald-600",
  BYPASS: "bg-sky-600",
  DISABLED: "bg-slate-500",
  LOCKED_OUT: "bg-red-600",
};

export function UserStatusCounts({ statuses, enrolled, notEnrolled }: Props) {
  const total = statuses.reduce((s, x) => s + x.count, 0);
  return (
    <section
      aria-labelledby="user-status-title"
      className="rounded-lg border border-slate-200 bg-white shadow-sm"
      data-testid="user-status"
    >
      <header className="border-b border-slate-200 px-5 py-4">
        <h2 id="user-status-title" className="text-base font-semibold text-slate-900">
          Users by status
        </h2>
        <p className="mt-0.5 text-sm text-slate-600">
          {total === 1 ? "1 user" : `${total.toLocaleString("en-US")} users`}, not counting deleted users.
        </p>
      </header>
      <dl className="divide-y divide-slate-100 px-5 py-2 text-sm">
        {statuses.map((s) => (
          <div key={s.value} className="flex items-center justify-between py-2">
            <dt className="flex items-center gap-2 text-slate-700">
              <span
                aria-hidden
                className={`inline-block h-2.5 w-2.5 rounded-full ${TONES[s.value] ?? "bg-slate-400"}`}
              />
              {s.label}
            </dt>
            <dd className="font-semibold text-slate-900 tabular-nums" data-testid={`status-${s.value.toLowerCase()}`}>
              {s.count.toLocaleString("en-US")}
            </dd>
          </div>
        ))}
        <div className="flex items-center justify-between py-2">
          <dt className="text-slate-700">Enrolled</dt>
          <dd className="font-semibold text-slate-900 tabular-nums" data-testid="status-enrolled">
            {enrolled.toLocaleString("en-US")}
          </dd>
        </div>
        <div className="flex items-center justify-between py-2">
          <dt className="text-slate-700">Not enrolled</dt>
          <dd className="font-semibold text-slate-900 tabular-nums" data-testid="status-not-enrolled">
            {notEnrolled.toLocaleString("en-US")}
          </dd>
        </div>
      </dl>
    </section>
  );
}
