import { beforeAll, describe, expect, it } from "vitest";
import { dbReady } from "../db/client";
import { insertUser } from "../db/users";
import { makeAdmin } from "../../test/helpers";
import type { Actor } from "./actor";
import { chartBounds, getAuthenticationChart, getDashboard, getUserStatusCounts } from "./dashboard";

const NOW = new Date("2026-11-22T12:34:00.000Z");
let owner: Actor;

beforeAll(async () => {
  owner = await makeAdmin("OWNER");
  const db = await dbReady();
  const row = (iso: string, result: string) => ({ createdAt: new Date(iso), result, reason: "x" });
  await db.authLog.createMany({
    data: [
      row("2026-11-22T12:00:00.000Z", "SUCCESS"), // current hour, first instant
      row("2026-11-22T12:33:59.999Z", "SUCCESS"),
      row("2026-11-22T11:59:59.999Z", "DENIED"), // previous hour, last instant
      row("2026-11-22T11:00:00.000Z", "FAILURE"),
      row("2026-11-21T13:00:00.000Z", "FAILURE"), // first hour of the 24-hour window
      row("2026-11-21T12:59:59.999Z", "SUCCESS"), // just outside 24 hours
      row("2026-11-16T00:00:00.000Z", "DENIED"), // first 6-hour bucket of 7 days
      row("2026-10-24T08:00:00.000Z", "SUCCESS"), // first day of 30 days
      row("2026-10-23T23:59:59.999Z", "SUCCESS"), // outside 30 days
    ],
  });
  const users = [
    { username: "a1" },
    { username: "a2" },
    { username: "b1", status: "BYPASS" },
    { username: "d1", status: "DISABLED" },
    { username: "d2", status: "DISABLED" },
    { username: "l1", status: "LOCKED_OUT" },
    { username: "gone", status: "DISABLED" },
  ];
  for (const u of users) await insertUser(u);
  await db.user.update({ where: { usernameNormalized: "gone" }, data: { deletedAt: new Date() } });
  await db.user.update({ where: { usernameNormalized: "a1" }, data: { isEnrolled: true } });
});

describe("authentications chart", () => {
  it("aligns buckets to UTC hours, 6 hours and days, the last one holding now", () => {
    const h = chartBounds("24h", NOW);
    expect(h).toHaveLength(25);
    expect(h[0]).toEqual(new Date("2026-11-21T13:00:00.000Z"));
    expect(h[24]).toEqual(new Date("2026-11-22T13:00:00.000Z"));
    expect(chartBounds("7d", NOW)[0]).toEqual(new Date("2026-11-15T18:00:00.000Z"));
    expect(chartBounds("30d", NOW)[0]).toEqual(new Date("2026-10-24T00:00:00.000Z"));
  });

  it("counts each result per bucket, boundaries included once", async () => {
    const c = await getAuthenticationChart(owner, "24h", NOW);
    expect(c.buckets).toHaveLength(24);
    expect(c.buckets[23]!.counts).toEqual({ SUCCESS: 2, DENIED: 0, FAILURE: 0 });
    expect(c.buckets[22]!.counts).toEqual({ SUCCESS: 0, DENIED: 1, FAILURE: 1 });
    expect(c.buckets[0]!.counts).toEqual({ SUCCESS: 0, DENIED: 0, FAILURE: 1 });
    expect(c.totals).toEqual({ SUCCESS: 2, DENIED: 1, FAILURE: 2 });

    const week = await getAuthenticationChart(owner, "7d", NOW);
    expect(week.buckets).toHaveLength(28);
    expect(week.totals).toEqual({ SUCCESS: 3, DENIED: 2, FAILURE: 2 });
    expect(week.buckets[1]!.counts.DENIED).toBe(1); // 2026-11-16T00:00 is the second 6-hour bucket

    const month = await getAuthenticationChart(owner, "30d", NOW);
    expect(month.buckets).toHaveLength(30);
    expect(month.buckets[0]!.counts.SUCCESS).toBe(1);
    expect(month.totals).toEqual({ SUCCESS: 4, DENIED: 2, FAILURE: 2 });
  });
});

describe("users by status", () => {
  it("counts each status and enrollment, leaving deleted users out", async () => {
    const s = await getUserStatusCounts(owner);
    expect(Object.fromEntries(s.statuses.map((x) => [x.label, x.count]))).toEqual({
      Active: 2,
      Bypass: 1,
      Disabled: 2,
      "Locked Out": 1,
    });
    expect([s.enrolled, s.notEnrolled]).toEqual([1, 5]);
  });

  it("shows every part to a Help Desk administrator (dashboard, log and users are theirs to view)", async () => {
    const d = await getDashboard(await makeAdmin("HELP_DESK"), { range: "24h", now: NOW });
    expect(d.chart?.totals).toEqual({ SUCCESS: 2, DENIED: 1, FAILURE: 2 });
    expect(d.userStatus?.statuses.find((x) => x.value === "DISABLED")?.count).toBe(2);
    expect(d.counts.users).toBe(6);
  });
});
