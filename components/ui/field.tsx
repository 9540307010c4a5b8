"use client";
// Labelled form controls. Inside an ActionForm (components/ui/action-form.tsx) a control
// with a `name` takes its element id, its error and (after an error without JavaScript) the
// submitted value from the form, so forms pass no per-field plumbing.
import { useId, type ComponentProps, type ReactNode } from "react";
import { useEcho, useFormContext, useFormField } from "./action-form";
import { cx } from "./cx";
import { inputClass } from "./input-class";

export { inputClass };

/** A field's error text. In an ActionForm the summary is the alert; elsewhere the message is. */
export function FieldError({ id, children, className }: { id?: string; children?: ReactNode; className?: string }) {
  const inForm = !!useFormContext();
  if (!children) return null;
  return (
    <p id={id} className={cx("text-sm text-red-700", className)} role={inForm ? undefined : "alert"}>
      {children}
    </p>
  );
}

type FieldShellProps = {
  label: ReactNode;
  /** The control's name: its id and error come from the enclosing form. */
  name?: string;
  error?: string;
  hint?: ReactNode;
  required?: boolean;
  children: (ids: { id: string; describedBy?: string; invalid: boolean }) => ReactNode;
};

/** Label, control, hint and error, wired together for screen readers. */
export function FieldShell({ label, name, error: explicitError, hint, required, children }: FieldShellProps) {
  const { id, error } = useFormField(name, explicitError);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
        {required && <span className="text-red-700"> *</span>}
      </label>
      {children({ id, describedBy, invalid: !!error })}
      {hint && (
        <p id={hintId} className="text-xs text-slate-600">
          {hint}
        </p>
      )}
      <FieldError id={errorId}>{error}</FieldError>
    </div>
  );
}

/** Uncontrolled controls show the submitted value after an error (no JavaScript), else their default. */
function echoedDefault<T>(
  props: { name?: string; value?: unknown; defaultValue?: T; type?: string },
  submitted: string[] | undefined,
  multiple = false,
): T | string | string[] | undefined {
  if (!submitted || props.value !== undefined || !props.name) return props.defaultValue;
  if (props.type === "password" || props.type === "file") return props.defaultValue;
  return multiple ? submitted : (submitted[0] ?? "");
}

type TextFieldProps = Omit<ComponentProps<"input">, "id"> & { label: ReactNode; error?: string; hint?: ReactNode };

export function TextField({ label, error, hint, required, className, defaultValue, ...input }: TextFieldProps) {
  const { submitted } = useFormField(input.name);
  return (
    <FieldShell label={label} name={input.name} error={error} hint={hint} required={required}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          required={required}
          className={cx(inputClass, className)}
          defaultValue={echoedDefault({ ...input, defaultValue }, submitted) as string | undefined}
          {...input}
        />
      )}
    </FieldShell>
  );
}

type SelectFieldProps = Omit<ComponentProps<"select">, "id"> & {
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  options: ReadonlyArray<{ value: string; label: string }>;
};

export function SelectField({
  label,
  error,
  hint,
  required,
  options,
  className,
  defaultValue,
  ...select
}: SelectFieldProps) {
  const { submitted } = useFormField(select.name);
  return (
    <FieldShell label={label} name={select.name} error={error} hint={hint} required={required}>
      {({ id, describedBy, invalid }) => (
        <select
          id={id}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          required={required}
          className={cx(inputClass, className)}
          defaultValue={
            echoedDefault({ ...select, defaultValue }, submitted, !!select.multiple) as string | string[] | undefined
          }
          {...select}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

type TextAreaFieldProps = Omit<ComponentProps<"textarea">, "id"> & {
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
};

export function TextAreaField({ label, error, hint, required, className, defaultValue, ...area }: TextAreaFieldProps) {
  const { submitted } = useFormField(area.name);
  return (
    <FieldShell label={label} name={area.name} error={error} hint={hint} required={required}>
      {({ id, describedBy, invalid }) => (
        <textarea
          id={id}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          required={required}
          className={cx(inputClass, className)}
          defaultValue={echoedDefault({ ...area, defaultValue }, submitted) as string | undefined}
          {...area}
        />
      )}
    </FieldShell>
  );
}

/**
 * A group of radios or checkboxes: a fieldset with a legend, hint and error (aria-invalid
 * and aria-describedby on the group). `name` ties it to the form's errors; its id is the
 * error summary's link target (focus goes to the first control inside).
 */
export function ChoiceGroup({
  legend,
  name,
  error: explicitError,
  hint,
  children,
  className,
  legendClassName,
}: {
  legend: ReactNode;
  name?: string;
  error?: string;
  hint?: ReactNode;
  children: ReactNode;
  className?: string;
  legendClassName?: string;
}) {
  const { id, error } = useFormField(name, explicitError);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <fieldset
      id={id}
      aria-invalid={!!error}
      aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
      className={cx("space-y-2", className)}
    >
      <legend className={cx("mb-2 text-sm font-medium text-slate-800", legendClassName)}>{legend}</legend>
      {hint && (
        <p id={hintId} className="-mt-1 text-xs text-slate-600">
          {hint}
        </p>
      )}
      {children}
      <FieldError id={errorId}>{error}</FieldError>
    </fieldset>
  );
}

/**
 * One radio or checkbox with its label and an optional description. Controlled (`checked` +
 * `onChange`) or not (`defaultChecked`; after an error without JavaScript it shows whether it
 * was submitted).
 */
export function Choice({
  type,
  name,
  value,
  checked,
  defaultChecked,
  onChange,
  label,
  description,
  disabled,
  children,
}: {
  type: "radio" | "checkbox";
  name: string;
  value: string;
  checked?: boolean;
  defaultChecked?: boolean;
  onChange?: (checked: boolean) => void;
  label: ReactNode;
  description?: ReactNode;
  disabled?: boolean;
  /** Shown under the description, indented with it (e.g. a nested option). */
  children?: ReactNode;
}) {
  const id = useId();
  const echo = useEcho();
  const controlled = checked !== undefined;
  return (
    <div className={cx("flex items-start gap-3 rounded-md px-1 py-1", disabled && "opacity-60")}>
      <input
        id={id}
        type={type}
        name={name}
        value={value}
        {...(controlled
          ? { checked, onChange: (e) => onChange?.(e.target.checked) }
          : {
              defaultChecked: echo.checked(name, value, !!defaultChecked),
              onChange: onChange ? (e) => onChange(e.target.checked) : undefined,
            })}
        disabled={disabled}
        aria-describedby={description ? `${id}-d` : undefined}
        className="mt-0.5 h-4 w-4 shrink-0 accent-emerald-700"
      />
      <div className="min-w-0 flex-1 text-sm">
        <label htmlFor={id} className="font-medium text-slate-800">
          {label}
        </label>
        {description && (
          <p id={`${id}-d`} className="text-slate-600">
            {description}
          </p>
        )}
        {children}
      </div>
    </div>
  );
}
