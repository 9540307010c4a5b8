import type { ReactNode } from "react";
import { LOCALE_NAMES, type Locale } from "@/lib/i18n/messages";

/** The hosted sign-in card: tenant name on top, "Secured by Portcullis" and the language switcher below. */
export function SsoCard({
  tenantName,
  title,
  subtitle,
  children,
  footer,
  lang,
  languageLabel = "Language",
  backPath,
  wide,
}: {
  tenantName: string;
  title?: string;
  subtitle?: ReactNode;
  children: ReactNode;
  footer: string;
  lang: string;
  languageLabel?: string;
  /** Where the language switcher returns to, for a page that sends no Referer. */
  backPath?: string;
  wide?: boolean;
}) {
  return (
    <main lang={lang} className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className={wide ? "w-full max-w-lg" : "w-full max-w-sm"}>
        <p className="mb-4 text-center text-sm font-semibold tracking-wide text-slate-600 uppercase">{tenantName}</p>
        <div className="rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
          {title && <h1 className="text-xl font-semibold text-slate-900">{title}</h1>}
          {subtitle && <p className="mt-1 text-sm text-slate-600">{subtitle}</p>}
          <div className={title ? "mt-6" : undefined}>{children}</div>
        </div>
        <p className="mt-6 flex items-center justify-center gap-1.5 text-xs text-slate-600">
          <span
            aria-hidden
            className="inline-flex h-4 w-4 items-center justify-center rounded-sm bg-emerald-600 text-[10px] text-white"
          >
            ▦
          </span>
          {footer}
        </p>
        <nav aria-label={languageLabel} className="mt-3 flex justify-center gap-3 text-xs">
          {(Object.keys(LOCALE_NAMES) as Locale[]).map((l) => (
            <a
              key={l}
              href={`/sso/lang?set=${l}${backPath ? `&back=${encodeURIComponent(backPath)}` : ""}`}
              lang={l}
              hrefLang={l}
              aria-current={l === lang ? "true" : undefined}
              className={
                l === lang ? "font-semibold text-slate-800" : "text-emerald-800 underline-offset-2 hover:underline"
              }
            >
              {LOCALE_NAMES[l]}
            </a>
          ))}
        </nav>
      </div>
    </main>
  );
}
