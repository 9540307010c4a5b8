"use client";
// The one form plumbing of the console: every form that calls a server action goes through
// useFormAction + <ActionForm>. It guarantees, for every field of every form:
// - after an error, every field (text, select, radio, checkbox) still shows what was
//   submitted: the form is submitted without React's automatic form reset (which restores
//   each control to the default it was first rendered with: a select or radio snapped back
//   to the value of the first render, so the next Save stored that);
// - after a successful save, every field shows the stored value: the action refreshes the
//   page in the same response (app/_server/form-action.ts) and the form's contents are
//   mounted again from the new props (component state included);
// - errors of every field at once, in a summary at the top of the form that takes focus and
//   links to each bad field; each field also shows its own error (aria-invalid, described by).
// Without JavaScript the form posts as usual and the fields read the echoed `values`.
import {
  createContext,
  startTransition,
  useActionState,
  useContext,
  useEffect,
  useId,
  useRef,
  useState,
  type ComponentProps,
  type FormEvent,
  type MouseEvent,
  type ReactNode,
  type Ref,
} from "react";
import { cx } from "./cx";
import type { FormState, FormValues } from "./form-state";

type Action<S> = (state: S, fd: FormData) => Promise<S>;

export type FormAction<S extends FormState = FormState> = {
  state: S;
  dispatch: (fd: FormData) => void;
  pending: boolean;
  /** Counts successful saves; the form's contents are mounted again when it changes. */
  generation: number;
  /**
   * Which ActionForm submitted last, when several forms share this action (a list of row
   * buttons with one confirmation): only that one shows the error summary.
   */
  submitter: string | null;
  claim: (formId: string) => void;
};

/**
 * A server action bound to a form. `remountOn` decides which results are saves that the
 * form should show from the stored values again (default: every success); a result that
 * saved nothing (a connection test) leaves what was typed alone.
 */
export function useFormAction<S extends FormState>(
  action: Action<S>,
  opts: { initial?: S; remountOn?: (state: NonNullable<S>) => boolean } = {},
): FormAction<S> {
  const [state, dispatch, pending] = useActionState(action, (opts.initial ?? null) as Awaited<S>);
  const [seen, setSeen] = useState(state);
  const [generation, setGeneration] = useState(0);
  const [submitter, claim] = useState<string | null>(null);
  // A new result: adjust during render (React's pattern for state derived from a change).
  if (state !== seen) {
    setSeen(state);
    if (state?.ok && (opts.remountOn ? opts.remountOn(state as NonNullable<S>) : true)) setGeneration((g) => g + 1);
  }
  return { state: state as S, dispatch, pending, generation, submitter, claim };
}

type FormContextValue = {
  /** Prefix of the fields' element ids: `${id}-${name}`. */
  id: string;
  fieldErrors: Record<string, string>;
  /** What was submitted, after an error; undefined otherwise. */
  values?: FormValues;
};

const FormContext = createContext<FormContextValue | null>(null);

/** The element id of a field of the enclosing ActionForm (the error summary links to it). */
export function fieldElementId(formId: string, name: string) {
  return `${formId}-${name.replace(/[^A-Za-z0-9_.-]/g, "_")}`;
}

/**
 * For a control of the enclosing form: its element id (stable, linkable from the error
 * summary), its error, and what was submitted for it after an error (no-JavaScript echo).
 * Outside an ActionForm: a generated id and no error.
 */
export function useFormField(name: string | undefined, explicitError?: string) {
  const ctx = useContext(FormContext);
  const fallbackId = useId();
  const id = ctx && name ? fieldElementId(ctx.id, name) : fallbackId;
  const error = explicitError ?? (ctx && name ? ctx.fieldErrors[name] : undefined);
  const submitted = ctx?.values && name ? (ctx.values[name] ?? []) : undefined;
  return { id, error, submitted };
}

/** After an error (no JavaScript): the submitted value of a field, else `stored`. */
export function useEcho() {
  const ctx = useContext(FormContext);
  const values = ctx?.values;
  return {
    text: (name: string, stored: string) => (values ? (values[name]?.[0] ?? "") : stored),
    checked: (name: string, value: string, stored: boolean) => (values ? (values[name] ?? []).includes(value) : stored),
    all: (name: string, stored: readonly string[]) => (values ? (values[name] ?? []) : stored),
  };
}

/** The form's context: its field errors and the id prefix (for controls laid out by hand). */
export function useFormContext() {
  return useContext(FormContext);
}

type ActionFormProps<S extends FormState> = Omit<ComponentProps<"form">, "action" | "onSubmit" | "children"> & {
  form: FormAction<S>;
  children: ReactNode;
  /** Asked before submitting (e.g. a confirmation); false cancels. */
  beforeSubmit?: (e: FormEvent<HTMLFormElement>) => boolean;
  /** Class of the error summary (e.g. to span a grid). */
  summaryClassName?: string;
};

export function ActionForm<S extends FormState>({
  form,
  children,
  beforeSubmit,
  summaryClassName,
  className,
  ...rest
}: ActionFormProps<S>) {
  const id = useId();
  const { state, dispatch, generation } = form;
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  /** Which submit button was used and whether focus was in the form, to put focus back after a save. */
  const submitted = useRef<{ button: number; focusInside: boolean } | null>(null);

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    // A control refused the submission first (FileField: a file over the server's limit).
    if (e.nativeEvent.defaultPrevented) return;
    if (beforeSubmit && !beforeSubmit(e)) {
      e.preventDefault();
      return;
    }
    // Submitting through startTransition (not the form's action prop) skips React's form
    // reset; the action prop stays for submissions without JavaScript.
    e.preventDefault();
    const el = e.currentTarget;
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLElement | null;
    const buttons = Array.from(el.querySelectorAll<HTMLElement>("button[type=submit], input[type=submit]"));
    submitted.current = {
      button: submitter ? buttons.indexOf(submitter) : -1,
      focusInside: el.contains(document.activeElement),
    };
    const fd = new FormData(el, submitter);
    startTransition(() => {
      form.claim(id);
      dispatch(fd);
    });
  };

  // After a result: an error moves focus to the summary. After a save the form was mounted
  // again, so the focused button is gone: FormStatus takes focus if the form shows one (its
  // effect runs first), else focus goes back to the same submit button.
  useEffect(() => {
    if (!state || (form.submitter !== null && form.submitter !== id)) return;
    const was = submitted.current;
    submitted.current = null;
    if (!state.ok) {
      // A bad field inside a closed <details> (an "Advanced" section) is shown.
      formRef.current
        ?.querySelectorAll("[aria-invalid=true]")
        .forEach((el) => el.closest("details")?.setAttribute("open", ""));
      summaryRef.current?.focus();
      return;
    }
    const active = document.activeElement;
    if (!was?.focusInside || (active && active !== document.body)) return;
    const buttons = formRef.current?.querySelectorAll<HTMLElement>("button[type=submit], input[type=submit]");
    (buttons?.[was.button] ?? buttons?.[0])?.focus();
  }, [state, form.submitter, id]);

  const mine = form.submitter === null || form.submitter === id;
  const failed = state && !state.ok && mine ? state : null;
  const ctx: FormContextValue = {
    id,
    fieldErrors: failed?.fieldErrors ?? {},
    values: failed?.values,
  };
  return (
    <FormContext.Provider value={ctx}>
      <form
        key={generation}
        ref={formRef}
        action={dispatch}
        onSubmit={onSubmit}
        noValidate
        className={className}
        {...rest}
      >
        {failed && (
          <ErrorSummary
            ref={summaryRef}
            formId={id}
            message={failed.message}
            fieldErrors={failed.fieldErrors}
            className={summaryClassName}
          />
        )}
        {children}
      </form>
    </FormContext.Provider>
  );
}

function ErrorSummary({
  ref,
  formId,
  message,
  fieldErrors,
  className,
}: {
  ref: Ref<HTMLDivElement>;
  formId: string;
  message?: string;
  fieldErrors?: Record<string, string>;
  className?: string;
}) {
  const all = Object.entries(fieldErrors ?? {});
  // Fields link to their control. Form-level entries ("_form", "_test") are plain text, left
  // out when the title already says them.
  const entries = all.filter(([name, msg]) => !name.startsWith("_") || !message?.includes(msg));
  // A title that only repeats one field's message says what happened instead.
  const title =
    message && all.some(([name, msg]) => !name.startsWith("_") && msg === message)
      ? "Nothing was saved. Correct this:"
      : (message ?? "Nothing was saved.");
  const go = (e: MouseEvent<HTMLAnchorElement>, name: string) => {
    const form = e.currentTarget.closest("form");
    let target: HTMLElement | null = document.getElementById(fieldElementId(formId, name));
    if (!target && form) {
      const named = form.elements.namedItem(name);
      target = named instanceof RadioNodeList ? (named[0] as HTMLElement) : (named as HTMLElement | null);
    }
    if (!target) return;
    e.preventDefault();
    target.closest("details")?.setAttribute("open", "");
    const focusable = target.matches("input, select, textarea, button, [tabindex]")
      ? target
      : target.querySelector<HTMLElement>("input:not([type=hidden]), select, textarea, button, [tabindex]");
    (focusable ?? target).scrollIntoView({ block: "center" });
    (focusable ?? target).focus({ preventScroll: true });
  };
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      aria-labelledby={`${formId}-summary-title`}
      data-testid="error-summary"
      className={cx(
        "rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900 focus:outline-2 focus:outline-offset-2 focus:outline-red-700",
        className,
      )}
    >
      <p id={`${formId}-summary-title`} className="font-semibold">
        {title}
      </p>
      {entries.length > 0 && (
        <ul className="mt-1.5 list-disc space-y-0.5 pl-5">
          {entries.map(([name, msg]) =>
            name.startsWith("_") ? (
              <li key={name}>{msg}</li>
            ) : (
              <li key={name}>
                <a
                  href={`#${fieldElementId(formId, name)}`}
                  onClick={(e) => go(e, name)}
                  className="underline underline-offset-2 hover:text-red-700"
                >
                  {msg}
                </a>
              </li>
            ),
          )}
        </ul>
      )}
    </div>
  );
}

/**
 * The confirmation of the last save, where a form wants it (errors are in the summary). When
 * a save left focus nowhere (the form was mounted again), it takes focus so that the
 * confirmation is read out.
 */
export function FormStatus<S extends FormState>({ form, className }: { form: FormAction<S>; className?: string }) {
  const s = form.state;
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!s?.ok || !ref.current) return;
    const active = document.activeElement;
    if (!active || active === document.body) ref.current.focus();
  }, [s]);
  if (!s?.ok || !s.message) return null;
  return (
    <div
      ref={ref}
      role="status"
      tabIndex={-1}
      data-form-status
      className={cx(
        "rounded-md border px-4 py-3 text-sm focus:outline-2 focus:outline-offset-2 focus:outline-emerald-700",
        s.unchanged
          ? "border-slate-200 bg-slate-50 text-slate-800"
          : "border-emerald-200 bg-emerald-50 text-emerald-900",
        className,
      )}
    >
      {s.message}
    </div>
  );
}
