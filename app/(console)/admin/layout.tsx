import type { ReactNode } from "react";
import { can, ROLE_LABELS } from "@/lib/authz";
import { getTenantSettings } from "@/lib/services/settings/tenant-settings";
import { requireActor } from "@/app/_server/actor";
import { NAV } from "@/components/console/nav";
import { Sidebar } from "@/components/console/sidebar";
import { SignOutButton } from "@/components/console/sign-out-button";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  const { tenantName } = await getTenantSettings();
  const items = NAV.filter((n) => can(actor.role, n.permission));
  return (
    <div className="flex min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <aside className="sticky top-0 hidden h-screen w-60 shrink-0 md:block">
        <Sidebar items={items} tenantName={tenantName} />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex items-center justify-end gap-4 border-b border-slate-200 bg-white px-6 py-3">
          <details className="relative mr-auto md:hidden">
            <summary className="cursor-pointer rounded-md px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100">
              Menu
            </summary>
            <div className="absolute left-0 z-40 mt-2 w-64 overflow-hidden rounded-lg shadow-lg">
              <Sidebar items={items} tenantName={tenantName} />
            </div>
          </details>
          <div className="text-right text-sm leading-tight">
            <p className="font-medium text-slate-900" data-testid="actor-name">
              {actor.name}
            </p>
            <p className="text-xs text-slate-500" data-testid="actor-role">
              {ROLE_LABELS[actor.role]}
            </p>
          </div>
          <SignOutButton />
        </header>
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-6 py-8">
          {children}
        </main>
      </div>
    </div>
  );
}
