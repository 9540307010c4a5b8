// The layering rules of ../shared/DESIGN.md as eslint.config.mjs enforces them: each forbidden
// import, linted as if it were in the file named, is an error; the allowed ones are not.
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: process.cwd() });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => /no-restricted-(imports|syntax)/.test(m.ruleId ?? "")).map((m) => m.message);
}

describe("layering (eslint.config.mjs)", { timeout: 60_000 }, () => {
  it.each([
    [
      "app/(console)/admin/x/page.tsx",
      `import type { AuthLogRow } from "@/lib/db/auth-log";\nexport type T = AuthLogRow;`,
    ],
    ["components/x/y.tsx", `import { dbReady } from "../../lib/db/client";\nexport const a = dbReady;`],
    ["app/saml2/x/route.ts", `export const a = () => import("@/lib/db/users");`],
    ["app/x/actions.ts", `import { PrismaClient } from "@prisma/client";\nexport const a = PrismaClient;`],
    [
      "app/sso/x/page.tsx",
      `import { findUserForLogin } from "@/lib/login/password-step";\nexport const a = findUserForLogin;`,
    ],
    ["instrumentation.ts", `export const a = () => import("./lib/db/sign-in-state");`],
    ["lib/services/x.ts", `import { redirect } from "next/navigation";\nexport const a = redirect;`],
    ["lib/services/x.ts", `import { PrismaClient } from "../db/generated/client";\nexport const a = PrismaClient;`],
    ["lib/services/x.ts", `import { Badge } from "@/components/ui/badge";\nexport const a = Badge;`],
    ["lib/saml/x.ts", `import { dbReady } from "../db/client";\nexport const a = dbReady;`],
    [
      "lib/policy/x.ts",
      `import { getTenantSettings } from "../services/settings/tenant-settings";\nexport const a = getTenantSettings;`,
    ],
    ["lib/db/x.ts", `import { audit } from "../services/actor";\nexport const a = audit;`],
  ])("%s: %s is refused", async (file, code) => {
    expect(await problems(file, code)).toHaveLength(1);
  });

  it.each([
    [
      "app/(console)/admin/x/page.tsx",
      `import { listUsers } from "@/lib/services/users/list-users";\nexport const a = listUsers;`,
    ],
    ["components/x/y.tsx", `import { SECTION_KEYS } from "@/lib/policy/settings";\nexport const a = SECTION_KEYS;`],
    ["lib/services/x.ts", `import { findUserForLogin } from "../db/users";\nexport const a = findUserForLogin;`],
    ["lib/db/x.ts", `import { PrismaClient } from "./generated/client";\nexport const a = PrismaClient;`],
    ["lib/login/x.ts", `import { insertAuthLog } from "../db/auth-log";\nexport const a = insertAuthLog;`],
  ])("%s: %s is allowed", async (file, code) => {
    expect(await problems(file, code)).toEqual([]);
  });
});
