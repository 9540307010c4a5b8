// PostgreSQL for the Prisma CLI (prisma.config.ts): the driver adapter that `migrate deploy`,
// `migrate diff` and `db pull` run through. Prisma 6.19's pg adapter refuses result columns
// of the catalog types `name` (oid 19) and `"char"` (oid 18) that the schema engine reads
// from pg_catalog ("Column type 'name' could not be deserialized", prisma/orm#27403). Both
// are plain text on the wire, so every pg result reports them as text (oid 25). Only the CLI
// loads this; the application's own queries never select catalog columns.
import { createRequire } from "node:module";
import { PrismaPg } from "@prisma/adapter-pg";

const require = createRequire(import.meta.url);
const Result = require("pg/lib/result.js");
const TEXT = 25;
const AS_TEXT = new Set([18, 19]);

if (!Result.prototype.portcullisNameAsText) {
  const addFields = Result.prototype.addFields;
  Result.prototype.addFields = function (fieldDescriptions) {
    for (const f of fieldDescriptions) if (AS_TEXT.has(f.dataTypeID)) f.dataTypeID = TEXT;
    return addFields.call(this, fieldDescriptions);
  };
  Result.prototype.portcullisNameAsText = true;
}

/**
 * The adapter factory for the CLI: a fresh pool for each connection the schema engine asks for.
 * allowExitOnIdle: an idle pooled connection does not keep the CLI process alive. Without it
 * every CLI call on PostgreSQL lingered ~10 s after its work (pg's idleTimeoutMillis) with the
 * socket open: a `migrations.mjs check` took 45 s instead of 21 s, the unit tests' template 12 s.
 */
export function cliPgAdapter(url) {
  return new PrismaPg({ connectionString: url, max: 4, allowExitOnIdle: true });
}
