import { describe, expect, it } from "vitest";
import { checkAccess, type AccessApp, type AccessDecision, type AccessUser } from "./access";

const user = (status: string, groups: { id: string; status: string }[] = []): AccessUser => ({ status, groups });
const ALL: AccessApp = { userAccess: "ALL", permittedGroupIds: [] };
const SALES_ONLY: AccessApp = { userAccess: "GROUPS", permittedGroupIds: ["g-sales"] };
const sales = { id: "g-sales", status: "ACTIVE" };
const eng = { id: "g-eng", status: "ACTIVE" };

const cases: { name: string; user: AccessUser; app: AccessApp | null; expected: AccessDecision }[] = [
  {
    name: "an ACTIVE user may use an app open to all users",
    user: user("ACTIVE"),
    app: ALL,
    expected: { allowed: true, bypass: false },
  },
  {
    name: "a BYPASS user is allowed and skips MFA",
    user: user("BYPASS"),
    app: ALL,
    expected: { allowed: true, bypass: true },
  },
  {
    name: "a DISABLED user is denied",
    user: user("DISABLED"),
    app: ALL,
    expected: { allowed: false, reason: "user_disabled" },
  },
  {
    name: "a LOCKED_OUT user is denied",
    user: user("LOCKED_OUT"),
    app: ALL,
    expected: { allowed: false, reason: "locked_out" },
  },
  {
    name: "an ACTIVE member of a DISABLED group is denied as disabled",
    user: user("ACTIVE", [sales, { id: "g-x", status: "DISABLED" }]),
    app: ALL,
    expected: { allowed: false, reason: "user_disabled" },
  },
  {
    name: "an ACTIVE member of a BYPASS group is allowed with bypass",
    user: user("ACTIVE", [{ id: "g-x", status: "BYPASS" }]),
    app: ALL,
    expected: { allowed: true, bypass: true },
  },
  {
    name: "a DISABLED group wins over a BYPASS user status",
    user: user("BYPASS", [{ id: "g-x", status: "DISABLED" }]),
    app: ALL,
    expected: { allowed: false, reason: "user_disabled" },
  },
  {
    name: "disabled is reported before locked out",
    user: user("LOCKED_OUT", [{ id: "g-x", status: "DISABLED" }]),
    app: ALL,
    expected: { allowed: false, reason: "user_disabled" },
  },
  {
    name: "a member of a permitted group may use a GROUPS app",
    user: user("ACTIVE", [eng, sales]),
    app: SALES_ONLY,
    expected: { allowed: true, bypass: false },
  },
  {
    name: "a user outside the permitted groups is denied",
    user: user("ACTIVE", [eng]),
    app: SALES_ONLY,
    expected: { allowed: false, reason: "user_not_in_permitted_group" },
  },
  {
    name: "a user in no group is denied a GROUPS app",
    user: user("ACTIVE"),
    app: SALES_ONLY,
    expected: { allowed: false, reason: "user_not_in_permitted_group" },
  },
  {
    name: "BYPASS status does not bypass the permitted groups",
    user: user("BYPASS", [eng]),
    app: SALES_ONLY,
    expected: { allowed: false, reason: "user_not_in_permitted_group" },
  },
  {
    name: "a LOCKED_OUT member of a permitted group is still denied",
    user: user("LOCKED_OUT", [sales]),
    app: SALES_ONLY,
    expected: { allowed: false, reason: "locked_out" },
  },
  {
    name: "the permitted groups are ignored when the app is open to all",
    user: user("ACTIVE", [eng]),
    app: { userAccess: "ALL", permittedGroupIds: ["g-sales"] },
    expected: { allowed: true, bypass: false },
  },
  {
    name: "the portal (no app) allows an ACTIVE user in no group",
    user: user("ACTIVE"),
    app: null,
    expected: { allowed: true, bypass: false },
  },
  {
    name: "the portal (no app) still denies a DISABLED user",
    user: user("DISABLED"),
    app: null,
    expected: { allowed: false, reason: "user_disabled" },
  },
  {
    name: "the portal (no app) still denies a LOCKED_OUT user",
    user: user("LOCKED_OUT"),
    app: null,
    expected: { allowed: false, reason: "locked_out" },
  },
];

describe("checkAccess", () => {
  it.each(cases)("$name", ({ user: u, app, expected }) => {
    expect(checkAccess(u, app)).toEqual(expected);
  });
});
