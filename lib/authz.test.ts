import { describe, expect, it } from "vitest";
import { can, isRole, PERMISSIONS, ROLES, type Permission, type Role } from "./authz";
import { AppError } from "./errors";
import { assertCan } from "./services/actor";

const Y = true;
const N = false;

// The expected matrix, written out cell by cell from Duo's role meanings:
//   Owner: everything. Administrator: everything but managing administrators.
//   Application Manager: views all but the Administrator Log; manages applications,
//     policies and Trusted Endpoints. User Manager: views all but the Administrator Log;
//     manages users (incl. help-desk actions) and groups. Help Desk: dashboard, users,
//     groups, Authentication Log; help-desk actions. Read-only: views everything
//     (Administrator Log included), changes nothing.
const COLUMNS = ["OWNER", "ADMINISTRATOR", "APPLICATION_MANAGER", "USER_MANAGER", "HELP_DESK", "READ_ONLY"] as const;
const EXPECTED: Record<Permission, readonly [boolean, boolean, boolean, boolean, boolean, boolean]> = {
  //                     OWNER ADMIN APPMGR USRMGR HELPDK RO
  "dashboard:view": [Y, Y, Y, Y, Y, Y],
  "applications:view": [Y, Y, Y, Y, N, Y],
  "applications:manage": [Y, Y, Y, N, N, N],
  "applications:admin_api": [Y, N, N, N, N, N],
  "users:view": [Y, Y, Y, Y, Y, Y],
  "users:manage": [Y, Y, N, Y, N, N],
  "users:helpdesk": [Y, Y, N, Y, Y, N],
  "groups:view": [Y, Y, Y, Y, Y, Y],
  "groups:manage": [Y, Y, N, Y, N, N],
  "policies:view": [Y, Y, Y, Y, N, Y],
  "policies:manage": [Y, Y, Y, N, N, N],
  "endpoints:view": [Y, Y, Y, Y, N, Y],
  "endpoints:manage": [Y, Y, Y, N, N, N],
  "authlog:view": [Y, Y, Y, Y, Y, Y],
  "adminlog:view": [Y, Y, N, N, N, Y],
  "admins:manage": [Y, N, N, N, N, N],
  "settings:view": [Y, Y, Y, Y, N, Y],
  "settings:manage": [Y, Y, N, N, N, N],
};

const cells: [Role, Permission, boolean][] = Object.entries(EXPECTED).flatMap(([permission, row]) =>
  COLUMNS.map((role, i): [Role, Permission, boolean] => [role, permission as Permission, row[i]!]),
);

describe("permission matrix", () => {
  it("the expected table covers exactly the roles and permissions the code defines", () => {
    expect([...ROLES].sort()).toEqual([...COLUMNS].sort());
    expect([...PERMISSIONS].sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(cells).toHaveLength(ROLES.length * PERMISSIONS.length);
  });

  it.each(cells)("%s may %s: %s", (role, permission, expected) => {
    expect(can(role, permission)).toBe(expected);
  });

  it("assertCan throws a 403 AppError when the role lacks the permission, and passes otherwise", () => {
    const actor = { adminId: "a1", email: "ro@example.com", role: "READ_ONLY" as const };
    let caught: unknown;
    try {
      assertCan(actor, "settings:manage");
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe("forbidden");
    expect((caught as AppError).status).toBe(403);
    expect(() => assertCan(actor, "settings:view")).not.toThrow();
    expect(() => assertCan({ ...actor, role: "OWNER" }, "admins:manage")).not.toThrow();
  });
});

describe("isRole", () => {
  it.each(COLUMNS)("accepts %s", (role) => {
    expect(isRole(role)).toBe(true);
  });

  it.each([
    ["owner"],
    ["Owner"],
    [" OWNER"],
    [""],
    ["SUPERUSER"],
    ["toString"],
    ["__proto__"],
    [null],
    [undefined],
    [1],
    [{}],
    [["OWNER"]],
  ])("refuses %j", (value) => {
    expect(isRole(value)).toBe(false);
  });
});
