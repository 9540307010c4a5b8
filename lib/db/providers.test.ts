// The same answers on SQLite and on PostgreSQL (this file runs in both vitest projects; the
// PostgreSQL test cluster's default collation is ICU en-US, as a production server's would be):
// text compares in byte order (prefix ranges, keyset paging, ORDER BY), "never signed in"
// sorts first ascending, and a unique violation names its columns the same way.
import { describe, expect, it } from "vitest";
import { makeApplication } from "@/test/helpers";
import { listApplications } from "./applications";
import { db } from "./client";
import { uniqueViolationFields } from "./errors";
import { insertPolicy } from "./policies";
import { databaseProvider } from "./provider";
import { insertUser, listUserRows, recordUserLogin } from "./users";

describe(`database provider: ${process.env.DATABASE_URL?.startsWith("postgres") ? "postgresql" : "sqlite"}`, () => {
  it("runs on the provider DATABASE_URL names", () => {
    expect(databaseProvider()).toBe(process.env.DATABASE_URL?.startsWith("postgresql://") ? "postgresql" : "sqlite");
  });

  it("sorts and pages text in byte order, whatever the database's collation", async () => {
    // Byte order: "-" (0x2d) < "_" (0x5f) < "b"; a linguistic (ICU/glibc) collation puts "_" first.
    for (const u of ["coll.ab", "coll.a_b", "coll.a-c", "coll.a"]) await insertUser({ username: u });
    const all = await listUserRows({ filter: { prefix: "coll." }, sort: "username", dir: "asc", take: 10 });
    expect(all.map((r) => r.username)).toEqual(["coll.a", "coll.a-c", "coll.a_b", "coll.ab"]);
    // Keyset: one row a page, each page starting after the previous one's last username.
    const paged: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await listUserRows({
        filter: { prefix: "coll." },
        sort: "username",
        dir: "asc",
        take: 1,
        ...(after !== undefined ? { after: { sort: "username" as const, username: after } } : {}),
      });
      if (!page.length) break;
      paged.push(page[0]!.username);
      after = page[0]!.usernameNormalized;
    }
    expect(paged).toEqual(all.map((r) => r.username));
    // A prefix is literal and exact: "coll.a-" is not "coll.a_" and not "coll.ab".
    const dash = await listUserRows({ filter: { prefix: "coll.a-" }, sort: "username", dir: "asc", take: 10 });
    expect(dash.map((r) => r.username)).toEqual(["coll.a-c"]);
    // Upper case sorts before lower case, as SQLite's BINARY does.
    for (const name of ["alpha app", "Zeta app", "Beta app"]) await makeApplication(name);
    const apps = (await listApplications({ sort: "name", dir: "asc" })).map((a) => a.name);
    expect(apps.filter((n) => n.endsWith(" app"))).toEqual(["Beta app", "Zeta app", "alpha app"]);
  });

  it('sorts "never signed in" first ascending and last descending, and pages through it', async () => {
    const ids: Record<string, string> = {};
    for (const u of ["nulls.1", "nulls.2", "nulls.3", "nulls.4"]) ids[u] = (await insertUser({ username: u })).id;
    await recordUserLogin(ids["nulls.2"]!, new Date("2026-01-01T00:00:00Z"));
    await recordUserLogin(ids["nulls.4"]!, new Date("2026-02-01T00:00:00Z"));
    const order = async (dir: "asc" | "desc") => {
      const out: string[] = [];
      let after: { sort: "lastLogin"; lastLoginAt: Date | null; id: string } | undefined;
      for (;;) {
        const page = await listUserRows({
          filter: { prefix: "nulls." },
          sort: "lastLogin",
          dir,
          take: 1,
          ...(after ? { after } : {}),
        });
        if (!page.length) return out;
        out.push(page[0]!.username);
        after = { sort: "lastLogin", lastLoginAt: page[0]!.lastLoginAt, id: page[0]!.id };
      }
    };
    const never = ["nulls.1", "nulls.3"].sort((a, b) => (ids[a]! < ids[b]! ? -1 : 1));
    expect(await order("asc")).toEqual([...never, "nulls.2", "nulls.4"]);
    expect(await order("desc")).toEqual(["nulls.4", "nulls.2", ...[...never].reverse()]);
  });

  it("names the columns of a unique violation, compound ones included", async () => {
    await insertPolicy({ name: "Unique policy", description: null, settings: "{}" });
    const single = await insertPolicy({ name: "Unique policy", description: null, settings: "{}" }).catch((e) => e);
    expect(uniqueViolationFields(single)).toEqual(["name"]);

    const app = await makeApplication("Unique assignment app");
    const policy = await insertPolicy({ name: "Unique assignment policy", description: null, settings: "{}" });
    const client = db();
    const data = { applicationId: app.id, policyId: policy.id, groupId: null, position: 0 };
    const group = await client.group.create({ data: { name: "Unique group", nameNormalized: "unique group" } });
    await client.policyAssignment.create({ data: { ...data, groupId: group.id } });
    const compound = await client.policyAssignment.create({ data: { ...data, groupId: group.id } }).catch((e) => e);
    expect(uniqueViolationFields(compound)).toEqual(["applicationId", "groupId", "policyId"]);
    expect(uniqueViolationFields(new Error("not a database error"))).toBeNull();
  });
});
