"use client";
import { useId, useState } from "react";
import { inputClass } from "./input-class";
import { cx } from "./cx";

/** A read-only value with a Copy button, as on Duo's application pages. */
export function CopyField({ label, value, mono = true }: { label: string; value: string; mono?: boolean }) {
  const id = useId();
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      (document.getElementById(id) as HTMLInputElement | null)?.select();
    }
  }
  return (
    <div className="grid gap-1.5 sm:grid-cols-[12rem_1fr] sm:items-center sm:gap-4">
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          readOnly
          value={value}
          className={cx(inputClass, "bg-slate-50", mono && "font-mono text-[11px] tracking-tight")}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button
          type="button"
          onClick={copy}
          aria-label={`Copy ${label}`}
          className="w-20 shrink-0 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-emerald-600"
        >
          <span aria-live="polite">{copied ? "Copied" : "Copy"}</span>
        </button>
      </div>
    </div>
  );
}
