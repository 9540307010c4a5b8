"use client";
import { useEffect, useRef, useState, type ComponentProps } from "react";
import { FieldShell, inputClass } from "./field";
import { cx } from "./cx";

type FileFieldProps = Omit<ComponentProps<"input">, "id" | "type"> & {
  label: string;
  /** Largest file the server accepts; a larger one is refused here, before anything is sent. */
  maxBytes: number;
  /** Shown beside the field for a file over `maxBytes`. */
  tooLargeMessage: string;
  error?: string;
  hint?: string;
};

/**
 * A file input that refuses a file over the server's limit beside the field, before the form
 * is sent: uploading megabytes only to be told "too large" (or to hit the server's request
 * limit) helps nobody. The server checks the size again.
 */
export function FileField({
  label,
  maxBytes,
  tooLargeMessage,
  error,
  hint,
  className,
  onChange,
  ...input
}: FileFieldProps) {
  const ref = useRef<HTMLInputElement>(null);
  const [tooLarge, setTooLarge] = useState(false);

  useEffect(() => {
    const el = ref.current;
    const form = el?.form;
    if (!el || !form) return;
    // On the form element itself, so it runs before React's submit handling (which respects it).
    const onSubmit = (e: SubmitEvent) => {
      const file = el.files?.[0];
      if (file && file.size > maxBytes) {
        e.preventDefault();
        setTooLarge(true);
        el.focus();
      }
    };
    form.addEventListener("submit", onSubmit);
    return () => form.removeEventListener("submit", onSubmit);
  }, [maxBytes]);

  return (
    <FieldShell label={label} name={input.name} error={tooLarge ? tooLargeMessage : error} hint={hint}>
      {({ id, describedBy, invalid }) => (
        <input
          ref={ref}
          id={id}
          type="file"
          aria-describedby={describedBy}
          aria-invalid={invalid}
          className={cx(inputClass, className)}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            setTooLarge(!!file && file.size > maxBytes);
            onChange?.(e);
          }}
          {...input}
        />
      )}
    </FieldShell>
  );
}
