// A policy's sections as a definition list: label, then its setting (or "Not configured").
import {
  SECTION_KEYS,
  SECTION_LABELS,
  type CompletePolicySettings,
  type CustomPolicySettings,
} from "@/lib/policy/settings";
import { describeSection } from "@/lib/policy/describe";

export function SectionSummary({ settings, compact }: { settings: CustomPolicySettings; compact?: boolean }) {
  return (
    <dl
      className={
        compact ? "grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-3" : "divide-y divide-slate-100 text-sm"
      }
    >
      {SECTION_KEYS.map((k) => {
        const v = settings[k];
        return (
          <div key={k} className={compact ? "" : "grid gap-1 py-2 sm:grid-cols-[14rem_1fr]"}>
            <dt className="font-medium text-slate-700">{SECTION_LABELS[k]}</dt>
            <dd className="text-slate-600">
              {v === undefined ? (
                <span className="text-slate-500">Not configured</span>
              ) : (
                describeSection(k, v as CompletePolicySettings[typeof k]).map((line) => (
                  <span key={line} className="block break-words">
                    {line}
                  </span>
                ))
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
