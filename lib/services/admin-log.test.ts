import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { makeAdmin, thrown } from "../../test/helpers";
import { dbReady } from "../db/client";
import { insertGroup } from "../db/users";
import type { Actor } from "./actor";
import { audit } from "./actor";
import {
  ADMIN_LOG_CSV_COLUMNS,
  adminLogFilterOptions,
  exportAdministratorLogCsv,
  getAdministratorLogEntry,
  listAdministratorLog,
} from "./admin-log";
import { NO_ADMINISTRATOR, parseAdminLogFilters } from "./admin-log-filters";
import { describeSnapshot, fieldLabel, formatAuditValue } from "./admin-log-format";

let owner: Actor;
let other: Actor;
let groupId: string;
const names = { groups: new Map<string, string>(), applications: new Map<string, string>() };

beforeAll(async () => {
  owner = await makeAdmin("OWNER", { name: "Olga Owner", email: "olga@example.com" });
  other = await makeAdmin("USER_MANAGER", { name: "Uwe Users", email: "uwe@example.com" });
  groupId = (await insertGroup({ name: "Finance" })).id;
  await audit(owner, {
    action: "admin.role_change",
    targetType: "admin",
    targetLabel: "uwe@example.com",
    before: { role: "HELP_DESK" },
    after: { role: "USER_MANAGER" },
  });
  await audit(other, {
    action: "user.update",
    targetType: "user",
    targetLabel: "Dora.Disabled",
    before: { status: "ACTIVE", realName: "Dora" },
    after: { status: "DISABLED", realName: "Dora D." },
  });
  await audit(owner, {
    action: "application.update",
    targetType: "application",
    targetLabel: "Payroll",
    before: { userAccess: "ALL", permittedGroupIds: [] },
    after: { userAccess: "GROUPS", permittedGroupIds: [groupId, "gone-group"] },
  });
  await audit(null, { action: "admin.login_failed", targetType: "admin", targetLabel: "nobody@example.com" });
});

describe("Administrator Log in words", () => {
  it("shows role, status, user access and groups by name, not by code or ID", async () => {
    const { rows } = await listAdministratorLog(owner, {});
    const byAction = (a: string) => rows.find((r) => r.action === a)!;
    expect(byAction("admin.role_change")).toMatchObject({
      actionLabel: "Administrator role changed",
      objectLabel: "Administrator",
      changes: ["Role"],
      before: [{ key: "role", label: "Role", value: "Help Desk" }],
      after: [{ key: "role", label: "Role", value: "User Manager" }],
    });
    expect(byAction("user.update").after).toEqual([
      { key: "status", label: "Status", value: "Disabled" },
      { key: "realName", label: "Full name", value: "Dora D." },
    ]);
    expect(byAction("application.update").after).toEqual([
      { key: "userAccess", label: "User access", value: "Only users in certain groups" },
      { key: "permittedGroupIds", label: "Permitted groups", value: "Finance, (deleted group)" },
    ]);
    expect(byAction("application.update").before[1]).toMatchObject({ value: "none" });
  });

  it("formats values and labels", () => {
    expect(fieldLabel("spEntityId")).toBe("SP Entity ID");
    expect(fieldLabel("someNewField")).toBe("Some New Field");
    expect(fieldLabel("Remembered devices")).toBe("Remembered devices");
    expect(formatAuditValue("signResponse", false, names)).toBe("No");
    expect(formatAuditValue("aliases", ["a", "b"], names)).toBe("a, b");
    expect(formatAuditValue("email", null, names)).toBe("—");
    expect(formatAuditValue("acs", [{ index: 1, url: "https://sp/acs", binding: "x", isDefault: true }], names)).toBe(
      "1: https://sp/acs (default)",
    );
    expect(formatAuditValue("attributes", [{ source: "email", samlName: "uid" }], names)).toBe("Email address → uid");
    expect(describeSnapshot("plain", names)).toEqual([{ key: "value", label: "Value", value: "plain" }]);
  });
});

describe("Administrator Log filters", () => {
  it("filters by administrator, action, object, name prefix (any case) and time", async () => {
    const q = (p: Record<string, string>) => parseAdminLogFilters(p).query;
    const actions = async (p: Record<string, string>) =>
      (await listAdministratorLog(owner, { query: q(p) })).rows.map((r) => r.action);
    expect(await actions({ administrator: other.adminId! })).toEqual(["user.update"]);
    expect(await actions({ administrator: NO_ADMINISTRATOR })).toEqual(["admin.login_failed"]);
    expect(await actions({ action: "application.update" })).toEqual(["application.update"]);
    expect(await actions({ object: "user" })).toEqual(["user.update"]);
    expect(await actions({ q: "DORA" })).toEqual(["user.update"]);
    expect(await actions({ q: "ora" })).toEqual([]);
    expect(await actions({ range: "custom", to: "2001-01-01T00:00" })).toEqual([]);
    expect((await actions({ range: "24h" })).length).toBe(4);
  });

  it("refuses bad filter values beside their field", () => {
    const { errors } = parseAdminLogFilters({
      range: "forever",
      administrator: "x y",
      action: "DROP TABLE",
      object: "nope",
      q: "x".repeat(201),
    });
    expect(Object.keys(errors).sort()).toEqual(["action", "administrator", "object", "q", "range"]);
    expect(parseAdminLogFilters({ range: "custom", from: "2026-02-30T10:00" }).errors.from).toMatch(/valid start/);
  });

  it("offers the administrators and every action and object type", async () => {
    const o = await adminLogFilterOptions(owner);
    expect(o.administrators.map((a) => a.label)).toContain("Uwe Users (uwe@example.com)");
    expect(o.actions.find((a) => a.value === "user.update")?.label).toBe("User changed");
    expect(o.objects.find((a) => a.value === "application")?.label).toBe("Application");
  });
});

describe("Administrator Log detail and export", () => {
  it("returns one entry in full, and nothing for an unknown or malformed ID", async () => {
    const { rows } = await listAdministratorLog(owner, {});
    const entry = await getAdministratorLogEntry(owner, rows[0]!.id);
    expect(entry?.id).toBe(rows[0]!.id);
    expect(await getAdministratorLogEntry(owner, "no-such-entry")).toBeNull();
    expect(await getAdministratorLogEntry(owner, "../etc")).toBeNull();
  });

  it("exports every matching entry as CSV in words, and records the export by administrator name", async () => {
    let text = "";
    const query = parseAdminLogFilters({ administrator: other.adminId! }).query;
    for await (const chunk of exportAdministratorLogCsv(
      owner,
      query,
      { administrator: other.adminId! },
      { batchSize: 1 },
    ))
      text += chunk;
    const [header, ...rows] = parse(text.slice(1)) as string[][];
    expect(header).toEqual([...ADMIN_LOG_CSV_COLUMNS]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.slice(1, 8)).toEqual([
      "uwe@example.com",
      "User changed",
      "user.update",
      "User",
      "Dora.Disabled",
      "Status: Active; Full name: Dora",
      "Status: Disabled; Full name: Dora D.",
    ]);
    const db = await dbReady();
    const logged = await db.adminAuditLog.findFirst({ where: { action: "adminlog.export" } });
    expect(JSON.parse(logged!.after!)).toEqual({ filters: { administrator: "uwe@example.com" } });
    const { rows: listed } = await listAdministratorLog(owner, { query: { action: "adminlog.export" } });
    expect(listed[0]!.after[0]!.value).toBe("administrator uwe@example.com");
  });

  it("is refused to a role without adminlog:view", async () => {
    const helpDesk = await makeAdmin("HELP_DESK");
    expect(await thrown(() => listAdministratorLog(helpDesk, {}))).toMatchObject({ code: "forbidden" });
    expect(await thrown(() => getAdministratorLogEntry(helpDesk, "x"))).toMatchObject({ code: "forbidden" });
  });
});
