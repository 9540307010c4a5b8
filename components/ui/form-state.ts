/** What a server action returns to its form: a message, field errors, and on failure the submitted values (never secrets) so nothing typed is lost. */
export type FormState = {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
} | null;
