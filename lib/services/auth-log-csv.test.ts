import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { dbReady } from "../db/client";
import { makeAdmin, makeApplication } from "../../test/helpers";
import type { Actor } from "./actor";
import { CSV_COLUMNS, csvFileName, exportAuthenticationLogCsv, safeCell } from "./auth-log-csv";
import { parseAuthLogFilters } from "./auth-log-filters";

let actor: Actor;
let app: { id: string };

async function csvOf(params: Record<string, string>, batchSize?: number): Promise<string[][]> {
  let text = "";
  for await (const chunk of exportAuthenticationLogCsv(actor, parseAuthLogFilters(params).query, { batchSize }))
    text += chunk;
  expect(text.startsWith("\uFEFF")).toBe(true);
  return parse(text.slice(1), { relax_column_count: false }) as string[][];
}

beforeAll(async () => {
  actor = await makeAdmin("READ_ONLY");
  app = await makeApplication('Payroll, "EU"');
  const db = await dbReady();
  const base = new Date("2026-11-20T10:00:00.000Z").getTime();
  await db.authLog.createMany({
    data: [
      {
        createdAt: new Date(base),
        username: '=HYPERLINK("http://evil.example","x")',
        applicationId: app.id,
        applicationName: 'Payroll, "EU"',
        result: "FAILURE",
        reason: "unknown_user",
        factor: "password",
        ip: "203.0.113.9",
        userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
      },
      {
        createdAt: new Date(base + 1000),
        username: "line\nbreak",
        result: "FAILURE",
        reason: "unknown_user",
        factor: "password",
        ip: "203.0.113.9",
      },
      {
        createdAt: new Date(base + 2000),
        username: "+cmd",
        result: "SUCCESS",
        reason: "valid_password",
        factor: "password",
        ip: "2001:db8::1",
      },
      ...Array.from({ length: 7 }, (_, i) => ({
        createdAt: new Date(base + 3000 + i),
        username: `user${i}`,
        result: "DENIED",
        reason: "user_disabled",
        factor: "password",
      })),
    ],
  });
});

describe("Authentication Log CSV export", () => {
  it("writes a header and every row, newest first, across keyset batches", async () => {
    const rows = await csvOf({}, 3);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(11);
    expect(rows.slice(1, 8).map((r) => r[1])).toEqual(["user6", "user5", "user4", "user3", "user2", "user1", "user0"]);
    expect(rows[1]).toEqual([
      expect.stringMatching(/^2026-11-20T10:00:03\.006Z$/),
      "user6",
      "",
      "Denied",
      "User disabled",
      "user_disabled",
      "Password",
      "",
      "",
      "",
      "",
      expect.any(String),
    ]);
  });

  it("escapes commas, quotes and newlines, and neutralises formulas", async () => {
    const rows = await csvOf({ reason: "unknown_user" });
    expect(rows.slice(1).map((r) => [r[1], r[2], r[8]])).toEqual([
      ["line\nbreak", "", ""],
      [`'=HYPERLINK("http://evil.example","x")`, 'Payroll, "EU"', "Firefox 128 on Linux"],
    ]);
    const success = await csvOf({ result: "success" });
    expect(success.slice(1).map((r) => [r[1], r[7]])).toEqual([["'+cmd", "2001:db8::1"]]);
  });

  it("respects the filters and records the export in the Administrator Log", async () => {
    expect((await csvOf({ application: app.id })).slice(1).map((r) => r[3])).toEqual(["Failure"]);
    expect(
      await csvOf({ result: "denied", range: "custom", from: "2026-11-20T10:00", to: "2026-11-20T10:00" }),
    ).toHaveLength(8);
    expect(await csvOf({ user: "nobody-at-all" })).toHaveLength(1);
    const audit = await (await dbReady()).adminAuditLog.findMany({ where: { action: "authlog.export" } });
    expect(audit.length).toBeGreaterThanOrEqual(5);
    expect(audit.every((a) => a.adminId === actor.adminId)).toBe(true);
  });

  it("neutralises every formula lead character and names the file by time", () => {
    expect(["=1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "plain", ""].map(safeCell)).toEqual([
      "'=1",
      "'+1",
      "'-1",
      "'@SUM(A1)",
      "'\tx",
      "'\rx",
      "plain",
      "",
    ]);
    expect(safeCell(null)).toBe("");
    expect(csvFileName(new Date("2026-11-22T08:09:10.123Z"))).toBe("authentication-log-2026-11-22-08-09-10.csv");
  });
});
