import { beforeAll, describe, expect, it } from "vitest";
import { dbReady } from "../db/client";
import { insertUser } from "../db/users";
import { makeAdmin, makeApplication } from "../../test/helpers";
import type { Actor } from "./actor";
import { authLogFilterOptions, getAuthenticationEvent, listAuthenticationLog, prettyDetail } from "./auth-log";
import { parseAuthLogFilters } from "./auth-log-filters";

const NOW = new Date("2026-11-22T12:00:00.000Z");
const at = (hoursAgo: number) => new Date(NOW.getTime() - hoursAgo * 3600_000);
const CHROME =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

let helpDesk: Actor;
let readOnly: Actor;
let payroll: { id: string; name: string };
let mail: { id: string; name: string };
let alice: { id: string };
let bob: { id: string };

type Row = {
  createdAt: Date;
  userId?: string | null;
  username?: string | null;
  applicationId?: string | null;
  applicationName?: string | null;
  result: string;
  reason: string;
  factor?: string | null;
  detail?: string | null;
  userAgent?: string | null;
  id?: string;
};
async function log(rows: Row[]) {
  const db = await dbReady();
  await db.authLog.createMany({ data: rows.map((r) => ({ ip: "198.51.100.7", userAgent: CHROME, ...r })) });
}

const q = (params: Record<string, string>) => parseAuthLogFilters(params, NOW).query;
const reasons = async (actor: Actor, params: Record<string, string>, cursor?: string) =>
  (await listAuthenticationLog(actor, { query: q(params), cursor })).rows.map((r) => r.reason);

beforeAll(async () => {
  helpDesk = await makeAdmin("HELP_DESK");
  readOnly = await makeAdmin("READ_ONLY");
  payroll = await makeApplication("Payroll");
  mail = await makeApplication("Mail");
  alice = await insertUser({ username: "Alice", email: "alice@example.com", aliases: ["ali"] });
  bob = await insertUser({ username: "bob", email: "bob@example.com" });
  const a = { userId: alice.id, username: "Alice" };
  const b = { userId: bob.id, username: "bob" };
  const p = { applicationId: payroll.id, applicationName: "Payroll" };
  const m = { applicationId: mail.id, applicationName: "Mail" };
  await log([
    { ...a, ...p, createdAt: at(1), result: "SUCCESS", reason: "valid_password", factor: "password" },
    { ...a, ...m, createdAt: at(2), result: "SUCCESS", reason: "sso_session", factor: "sso_session" },
    { ...b, ...p, createdAt: at(3), result: "FAILURE", reason: "invalid_password", factor: "password" },
    { ...b, ...p, createdAt: at(30), result: "DENIED", reason: "user_disabled", factor: "password" },
    { username: "ALICE", ...p, createdAt: at(40), result: "FAILURE", reason: "unknown_user", factor: "password" },
    {
      ...m,
      createdAt: at(24 * 10),
      result: "FAILURE",
      reason: "replayed_request",
      detail: JSON.stringify({ reference: "R-1", password: "hunter2", nested: { apiKey: "k" } }),
    },
    { ...a, ...m, createdAt: at(24 * 40), result: "DENIED", reason: "user_not_in_permitted_group", factor: "password" },
  ]);
});

describe("listAuthenticationLog filters", () => {
  it("lists newest first with labels and browser/OS, for roles that may view the log", async () => {
    for (const actor of [helpDesk, readOnly]) {
      const page = await listAuthenticationLog(actor, {});
      expect(page.rows.map((r) => r.reason)).toEqual([
        "valid_password",
        "sso_session",
        "invalid_password",
        "user_disabled",
        "unknown_user",
        "replayed_request",
        "user_not_in_permitted_group",
      ]);
      expect(page.rows[0]).toMatchObject({
        resultLabel: "Success",
        reasonLabel: "Valid password",
        factorLabel: "Password",
        browserOs: "Chrome 131 on Windows 10",
      });
      expect(page.nextCursor).toBeNull();
    }
  });

  it("filters by result, reason and application", async () => {
    expect(await reasons(helpDesk, { result: "failure" })).toEqual([
      "invalid_password",
      "unknown_user",
      "replayed_request",
    ]);
    expect(await reasons(helpDesk, { result: "denied" })).toEqual(["user_disabled", "user_not_in_permitted_group"]);
    expect(await reasons(helpDesk, { reason: "sso_session" })).toEqual(["sso_session"]);
    expect(await reasons(helpDesk, { application: mail.id })).toEqual([
      "sso_session",
      "replayed_request",
      "user_not_in_permitted_group",
    ]);
    expect(await reasons(helpDesk, { application: "nosuchapp" })).toEqual([]);
  });

  it("filters by a user's username, email or alias in any case, and by an unknown name exactly as typed", async () => {
    const alices = ["valid_password", "sso_session", "user_not_in_permitted_group"];
    for (const user of ["alice", "ALICE", "ali", "Alice@Example.com"]) {
      const page = await listAuthenticationLog(helpDesk, { query: q({ user }) });
      expect(page.rows.map((r) => r.reason)).toEqual(alices);
      expect(page.matchedUser?.username).toBe("Alice");
    }
    const typed = await listAuthenticationLog(helpDesk, { query: q({ user: "nobody" }) });
    expect(typed.rows).toEqual([]);
    expect(typed.matchedUser).toBeNull();
    await log([{ username: "Nobody", createdAt: at(0.5), result: "FAILURE", reason: "unknown_user" }]);
    expect(await reasons(helpDesk, { user: "Nobody" })).toEqual(["unknown_user"]);
    expect(await reasons(helpDesk, { user: "nobody" })).toEqual([]);
    await (await dbReady()).authLog.deleteMany({ where: { username: "Nobody" } });
  });

  it("filters by time range presets and custom ranges", async () => {
    expect(await reasons(helpDesk, { range: "24h" })).toEqual(["valid_password", "sso_session", "invalid_password"]);
    expect(await reasons(helpDesk, { range: "7d" })).toEqual([
      "valid_password",
      "sso_session",
      "invalid_password",
      "user_disabled",
      "unknown_user",
    ]);
    expect(await reasons(helpDesk, { range: "30d" })).toHaveLength(6);
    expect(await reasons(helpDesk, { range: "custom", from: "2026-11-21T00:00", to: "2026-11-21T06:00" })).toEqual([
      "user_disabled",
    ]);
    expect(await reasons(helpDesk, { range: "custom", to: "2026-11-01T00:00" })).toEqual([
      "user_not_in_permitted_group",
    ]);
  });

  it("combines filters (AND)", async () => {
    expect(await reasons(helpDesk, { user: "bob", result: "denied" })).toEqual(["user_disabled"]);
    expect(await reasons(helpDesk, { application: payroll.id, result: "failure", range: "24h" })).toEqual([
      "invalid_password",
    ]);
    expect(
      await reasons(helpDesk, { user: "alice", application: mail.id, reason: "sso_session", range: "7d" }),
    ).toEqual(["sso_session"]);
    expect(await reasons(helpDesk, { user: "alice", result: "failure" })).toEqual([]);
  });
});

describe("keyset paging", () => {
  it("walks rows with equal timestamps without skipping or repeating, with and without a filter", async () => {
    const t = new Date("2026-01-05T10:00:00.000Z");
    const ids = Array.from({ length: 7 }, (_, i) => `zz-tie-${i}`);
    await log(
      ids.map((id) => ({
        id,
        createdAt: t,
        result: "FAILURE",
        reason: "stale_request",
        applicationId: payroll.id,
        applicationName: "Payroll",
      })),
    );
    const filters: Record<string, string>[] = [
      { reason: "stale_request" },
      { application: payroll.id, range: "custom", from: "2026-01-05T10:00", to: "2026-01-05T10:00" },
    ];
    for (const filter of filters) {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 10; i++) {
        const page = await listAuthenticationLog(helpDesk, { query: q(filter), cursor, pageSize: 3 });
        seen.push(...page.rows.map((r) => r.id));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      expect(seen).toEqual([...ids].reverse());
    }
    // Unfiltered: the ties (the oldest rows) come last, each once.
    const all: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listAuthenticationLog(helpDesk, { cursor, pageSize: 2 });
      all.push(...page.rows.map((r) => r.reason));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(all).toHaveLength(14);
    expect(all.slice(7)).toEqual(Array(7).fill("stale_request"));
    await (await dbReady()).authLog.deleteMany({ where: { reason: "stale_request" } });
  });

  it("ignores a malformed cursor (first page)", async () => {
    const page = await listAuthenticationLog(helpDesk, { cursor: "not-a-cursor" });
    expect(page.rows[0]?.reason).toBe("valid_password");
  });
});

describe("event details and filter options", () => {
  it("returns the whole record with the detail pretty-printed and secrets redacted", async () => {
    const [row] = (await listAuthenticationLog(helpDesk, { query: q({ reason: "replayed_request" }) })).rows;
    const event = await getAuthenticationEvent(helpDesk, row!.id);
    expect(event).toMatchObject({
      id: row!.id,
      result: "FAILURE",
      reasonLabel: "Replayed SAML request",
      applicationName: "Mail",
      browser: "Chrome 131",
      os: "Windows 10",
      ip: "198.51.100.7",
    });
    expect(event!.detailPretty).toBe(
      JSON.stringify({ reference: "R-1", password: "[redacted]", nested: { apiKey: "[redacted]" } }, null, 2),
    );
    expect(await getAuthenticationEvent(helpDesk, "missing")).toBeNull();
    expect(await getAuthenticationEvent(helpDesk, "../../etc")).toBeNull();
    expect(prettyDetail("not json")).toBe("not json");
    expect(prettyDetail(null)).toBeNull();
  });

  it("offers applications and every known reason plus the ones present", async () => {
    await log([{ createdAt: at(5), result: "FAILURE", reason: "brand_new_reason" }]);
    const options = await authLogFilterOptions(helpDesk);
    expect(options.applications.map((a) => a.name)).toEqual(["Mail", "Payroll"]);
    const values = options.reasons.map((r) => r.value);
    expect(values).toContain("invalid_passcode");
    expect(values).toContain("brand_new_reason");
    expect(options.reasons.find((r) => r.value === "brand_new_reason")?.label).toBe("Brand new reason");
    await (await dbReady()).authLog.deleteMany({ where: { reason: "brand_new_reason" } });
  });
});
