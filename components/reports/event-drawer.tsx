"use client";
// A side drawer addressed by the URL (?event=<id>). Server-rendered, so it also shows
// without JavaScript (with a Close link); with JavaScript it is a modal dialog: focus moves
// into it, Tab stays inside, Escape or the backdrop closes it, and focus returns to the
// link that opened it.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, type ReactNode } from "react";

const FOCUSABLE = 'a[href], button:not([disabled]), textarea, input, select, [tabindex]:not([tabindex="-1"])';

export function EventDrawer({
  eventId,
  title,
  closeHref,
  children,
}: {
  eventId: string;
  title: string;
  closeHref: string;
  children: ReactNode;
}) {
  const router = useRouter();
  const panel = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.focus();
    const close = () => router.push(closeHref, { scroll: false });
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        e.preventDefault();
        close();
        return;
      }
      if (e.key !== "Tab" || !panel.current) return;
      const items = [...panel.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
      if (items.length === 0) return;
      const first = items[0]!;
      const last = items[items.length - 1]!;
      const active = document.activeElement;
      if (!panel.current.contains(active)) {
        e.preventDefault();
        first.focus();
      } else if (e.shiftKey && (active === first || active === heading.current)) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && active === last) {
        e.preventDefault();
        first.focus();
      }
    };
    document.addEventListener("keydown", onKey);
    const overflow = document.body.style.overflow;
    document.body.style.overflow = "hidden";
    return () => {
      document.removeEventListener("keydown", onKey);
      document.body.style.overflow = overflow;
      // Back to the row that opened the drawer (the table stays mounted across the navigation).
      document.querySelector<HTMLElement>(`[data-event-link="${CSS.escape(eventId)}"]`)?.focus();
    };
  }, [router, closeHref, eventId]);

  return (
    <div className="fixed inset-0 z-40 flex justify-end">
      <Link href={closeHref} scroll={false} aria-hidden tabIndex={-1} className="absolute inset-0 bg-slate-900/40" />
      <div
        ref={panel}
        role="dialog"
        aria-modal="true"
        aria-labelledby="event-drawer-title"
        className="relative flex h-full w-full max-w-xl flex-col overflow-y-auto bg-white shadow-xl"
      >
        <div className="flex items-start justify-between gap-4 border-b border-slate-200 px-6 py-4">
          <h2
            id="event-drawer-title"
            ref={heading}
            tabIndex={-1}
            className="text-lg font-semibold text-slate-900 focus:outline-none"
          >
            {title}
          </h2>
          <Link
            href={closeHref}
            scroll={false}
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-emerald-600"
          >
            Close<span className="sr-only"> event details</span>
          </Link>
        </div>
        <div className="px-6 py-5">{children}</div>
      </div>
    </div>
  );
}
