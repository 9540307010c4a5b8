// The users CSV file, shared by import and export so that an export imports again.
// Pure: no database, no next/*.

export const CSV_COLUMNS = ["username", "email", "realname", "aliases", "groups", "status"] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** Separates several aliases or groups inside one cell (the cell is quoted by CSV writers when needed). */
export const LIST_SEPARATOR = ";";

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 20_000;
export const MAX_ALIASES = 8;
export const MAX_RECORD_BYTES = 64 * 1024;

export const USER_STATUS_LABELS: Record<string, string> = {
  ACTIVE: "Active",
  BYPASS: "Bypass",
  DISABLED: "Disabled",
  LOCKED_OUT: "Locked Out",
};

/** "active", "Bypass", "DISABLED", "locked out" … -> the stored status, or null when unknown. */
export function parseStatus(cell: string): string | null {
  const n = cell
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, " ");
  if (n === "active") return "ACTIVE";
  if (n === "bypass") return "BYPASS";
  if (n === "disabled") return "DISABLED";
  if (n === "locked out" || n === "lockedout") return "LOCKED_OUT";
  return null;
}

/** Cells of a list column: split on ";", trimmed, empty parts dropped. */
export function splitList(cell: string): string[] {
  return cell
    .split(LIST_SEPARATOR)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

// OWASP CSV injection: a cell starting with one of these is read as a formula by spreadsheets.
const FORMULA_START = /^[=+\-@\t\r]/;

/** Export: a cell a spreadsheet would run as a formula gets a leading single quote. */
export function neutralizeFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** Import: undoes `neutralizeFormula`, so that an exported file imports the same values. */
export function restoreFormula(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

/** The downloadable template: the header row and two examples. */
export const CSV_TEMPLATE = [
  CSV_COLUMNS.join(","),
  `jsmith,jsmith@example.com,Jane Smith,"jane;j.smith",Engineering,Active`,
  `bwong,bwong@example.com,Bo Wong,,"Engineering;Contractors",Bypass`,
  "",
].join("\r\n");
