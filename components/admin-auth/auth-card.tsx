import type { ReactNode } from "react";
import { cx } from "@/components/ui/cx";

/** The centred card of the administrator sign-in and setup pages. */
export function AuthCard({
  title,
  subtitle,
  children,
  wide,
}: {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  wide?: boolean;
}) {
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-100 px-4 py-12">
      <div className={cx("w-full", wide ? "max-w-lg" : "max-w-sm")}>
        <div className="mb-6 flex items-center justify-center gap-2 text-lg font-semibold text-slate-900">
          <span aria-hidden className="flex h-8 w-8 items-center justify-center rounded bg-emerald-600 text-white">
            ▦
          </span>
          Portcullis
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
          <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
          {subtitle && <p className="mt-1 text-sm text-slate-600">{subtitle}</p>}
          <div className="mt-6">{children}</div>
        </div>
      </div>
    </main>
  );
}
