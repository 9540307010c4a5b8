"use client";
import { useRouter } from "next/navigation";
import { useHrefWith } from "./data-table";
import { inputClass } from "@/components/ui/input-class";

/** A search field whose value lives in the URL (?q=), submitted with Enter. */
export function SearchBox({
  label,
  defaultValue,
  param = "q",
  placeholder,
}: {
  label: string;
  defaultValue?: string;
  param?: string;
  placeholder?: string;
}) {
  const router = useRouter();
  const hrefWith = useHrefWith();
  return (
    <form
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        const v = String(new FormData(e.currentTarget).get(param) ?? "").trim();
        router.push(hrefWith({ [param]: v || null, cursor: null }));
      }}
      className="flex max-w-md gap-2"
    >
      <label className="sr-only" htmlFor={`search-${param}`}>
        {label}
      </label>
      <input
        id={`search-${param}`}
        name={param}
        type="search"
        defaultValue={defaultValue}
        placeholder={placeholder ?? label}
        className={inputClass}
      />
      <button
        type="submit"
        className="rounded-md border border-slate-300 bg-white px-3 text-sm font-medium hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-emerald-600"
      >
        Search
      </button>
    </form>
  );
}
