import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The layering of ../shared/DESIGN.md, checked on every import (static, `import type`, and
// `import()`):
//   app/, components/, proxy.ts, instrumentation.ts  call lib/services (and pure lib/ modules:
//       policy, saml, endpoints, mfa, crypto, i18n, authz, errors, env), never lib/db or
//       lib/login; a view type they need is exported by the service that returns it.
//   lib/ (all of it)  no Next.js or React, nothing from app/ or components/.
//   Prisma (@prisma/*, lib/db/generated)  only in lib/db (and prisma.config.ts, scripts/).
//   lib/db  the bottom layer: never lib/services or lib/login.
//   lib/saml, lib/crypto, lib/mfa, lib/policy, lib/endpoints, lib/i18n  plain data in and out:
//       no lib/db, lib/services or lib/login.
const under = (dir) => `((^@/|^|/)${dir}|^(\\.\\./)+${dir.split("/").pop()})(/|$)`;
const rule = (regex, message) => ({ regex, message });

const PRISMA = [
  rule("^@prisma/", "Prisma is used only in lib/db (DESIGN.md: only lib/db imports Prisma)."),
  rule("(^|/)db/generated(/|$)", "The generated Prisma client is used only in lib/db."),
];
const DB = rule(under("lib/db"), "Call lib/services: pages, actions, route handlers and components never use lib/db.");
const LOGIN = rule(
  under("lib/login"),
  "Call lib/services/sign-in: the sign-in steps are not used from app/ or components/.",
);
const NEXT = rule("^(next|next-auth|react|react-dom)(/|$)", "lib/ is free of Next.js and React (DESIGN.md).");
const UI = rule("^@/(app|components)/|^(\\.\\./)+(app|components)/", "lib/ never imports from app/ or components/.");
const SERVICES = rule(under("lib/services"), "lib/db is the bottom layer: it never calls lib/services.");

/** no-restricted-imports for static imports, no-restricted-syntax for import() with the same patterns. */
const restrict = (files, patterns, ignores = []) => ({
  files,
  ignores,
  rules: {
    "no-restricted-imports": ["error", { patterns }],
    "no-restricted-syntax": [
      "error",
      ...patterns.map((p) => ({
        selector: `ImportExpression[source.value=/${p.regex.replace(/\//g, "\\/")}/]`,
        message: p.message,
      })),
    ],
  },
});

const PURE = ["lib/saml/**", "lib/crypto/**", "lib/mfa/**", "lib/policy/**", "lib/endpoints/**", "lib/i18n/**"];

const config = [
  ...next,
  ...nextTs,
  { ignores: ["lib/db/generated/**", ".next/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // One block per file group (a later block for the same rule would replace an earlier one).
  restrict(["app/**", "components/**", "proxy.ts", "instrumentation.ts"], [DB, LOGIN, ...PRISMA]),
  restrict(["lib/**"], [NEXT, UI, ...PRISMA], ["lib/db/**", ...PURE]),
  restrict(["lib/db/**"], [NEXT, UI, SERVICES, LOGIN]),
  restrict(PURE, [
    NEXT,
    UI,
    ...PRISMA,
    rule(under("lib/db"), "lib/saml, crypto, mfa, policy, endpoints and i18n take plain data: no lib/db."),
    rule(under("lib/services"), "lib/saml, crypto, mfa, policy, endpoints and i18n never call lib/services."),
    rule(under("lib/login"), "lib/saml, crypto, mfa, policy, endpoints and i18n never use lib/login."),
  ]),
  // Playwright fixtures call `use(value)`, which is not React's `use`.
  { files: ["e2e/**"], rules: { "react-hooks/rules-of-hooks": "off" } },
];
export default config;
