import Link from "next/link";
import { cx } from "@/components/ui/cx";

export const ADD_TABS = [
  { id: "management", label: "Management Tools" },
  { id: "edr", label: "Endpoint Detection & Response Systems" },
] as const;
export type AddTab = (typeof ADD_TABS)[number]["id"];

/** The tabs of "Add Management Tools Integration"; each is a link, so Back and bookmarks work. */
export function AddIntegrationTabs({ active }: { active: AddTab }) {
  return (
    <div role="tablist" aria-label="Integration types" className="mb-6 flex gap-1 border-b border-slate-200">
      {ADD_TABS.map((t) => (
        <Link
          key={t.id}
          href={`/admin/trusted-endpoints/add?tab=${t.id}`}
          role="tab"
          aria-selected={t.id === active}
          className={cx(
            "-mb-px border-b-2 px-4 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-emerald-600",
            t.id === active
              ? "border-emerald-700 text-emerald-800"
              : "border-transparent text-slate-600 hover:text-slate-900",
          )}
        >
          {t.label}
        </Link>
      ))}
    </div>
  );
}

export function IntegrationChoice({
  title,
  description,
  href,
  note,
}: {
  title: string;
  description: string;
  href: string;
  note?: string;
}) {
  return (
    <li className="flex flex-wrap items-center justify-between gap-4 px-5 py-4">
      <div className="max-w-2xl">
        <h3 className="font-semibold text-slate-900">{title}</h3>
        <p className="mt-0.5 text-sm text-slate-600">{description}</p>
        {note && <p className="mt-1 text-xs text-slate-500">{note}</p>}
      </div>
      <Link
        href={href}
        aria-label={`Add this integration: ${title}`}
        className="text-sm font-medium text-emerald-800 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-emerald-600"
      >
        Add this integration
      </Link>
    </li>
  );
}
