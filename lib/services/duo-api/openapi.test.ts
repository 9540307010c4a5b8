// docs/duo-api.openapi.yaml documents every route the Admin API serves, with its method.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROUTES } from "./admin-api";

const doc = readFileSync(path.join(__dirname, "..", "..", "..", "docs", "duo-api.openapi.yaml"), "utf8");
const NAMES: Record<string, string> = { ":id": "{user_id}", ":gid": "{group_id}", ":ikey": "{integration_key}" };

/** The YAML block of one path (from its key to the next path key). */
function block(p: string): string | null {
  const start = doc.indexOf(`\n  ${p}:\n`);
  if (start < 0) return null;
  const rest = doc.slice(start + 1);
  const next = rest.slice(1).search(/\n {2}\/[^\n]*:\n/);
  return next < 0 ? rest : rest.slice(0, next + 1);
}

describe("OpenAPI document", () => {
  it.each(ROUTES.map((r) => [r.method, r.pattern.join("/")] as const))("documents %s /%s", (method, pattern) => {
    const segments = pattern.split("/");
    const p =
      "/" +
      segments.map((s, i) => (s === ":id" && segments[i - 1] === "groups" ? "{group_id}" : (NAMES[s] ?? s))).join("/");
    const b = block(p);
    expect(b, p).not.toBeNull();
    expect(b).toContain(`    ${method.toLowerCase()}:`);
  });

  it("documents the Auth API and libduo's endpoints", () => {
    for (const p of ["/auth/v2/ping", "/auth/v2/check", "/auth/v2/preauth", "/auth/v2/auth", "/auth/v2/auth_status"])
      expect(block(p), p).not.toBeNull();
    for (const p of ["/rest/v1/preauth.bson", "/rest/v1/auth.bson", "/rest/v1/status.bson"])
      expect(block(p), p).not.toBeNull();
  });
});
