// Radio groups and checkboxes with a legend, descriptions and an error wired for screen
// readers (aria-invalid and aria-describedby on the group), as the policy editor uses them.
import { useId, type ReactNode } from "react";
import { cx } from "@/components/ui/cx";

export function ChoiceGroup({
  legend,
  error,
  hint,
  children,
  className,
}: {
  legend: ReactNode;
  error?: string;
  hint?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <fieldset
      aria-invalid={!!error}
      aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
      className={cx("space-y-2", className)}
    >
      <legend className="mb-2 text-sm font-medium text-slate-800">{legend}</legend>
      {hint && (
        <p id={hintId} className="-mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      {children}
      {error && (
        <p id={errorId} role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}

export function Choice({
  type,
  name,
  value,
  checked,
  onChange,
  label,
  description,
  disabled,
}: {
  type: "radio" | "checkbox";
  name: string;
  value: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  label: string;
  description?: string;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <div className={cx("flex items-start gap-3 rounded-md px-1 py-1", disabled && "opacity-60")}>
      <input
        id={id}
        type={type}
        name={name}
        value={value}
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={description ? `${id}-d` : undefined}
        className="mt-0.5 h-4 w-4 border-slate-300 text-emerald-700 focus:ring-emerald-600"
      />
      <div className="text-sm">
        <label htmlFor={id} className="font-medium text-slate-800">
          {label}
        </label>
        {description && (
          <p id={`${id}-d`} className="text-slate-500">
            {description}
          </p>
        )}
      </div>
    </div>
  );
}
