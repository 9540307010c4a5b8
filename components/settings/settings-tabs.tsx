import Link from "next/link";
import { cx } from "@/components/ui/cx";

const TABS = [
  { id: "general", label: "General", href: "/admin/settings" },
  { id: "certificates", label: "Certificates", href: "/admin/settings/certificates" },
  { id: "lockout", label: "Lockout", href: "/admin/settings/lockout" },
  { id: "sources", label: "Authentication Sources", href: "/admin/settings/sources" },
] as const;

export function SettingsTabs({ active }: { active: (typeof TABS)[number]["id"] }) {
  return (
    <nav aria-label="Settings sections" className="mb-6 flex gap-1 border-b border-slate-200">
      {TABS.map((t) => (
        <Link
          key={t.id}
          href={t.href}
          aria-current={t.id === active ? "page" : undefined}
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
    </nav>
  );
}
