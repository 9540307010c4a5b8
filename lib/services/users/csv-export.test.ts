import { describe, expect, it } from "vitest";
import { dbReady } from "../../db/client";
import { insertGroup, insertUser } from "../../db/users";
import { listAuditEntries } from "../../db/admin-audit-log";
import { makeAdmin } from "../../../test/helpers";
import { exportFileName, exportRecord, exportUsersCsv } from "./csv-export";
import { neutralizeFormula } from "./csv-format";
import { parseUsersCsv, previewUserImport } from "./csv-import";

async function collect(gen: AsyncGenerator<string>) {
  const parts: string[] = [];
  for await (const p of gen) parts.push(p);
  return parts;
}

describe("export", () => {
  it("neutralizes cells a spreadsheet would run as formulas (OWASP)", () => {
    for (const c of ["=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]) expect(neutralizeFormula(c)).toBe(`'${c}`);
    for (const c of ["plain", "a=b", "", "1-2"]) expect(neutralizeFormula(c)).toBe(c);
    expect(
      exportRecord({
        username: "=cmd|' /C calc'!A0",
        email: null,
        realName: "@evil",
        aliases: ["-a", "b"],
        groups: ["+G"],
        status: "LOCKED_OUT",
      }),
    ).toEqual(["'=cmd|' /C calc'!A0", "", "'@evil", "'-a;b", "'+G", "Locked Out"]);
    expect(exportFileName(new Date("2026-11-22T08:00:00Z"))).toBe("portcullis-users-2026-11-22.csv");
  });

  it("streams every user (not the trash) in batches, quoted as CSV, and the file imports again unchanged", async () => {
    const owner = await makeAdmin("OWNER");
    const g = await insertGroup({ name: "Sales, EMEA" });
    await insertUser({
      username: "=danger",
      email: "d@x.example",
      realName: 'Quote "Q" Person',
      aliases: ["d1", "d2"],
      groupIds: [g.id],
    });
    for (let i = 0; i < 7; i++)
      await insertUser({ username: `user${i}`, realName: `Ünïcode ${i}`, status: i === 0 ? "BYPASS" : "ACTIVE" });
    const trashed = await insertUser({ username: "in.trash" });
    await (await dbReady()).user.update({ where: { id: trashed.id }, data: { deletedAt: new Date() } });

    const parts = await collect(exportUsersCsv(owner, 3));
    expect(parts.length).toBe(1 + 3); // header, then batches of 3, 3, 2
    const text = parts.join("");
    expect(text.startsWith("\uFEFFusername,email,realname,aliases,groups,status\r\n")).toBe(true);
    expect(text).toContain(`'=danger,d@x.example,"Quote ""Q"" Person",d1;d2,"Sales, EMEA",Active\r\n`);
    expect(text).toContain("user0,,Ünïcode 0,,,Bypass\r\n");
    expect(text).not.toContain("in.trash");

    const rows = parseUsersCsv(new TextEncoder().encode(text));
    expect(rows.map((r) => r.cells.username)).toEqual(["=danger", ...Array.from({ length: 7 }, (_, i) => `user${i}`)]);
    const p = await previewUserImport(owner, { name: "export.csv", bytes: new TextEncoder().encode(text) });
    expect(p.counts).toEqual({ create: 0, update: 0, unchanged: 8, error: 0 });
    expect(p.token).toBeNull(); // nothing to import
    expect((await listAuditEntries({ limit: 5, action: "user.export" })).length).toBe(1);
  });

  it("is open to every role that views users (all of Duo's roles, Help Desk and Read-only included)", async () => {
    for (const role of ["HELP_DESK", "READ_ONLY", "APPLICATION_MANAGER"] as const) {
      const [header] = await collect(exportUsersCsv(await makeAdmin(role)));
      expect(header).toBe("\uFEFFusername,email,realname,aliases,groups,status\r\n");
    }
  });
});
