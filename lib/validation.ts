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
