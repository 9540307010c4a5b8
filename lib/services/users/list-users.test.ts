import { beforeAll, describe, expect, it } from "vitest";
import { makeAdmin } from "@/test/helpers";
import { ROLES } from "@/lib/authz";
import { insertGroup, insertUser, listUserRows } from "@/lib/db/users";
import { insertAuthenticator } from "@/lib/db/authenticators";
import { dbReady } from "@/lib/db/client";
import { softDeleteUser } from "@/lib/db/user-trash";
import type { AdminActor as Actor } from "@/lib/services/actor";
import { decodeUserCursor, listUsers, listUsersQuerySchema } from "./list-users";

let admin: Actor;
let groupA: string;
let groupB: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  admin = await makeAdmin("READ_ONLY");
  groupA = (await insertGroup({ name: "Alpha" })).id;
  groupB = (await insertGroup({ name: "Beta" })).id;
  // 30 users: u00..u29; every third in Alpha, the rest in Beta; some enrolled, statuses vary.
  for (let i = 0; i < 30; i++) {
    const n = String(i).padStart(2, "0");
    const u = await insertUser({
      username: `User${n}`,
      email: `person${n}@Example.com`,
      realName: `Person ${n}`,
      status: i % 5 === 0 ? "DISABLED" : i % 7 === 0 ? "BYPASS" : "ACTIVE",
      aliases: i === 4 ? ["zeta.alias"] : [],
      groupIds: i % 3 === 0 ? [groupA, groupB] : [groupB],
    });
    ids[n] = u.id;
    if (i % 2 === 0) await insertAuthenticator(u.id, { type: "TOTP", name: "Phone", secretSealed: "x" });
  }
  const db = await dbReady();
  // Last logins: u10 newest, then descending; u20.. never.
  for (let i = 0; i < 20; i++)
    await db.user.update({
      where: { id: ids[String(i).padStart(2, "0")]! },
      data: { lastLoginAt: new Date(Date.UTC(2026, 0, 1 + ((i + 10) % 20))) },
    });
  const gone = await insertUser({ username: "User99", email: "gone@example.com" });
  await softDeleteUser(gone.id);
});

const names = (p: { rows: { username: string }[] }) => p.rows.map((r) => r.username);

async function walk(query: Record<string, string>, size: number) {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 50; i++) {
    const page = await listUsers(admin, { ...query, cursor }, size);
    seen.push(...names(page));
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return seen;
}

describe("listUsers", () => {
  it("lists live users by username A→Z with their groups, enrollment and status; deleted users are not listed", async () => {
    const page = await listUsers(admin, {}, 5);
    expect(names(page)).toEqual(["User00", "User01", "User02", "User03", "User04"]);
    expect(page.rows[0]).toMatchObject({
      email: "person00@Example.com",
      realName: "Person 00",
      status: "DISABLED",
      isEnrolled: true,
    });
    expect(page.rows[0]!.groups.map((g) => g.name)).toEqual(["Alpha", "Beta"]);
    expect(page.rows[1]!.isEnrolled).toBe(false);
    expect(page.nextCursor).toBeTruthy();
    const all = await walk({}, 7);
    expect(all).toHaveLength(30);
    expect(all).not.toContain("User99");
  });

  it("pages with keyset cursors without gaps or repeats, in each sort and direction", async () => {
    for (const [sort, dir] of [
      ["username", "desc"],
      ["status", "asc"],
      ["status", "desc"],
      ["lastLogin", "desc"],
      ["lastLogin", "asc"],
    ] as const) {
      const whole = names(await listUsers(admin, { sort, dir }, 100));
      expect(await walk({ sort, dir }, 4), `${sort} ${dir}`).toEqual(whole);
      expect(new Set(whole).size).toBe(30);
    }
    const byLogin = names(await listUsers(admin, { sort: "lastLogin", dir: "desc" }, 3));
    expect(byLogin).toEqual(["User09", "User08", "User07"]);
    const byStatus = (await listUsers(admin, { sort: "status", dir: "asc" }, 100)).rows.map((r) => r.status);
    expect(byStatus).toEqual([...byStatus].sort());
  });

  it("searches by username, email and alias prefix, case-insensitively", async () => {
    expect(names(await listUsers(admin, { q: "user1" }, 100))).toEqual([
      "User10",
      "User11",
      "User12",
      "User13",
      "User14",
      "User15",
      "User16",
      "User17",
      "User18",
      "User19",
    ]);
    expect(names(await listUsers(admin, { q: "PERSON2" }, 100))).toHaveLength(10);
    expect(names(await listUsers(admin, { q: "zeta" }, 100))).toEqual(["User04"]);
    expect(names(await listUsers(admin, { q: "person03@example.com" }, 100))).toEqual(["User03"]);
    // A prefix, not a substring.
    expect(names(await listUsers(admin, { q: "ser1" }, 100))).toEqual([]);
    expect(names(await listUsers(admin, { q: "gone" }, 100))).toEqual([]);
  });

  it("filters by status, enrollment and group, combined with search and paging", async () => {
    expect(names(await listUsers(admin, { status: "DISABLED" }, 100))).toEqual([
      "User00",
      "User05",
      "User10",
      "User15",
      "User20",
      "User25",
    ]);
    expect(names(await listUsers(admin, { status: "BYPASS" }, 100))).toEqual(["User07", "User14", "User21", "User28"]);
    expect((await listUsers(admin, { enrollment: "enrolled" }, 100)).rows.every((r) => r.isEnrolled)).toBe(true);
    expect(names(await listUsers(admin, { enrollment: "not_enrolled" }, 100))).toHaveLength(15);
    expect(names(await listUsers(admin, { group: groupA }, 100))).toEqual([
      "User00",
      "User03",
      "User06",
      "User09",
      "User12",
      "User15",
      "User18",
      "User21",
      "User24",
      "User27",
    ]);
    expect(await walk({ group: groupA, enrollment: "enrolled" }, 2)).toEqual([
      "User00",
      "User06",
      "User12",
      "User18",
      "User24",
    ]);
    expect(names(await listUsers(admin, { q: "user2", status: "DISABLED", group: groupB }, 100))).toEqual([
      "User20",
      "User25",
    ]);
  });

  it("lists a large group (walking the sort index) like a small one (from its member ids)", async () => {
    for (const dir of ["asc", "desc"] as const) {
      const query = { filter: { groupId: groupA }, sort: "username" as const, dir, take: 100 };
      const small = await listUserRows(query);
      const large = await listUserRows({ ...query, smallGroup: 3 });
      expect(large.map((r) => r.username)).toEqual(small.map((r) => r.username));
      expect(small).toHaveLength(10);
    }
  });

  it("reads bad URL values as no filter, and ignores a cursor made for another sort", async () => {
    expect(listUsersQuerySchema.parse({ status: "EVIL", sort: "password", dir: "up", enrollment: "x", q: "" })).toEqual(
      {},
    );
    expect(names(await listUsers(admin, { status: "nope" }, 3))).toEqual(["User00", "User01", "User02"]);
    const page = await listUsers(admin, { sort: "status" }, 3);
    expect(decodeUserCursor(page.nextCursor!, "username")).toBeUndefined();
    expect(names(await listUsers(admin, { cursor: page.nextCursor! }, 3))).toEqual(["User00", "User01", "User02"]);
    expect(names(await listUsers(admin, { cursor: "%%%garbage" }, 2))).toEqual(["User00", "User01"]);
  });

  it("is open to every administrator role (all hold users:view)", async () => {
    for (const role of ROLES) expect((await listUsers({ ...admin, role }, {}, 1)).rows).toHaveLength(1);
  });
});
