"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cx } from "@/components/ui/cx";
import type { NavItem } from "./nav";

function isActive(pathname: string, href: string) {
  return href === "/admin" ? pathname === "/admin" : pathname === href || pathname.startsWith(`${href}/`);
}

export function Sidebar({ items, tenantName }: { items: NavItem[]; tenantName: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Console" className="flex h-full flex-col bg-slate-900 text-slate-200">
      <div className="border-b border-slate-800 px-5 py-4">
        <Link href="/admin" className="flex items-center gap-2 font-semibold text-white">
          <span aria-hidden className="flex h-7 w-7 items-center justify-center rounded bg-emerald-600 text-sm">
            ▦
          </span>
          Portcullis
        </Link>
        {tenantName !== "Portcullis" && (
          <p className="mt-1 truncate text-xs text-slate-400" title={tenantName}>
            {tenantName}
          </p>
        )}
      </div>
      <ul className="flex-1 space-y-0.5 overflow-y-auto px-3 py-4 text-sm">
        {items.map((item, i) => {
          const header = item.section && item.section !== items[i - 1]?.section ? item.section : undefined;
          const active = isActive(pathname, item.href);
          return (
            <li key={item.href}>
              {header && (
                <p className="mt-4 mb-1 px-3 text-xs font-semibold tracking-wide text-slate-400 uppercase">{header}</p>
              )}
              <Link
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={cx(
                  "block rounded-md px-3 py-2 focus-visible:outline-2 focus-visible:outline-emerald-400",
                  item.section && "pl-5",
                  active
                    ? "bg-slate-800 font-medium text-white"
                    : "text-slate-300 hover:bg-slate-800/60 hover:text-white",
                )}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
