import { createHash } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { dbReady } from "../../db/client";
import { insertGroup, insertUser } from "../../db/users";
import { writeUserImport } from "../../db/user-csv";
import { listAuditEntries } from "../../db/admin-audit-log";
import { makeAdmin, thrown } from "../../../test/helpers";
import { commitUserImport, importProgress, parseUsersCsv, previewUserImport, type ImportPreview } from "./csv-import";
import { CSV_TEMPLATE, MAX_IMPORT_ROWS } from "./csv-format";

const HEADER = "username,email,realname,aliases,groups,status";
const file = (text: string, name = "users.csv") => ({ name, bytes: new TextEncoder().encode(text) });
const csv = (...rows: string[]) => [HEADER, ...rows].join("\n") + "\n";
const problemsOf = (p: ImportPreview, line: number) => p.rows.find((r) => r.line === line)?.problems ?? [];

beforeEach(async () => {
  const db = await dbReady();
  await db.user.deleteMany();
  await db.group.deleteMany();
  await db.adminAuditLog.deleteMany();
});

describe("parsing", () => {
  it("reads the header in any order, strips a BOM, keeps quoted commas and semicolons", () => {
    const text =
      '\uFEFFStatus,USERNAME,email,realname,aliases,groups\r\nbypass,jsmith,j@x.example,"Smith, Jane","a1;a2","G1; G2"\r\n';
    const rows = parseUsersCsv(new TextEncoder().encode(text));
    expect(rows).toEqual([
      {
        line: 2,
        cellCount: 6,
        cells: {
          username: "jsmith",
          email: "j@x.example",
          realname: "Smith, Jane",
          aliases: "a1;a2",
          groups: "G1; G2",
          status: "bypass",
        },
      },
    ]);
  });

  it("undoes the export's formula quote", () => {
    const rows = parseUsersCsv(new TextEncoder().encode(csv(`'-dash,,'=SUM(1),,,`)));
    expect(rows[0]!.cells).toMatchObject({ username: "-dash", realname: "=SUM(1)" });
  });

  it("refuses files that are not a users CSV, with the reason", async () => {
    const msg = async (text: string | Uint8Array) =>
      ((await thrown(() => parseUsersCsv(typeof text === "string" ? new TextEncoder().encode(text) : text))) as Error)
        .message;
    expect(await msg("")).toMatch(/empty/);
    expect(await msg("user,email\nx,y\n")).toMatch(/header .*missing “username”.*unknown “user”/);
    expect(await msg(HEADER + "\n")).toMatch(/no users/);
    expect(await msg(new Uint8Array([0x75, 0xff, 0xfe, 0x0a]))).toMatch(/not UTF-8/);
    expect(await msg(HEADER + '\n"unclosed,,,,,\n')).toMatch(/not valid CSV/);
    expect(await msg(new Uint8Array(5 * 1024 * 1024 + 1))).toMatch(/larger than 5 MB/);
    const many = [HEADER, ...Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `u${i},,,,,`)].join("\n");
    expect(await msg(many)).toMatch(/more than 20,000 users/);
  });

  it("the downloadable template imports", async () => {
    const owner = await makeAdmin("OWNER");
    await insertGroup({ name: "Engineering" });
    await insertGroup({ name: "Contractors" });
    const p = await previewUserImport(owner, file(CSV_TEMPLATE));
    expect(p.counts).toEqual({ create: 2, update: 0, unchanged: 0, error: 0 });
  });
});

describe("preview verdicts", () => {
  it("explains every bad row and issues no token, so nothing can be imported", async () => {
    const owner = await makeAdmin("OWNER");
    await insertGroup({ name: "Staff" });
    await insertUser({ username: "taken.owner", aliases: ["taken-alias"] });
    await (
      await dbReady()
    ).user.update({
      where: { id: (await insertUser({ username: "trashed.user" })).id },
      data: { deletedAt: new Date() },
    });
    const p = await previewUserImport(
      owner,
      file(
        csv(
          "good.one,good@x.example,Good One,,Staff,active", // 2
          ",nobody@x.example,,,,", // 3 missing username
          "bad.email,not-an-email,,,,", // 4
          "bad.status,,,,,sleeping", // 5
          "alias.taken,,,taken-alias,,", // 6
          "dup.alias.a,,,shared,,", // 7
          "dup.alias.b,,,shared,,", // 8
          "no.group,,,,Nope;Staff,", // 9
          "many.aliases,,,a1;a2;a3;a4;a5;a6;a7;a8;a9,,", // 10
          "twice,,,,,", // 11
          "TWICE,,,,,", // 12
          "short,row", // 13
          "trashed.user,,,,,", // 14
          "new.locked,,,,,locked out", // 15
          "alias.is.user,,,taken.owner,,", // 16
        ),
      ),
    );
    expect(p.token).toBeNull();
    expect(p.counts).toEqual({ create: 1, update: 0, unchanged: 0, error: 14 });
    expect(problemsOf(p, 3)).toEqual(["Username is missing."]);
    expect(problemsOf(p, 4)).toEqual(["Email “not-an-email” is not a valid email address."]);
    expect(problemsOf(p, 5)).toEqual(["Status “sleeping” is not one of Active, Bypass or Disabled."]);
    expect(problemsOf(p, 6)).toEqual(["Alias “taken-alias” already belongs to user “taken.owner”."]);
    expect(problemsOf(p, 7)).toEqual(["Alias “shared” is also an alias on line 8."]);
    expect(problemsOf(p, 8)).toEqual(["Alias “shared” is also an alias on line 7."]);
    expect(problemsOf(p, 9)).toEqual(["Group “Nope” does not exist. Create it on the Groups page first."]);
    expect(problemsOf(p, 10)).toEqual(["Has 9 aliases; a user has at most 8."]);
    expect(problemsOf(p, 11)).toEqual(["Username “twice” is also on line 12."]);
    expect(problemsOf(p, 12)).toEqual(["Username “TWICE” is also on line 11."]);
    expect(problemsOf(p, 13)[0]).toMatch(/^This row has 2 cells; the header has 6/);
    expect(problemsOf(p, 14)).toEqual(["User “trashed.user” is in the trash. Restore it or empty the trash first."]);
    expect(problemsOf(p, 15)).toEqual(["A new user cannot be imported as Locked Out."]);
    expect(problemsOf(p, 16)).toEqual(["Alias “taken.owner” is the username of another user."]);
    expect(p.rows.find((r) => r.line === 2)).toMatchObject({ verdict: "create", problems: [] });
    expect(await (await dbReady()).user.count()).toBe(2); // only the two made above
  });

  it("updates existing users: filled cells replace, empty cells keep, groups are added", async () => {
    const owner = await makeAdmin("OWNER");
    const a = await insertGroup({ name: "A" });
    const b = await insertGroup({ name: "B" });
    const u = await insertUser({
      username: "Kim",
      email: "kim@old.example",
      realName: "Kim Old",
      aliases: ["kimmy"],
      groupIds: [a.id],
    });
    await insertUser({ username: "same", email: "same@x.example" });
    const p = await previewUserImport(
      owner,
      file(csv("kim,kim@new.example,,kimmy;kk,B,disabled", "same,same@x.example,,,,", "fresh,,,,A;b,")),
    );
    expect(p.rows.map((r) => [r.username, r.verdict, r.changes])).toEqual([
      ["Kim", "update", ["email", "status to Disabled", "aliases", "added to 1 group"]],
      ["same", "unchanged", []],
      ["fresh", "create", []],
    ]);
    expect(p.token).toBeTruthy();
    const r = await commitUserImport(owner, p.token!, p.sha256);
    expect(r).toEqual({ ok: true, created: 1, updated: 1, unchanged: 1 });
    const db = await dbReady();
    const kim = await db.user.findUniqueOrThrow({ where: { id: u.id }, include: { aliases: true, memberships: true } });
    expect(kim).toMatchObject({
      username: "Kim",
      email: "kim@new.example",
      emailNormalized: "kim@new.example",
      realName: "Kim Old",
      status: "DISABLED",
    });
    expect(kim.aliases.map((x) => x.alias).sort()).toEqual(["kimmy", "kk"]);
    expect(kim.memberships.map((m) => m.groupId).sort()).toEqual([a.id, b.id].sort());
    const fresh = await db.user.findUniqueOrThrow({
      where: { usernameNormalized: "fresh" },
      include: { memberships: true },
    });
    expect(fresh).toMatchObject({ status: "ACTIVE", isEnrolled: false, email: null });
    expect(fresh.memberships).toHaveLength(2);
    const [entry] = await listAuditEntries({ limit: 5, action: "user.import" });
    expect(JSON.parse(entry!.after!)).toEqual({
      file: "users.csv",
      sha256: p.sha256,
      rows: 3,
      created: 1,
      updated: 1,
      unchanged: 1,
    });
    // The token is used up.
    expect(await thrown(() => commitUserImport(owner, p.token!, p.sha256))).toMatchObject({ code: "conflict" });
  });
});

describe("the import", () => {
  it("is tied to the previewed file and to the administrator who previewed it", async () => {
    const owner = await makeAdmin("OWNER");
    const other = await makeAdmin("ADMINISTRATOR");
    const p = await previewUserImport(owner, file(csv("one,,,,,")));
    expect(await thrown(() => commitUserImport(owner, p.token!, "0".repeat(64)))).toMatchObject({
      code: "conflict",
      message: expect.stringContaining("does not match"),
    });
    expect(await thrown(() => commitUserImport(other, p.token!, p.sha256))).toMatchObject({ code: "conflict" });
    expect(await (await dbReady()).user.count()).toBe(0);
  });

  it("re-checks at import time: a row that became bad since the preview stops everything", async () => {
    const owner = await makeAdmin("OWNER");
    const p = await previewUserImport(owner, file(csv("first,,,,,", "second,,,late-alias,,", "third,,,,,")));
    expect(p.token).toBeTruthy();
    await insertUser({ username: "someone.else", aliases: ["late-alias"] });
    const r = await commitUserImport(owner, p.token!, p.sha256);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(problemsOf(r.preview, 3)).toEqual(["Alias “late-alias” already belongs to user “someone.else”."]);
    expect(await (await dbReady()).user.count()).toBe(1);
  });

  it("is one transaction: a failure in a later batch leaves no user, alias or membership behind", async () => {
    const g = await insertGroup({ name: "T" });
    const creates = Array.from({ length: 1200 }, (_, i) => ({
      username: `bulk${i}`,
      email: null,
      realName: null,
      status: "ACTIVE",
      aliases: [`bulk-alias-${i}`],
      groupIds: [g.id],
    }));
    creates[1100] = { ...creates[1100]!, username: "BULK5" }; // collides with bulk5 in the third batch
    await expect(writeUserImport(creates, [])).rejects.toMatchObject({ code: "P2002" });
    const db = await dbReady();
    expect([await db.user.count(), await db.userAlias.count(), await db.groupMember.count()]).toEqual([0, 0, 0]);
  });

  it("only users:manage may preview or import; progress is reported", async () => {
    for (const role of ["HELP_DESK", "READ_ONLY", "APPLICATION_MANAGER"] as const) {
      const a = await makeAdmin(role);
      expect(await thrown(() => previewUserImport(a, file(csv("x,,,,,"))))).toMatchObject({ code: "forbidden" });
    }
    const um = await makeAdmin("USER_MANAGER");
    const p = await previewUserImport(um, file(csv("um.created,,,,,")));
    await commitUserImport(um, p.token!, p.sha256);
    expect(await importProgress(um, p.token!)).toEqual({ total: 1, done: 1, finished: true });
    expect(await importProgress(await makeAdmin("USER_MANAGER"), p.token!)).toBeNull();
  });

  it("keeps the preview in the database (hashed token), so another worker or instance imports it", async () => {
    const um = await makeAdmin("USER_MANAGER");
    const p = await previewUserImport(um, file(csv("shared.preview,,,,,")));
    const rows = await (await dbReady()).userImportPreview.findMany();
    expect(rows.map((r) => r.tokenHash)).toContain(createHash("sha256").update(p.token!).digest("hex"));
    expect(rows.map((r) => r.tokenHash)).not.toContain(p.token);
    expect(await commitUserImport(um, p.token!, p.sha256)).toMatchObject({ ok: true, created: 1 });
    // Imported once: the stored preview now holds only its progress.
    expect(await thrown(() => commitUserImport(um, p.token!, p.sha256))).toMatchObject({ code: "conflict" });
    const hash = createHash("sha256").update(p.token!).digest("hex");
    const after = await (await dbReady()).userImportPreview.findUnique({ where: { tokenHash: hash } });
    expect(after).toMatchObject({ finished: true, rows: "[]", total: 1, done: 1 });
  });
});
