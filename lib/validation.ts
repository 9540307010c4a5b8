// Shared zod helpers: field-level messages a person can act on.
import { z } from "zod";
import { validationError } from "./errors";

export const emailField = z
  .string()
  .trim()
  .min(1, "Enter an email address.")
  .max(254, "An email address has at most 254 characters.")
  .pipe(z.email("Enter a valid email address, like name@example.com."));

export const nameField = (label: string, max = 100) =>
  z.string().trim().min(1, `Enter a ${label}.`).max(max, `The ${label} has at most ${max} characters.`);

/** Absolute http(s) URL; anything else (javascript:, data:, relative) is refused. */
export const httpUrlField = (label = "URL") =>
  z
    .string()
    .trim()
    .min(1, `Enter the ${label}.`)
    .max(2048, `The ${label} has at most 2048 characters.`)
    .refine(
      (v) => {
        try {
          const u = new URL(v);
          return (
            (u.protocol === "https:" || u.protocol === "http:") && u.hostname.length > 0 && !u.username && !u.password
          );
        } catch {
          return false;
        }
      },
      { message: `The ${label} must be an absolute http:// or https:// URL.`, abort: true },
    );

/** Parses `input` or throws an AppError whose fieldErrors hold the first message per field. */
export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of r.error.issues) {
    const key = issue.path.join(".") || "_form";
    fieldErrors[key] ??= issue.message;
  }
  throw validationError(fieldErrors);
}

/**
 * Collects field errors from every check of a form, so that one submission reports every bad
 * field at once: zod's issues per field, then checks against stored data (names taken, rows
 * gone) on the fields that parsed. `throwIfAny()` ends with one AppError listing them all.
 */
export class FieldErrors {
  readonly errors: Record<string, string> = {};

  /** Records the first message for a field. */
  add(field: string, message: string): void {
    this.errors[field] ??= message;
  }

  has(field: string): boolean {
    return field in this.errors;
  }

  get empty(): boolean {
    return Object.keys(this.errors).length === 0;
  }

  /** Adds every issue of a failed zod parse (path joined with "."; "_form" for the object itself). */
  addIssues(error: z.ZodError, prefix = ""): void {
    for (const issue of error.issues) this.add(prefix + (issue.path.join(".") || "_form"), issue.message);
  }

  /**
   * Parses each field of an object schema on its own, so one bad field does not hide the
   * others: returns the fields that parsed. Object-level rules (refinements across fields)
   * run in `parse()` once every field is valid.
   */
  parseFields<S extends z.ZodObject>(
    schema: S,
    input: unknown,
    opts: { whole?: readonly string[] } = {},
  ): Partial<z.infer<S>> {
    const source = (input && typeof input === "object" ? input : {}) as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      const r = field.safeParse(source[key]);
      if (r.success) out[key] = r.data;
      else
        for (const issue of r.error.issues)
          // A list typed into one control (aliases, one per line) reports its items' errors on that control.
          this.add(opts.whole?.includes(key) ? key : [key, ...issue.path].join("."), issue.message);
    }
    return out as Partial<z.infer<S>>;
  }

  /** Parses the whole schema; records its issues and returns null when it fails. */
  parse<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> | null {
    const r = schema.safeParse(input);
    if (r.success) return r.data;
    this.addIssues(r.error);
    return null;
  }

  /** Throws one validation AppError with every recorded field error. */
  throwIfAny(message?: string): void {
    if (!this.empty) throw validationError(this.errors, message);
  }
}

/**
 * Parses an object schema reporting every bad field at once, then runs `check` (stored-data
 * checks) on the fields that parsed, and throws one error listing everything; returns the
 * fully parsed input when all is well.
 */
export async function validateAll<S extends z.ZodObject>(
  schema: S,
  input: unknown,
  check?: (fields: Partial<z.infer<S>>, errors: FieldErrors) => void | Promise<void>,
  opts: { whole?: readonly string[] } = {},
): Promise<z.infer<S>> {
  const errors = new FieldErrors();
  const fields = errors.parseFields(schema, input, opts);
  if (check) await check(fields, errors);
  errors.throwIfAny();
  const data = errors.parse(schema, input);
  errors.throwIfAny();
  return data as z.infer<S>;
}
