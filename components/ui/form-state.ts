/**
 * What a server action returns to its form (components/ui/action-form.tsx):
 * - `ok`: the use case succeeded. The page is refreshed from the server in the same response
 *   and the form is mounted again from the stored values, so every field shows what is stored.
 * - `message`: a confirmation, or why nothing was done.
 * - `fieldErrors`: field name -> message, every bad field at once; the form lists them in a
 *   summary at its top that links to each field.
 * - `values`: on failure, what was submitted (every value of every non-secret field, so a
 *   group of checkboxes comes back whole). With JavaScript the browser keeps the fields as
 *   they were; this is for a page rendered after a plain POST (no JavaScript).
 * - `unchanged`: the save changed nothing (and wrote no audit entry).
 */
export type FormState = {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string>;
  values?: FormValues;
  unchanged?: boolean;
} | null;

/** Submitted form values by field name, every value of each (checkbox groups, multi-selects). */
export type FormValues = Record<string, string[]>;

/** The message of a save that found nothing to change. */
export const NO_CHANGES_MESSAGE = "No changes to save.";
