import type { ReactNode } from "react";

/** The hosted sign-in card: tenant name on top, "Secured by Portcullis" below. */
export function SsoCard({ tenantName, title, subtitle, children, footer, lang }: { tenantName: string; title?: string; subtitle?: ReactNode; children: ReactNode; footer: string; lang: string }) {
  return (
    <main lang={lang} className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <p className="mb-4 text-center text-sm font-semibold tracking-wide text-slate-600 uppercase">{tenantName}</p>
        <div className="rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
          {title && <h1 className="text-xl font-semibold text-slate-900">{title}</h1>}
          {subtitle && <p className="mt-1 text-sm text-slate-600">{subtitle}</p>}
          <div className={title ? "mt-6" : undefined}>{children}</div>
        </div>
        <p className="mt-6 flex items-center justify-center gap-1.5 text-xs text-slate-500">
          <span aria-hidden className="inline-flex h-4 w-4 items-center justify-center rounded-sm bg-emerald-600 text-[10px] text-white">▦</span>
          {footer}
        </p>
      </div>
    </main>
  );
}
