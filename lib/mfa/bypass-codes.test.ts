import { beforeAll, describe, expect, it } from "vitest";
import {
  bypassCodeRequestSchema,
  generateBypassCode,
  hashBypassCode,
  isBypassCodeUsable,
  issueBypassCodes,
  normalizeBypassCode,
  verifyBypassCode,
  type StoredBypassCode,
} from "./bypass-codes";

const now = new Date("2026-05-01T12:00:00Z");
const inMinutes = (m: number) => new Date(now.getTime() + m * 60_000);

describe("generateBypassCode", () => {
  it("makes 9 digits by default and 10 on request", () => {
    expect(generateBypassCode()).toMatch(/^\d{9}$/);
    expect(generateBypassCode(10)).toMatch(/^\d{10}$/);
  });

  it("draws every digit in every position (uniform, leading zeros allowed)", () => {
    const counts = Array.from({ length: 9 }, () => new Array<number>(10).fill(0));
    const n = 3000;
    for (let i = 0; i < n; i++) [...generateBypassCode()].forEach((d, pos) => counts[pos]![Number(d)]!++);
    // Expected 300 per cell; a cell outside 200..400 would be a > 6-sigma event.
    const cells = counts.flat();
    expect(Math.min(...cells)).toBeGreaterThan(200);
    expect(Math.max(...cells)).toBeLessThan(400);
  });

  it("does not repeat", () => {
    const codes = new Set(Array.from({ length: 1000 }, () => generateBypassCode()));
    expect(codes.size).toBe(1000);
  });
});

describe("normalizeBypassCode", () => {
  it.each([
    ["123456789", "123456789"],
    ["1234567890", "1234567890"],
    [" 123 456 789 ", "123456789"],
    ["123-456-789", "123456789"],
    ["012345678", "012345678"],
    ["12345678", null],
    ["12345678901", null],
    ["12345678a", null],
    ["１２３４５６７８９", null], // full-width digits are not digits here
    ["", null],
  ])("%j -> %j", (input, expected) => {
    expect(normalizeBypassCode(input)).toBe(expected);
  });
});

describe("bypassCodeRequestSchema", () => {
  it("defaults to one code, single use, no expiry", () => {
    expect(bypassCodeRequestSchema.parse({})).toEqual({ count: 1, reuseCount: 1, expiresInMinutes: null });
  });

  it.each([
    [{ count: 0 }, "count", "Generate at least 1 code."],
    [{ count: 11 }, "count", "Generate at most 10 codes."],
    [{ reuseCount: 0 }, "reuseCount", "A code can be used at least once."],
    [{ reuseCount: null }, "expiresInMinutes", "A code with unlimited uses must expire."],
    [{ expiresInMinutes: 0 }, "expiresInMinutes", "A code expires after at least 1 minute."],
  ])("refuses %j", (input, path, message) => {
    const r = bypassCodeRequestSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path.join(".")).toBe(path);
    expect(r.error!.issues[0]!.message).toBe(message);
  });

  it("accepts unlimited uses with an expiry", () => {
    expect(bypassCodeRequestSchema.parse({ reuseCount: null, expiresInMinutes: 60 })).toEqual({
      count: 1,
      reuseCount: null,
      expiresInMinutes: 60,
    });
  });
});

describe("isBypassCodeUsable", () => {
  it.each([
    [{ remainingUses: 1, expiresAt: null }, true],
    [{ remainingUses: null, expiresAt: inMinutes(1) }, true],
    [{ remainingUses: 0, expiresAt: null }, false],
    [{ remainingUses: 5, expiresAt: now }, false],
    [{ remainingUses: 5, expiresAt: inMinutes(-1) }, false],
    [{ remainingUses: null, expiresAt: null }, true],
  ])("%j -> %s", (row, expected) => {
    expect(isBypassCodeUsable(row, now)).toBe(expected);
  });
});

describe("issueBypassCodes and verifyBypassCode (argon2id)", () => {
  let issued: Awaited<ReturnType<typeof issueBypassCodes>>;
  let rows: StoredBypassCode[];
  beforeAll(async () => {
    issued = await issueBypassCodes({ count: 3, reuseCount: 2, expiresInMinutes: 60 }, now);
    rows = issued.rows.map((r, i) => ({ ...r, id: `bc-${i}` }));
  });

  it("returns the codes once and stores only argon2id hashes with the uses and expiry", () => {
    expect(issued.codes).toHaveLength(3);
    expect(new Set(issued.codes).size).toBe(3);
    for (const [i, code] of issued.codes.entries()) {
      expect(code).toMatch(/^\d{9}$/);
      expect(issued.rows[i]!.codeHash).toMatch(/^\$argon2id\$/);
      expect(issued.rows[i]!.codeHash).not.toContain(code);
      expect(issued.rows[i]).toMatchObject({ remainingUses: 2, expiresAt: inMinutes(60) });
    }
  });

  it("finds which code matched and what to write", async () => {
    expect(await verifyBypassCode(rows, issued.codes[1]!, now)).toEqual({
      ok: true,
      codeId: "bc-1",
      usedUp: false,
      update: { id: "bc-1", whereRemainingUses: 2, setRemainingUses: 1 },
    });
    expect(
      await verifyBypassCode(rows, ` ${issued.codes[2]!.slice(0, 3)}-${issued.codes[2]!.slice(3)} `, now),
    ).toMatchObject({ ok: true, codeId: "bc-2" });
  });

  it("refuses a wrong, malformed or expired code", async () => {
    const wrong = issued.codes[0] === "000000000" ? "000000001" : "000000000";
    expect(await verifyBypassCode(rows, wrong, now)).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyBypassCode(rows, "12345", now)).toEqual({ ok: false, reason: "malformed" });
    expect(await verifyBypassCode(rows, issued.codes[0]!, inMinutes(60))).toEqual({
      ok: false,
      reason: "no_usable_code",
    });
    expect(await verifyBypassCode([], issued.codes[0]!, now)).toEqual({ ok: false, reason: "no_usable_code" });
  });

  it("a single-use code works once and is refused the second time", async () => {
    const code = "123456789";
    let row: StoredBypassCode = { id: "once", codeHash: await hashBypassCode(code), remainingUses: 1, expiresAt: null };
    const first = await verifyBypassCode([row], code, now);
    expect(first).toEqual({
      ok: true,
      codeId: "once",
      usedUp: true,
      update: { id: "once", whereRemainingUses: 1, setRemainingUses: 0 },
    });
    if (first.ok && first.update) row = { ...row, remainingUses: first.update.setRemainingUses };
    expect(await verifyBypassCode([row], code, now)).toEqual({ ok: false, reason: "no_usable_code" });
  });

  it("an unlimited code needs no write and works until it expires", async () => {
    const code = "9876543210";
    const row: StoredBypassCode = {
      id: "unl",
      codeHash: await hashBypassCode(code),
      remainingUses: null,
      expiresAt: inMinutes(10),
    };
    expect(await verifyBypassCode([row], code, now)).toEqual({ ok: true, codeId: "unl", usedUp: false, update: null });
    expect(await verifyBypassCode([row], code, inMinutes(9))).toMatchObject({ ok: true });
    expect(await verifyBypassCode([row], code, inMinutes(10))).toEqual({ ok: false, reason: "no_usable_code" });
  });

  it("ignores used-up rows even when the code matches", async () => {
    const used = { ...rows[0]!, remainingUses: 0 };
    expect(await verifyBypassCode([used, rows[1]!], issued.codes[0]!, now)).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses to hash something that is not a code", async () => {
    await expect(hashBypassCode("abc")).rejects.toThrow(/9 or 10 digits/);
  });
});
