import * as crypto from "node:crypto";
import { describe, expect, it, vi } from "vitest";

vi.mock("node:crypto", async (original) => {
  const actual = await original<typeof import("node:crypto")>();
  return { ...actual, randomFillSync: vi.fn(actual.randomFillSync) };
});

const { randomIdBytes } = await import("./random");

describe("randomIdBytes", () => {
  it("gives n bytes, a copy that later draws do not change", () => {
    const a = randomIdBytes(21);
    const copy = Buffer.from(a);
    expect(a).toHaveLength(21);
    for (let i = 0; i < 400; i++) randomIdBytes(21); // past a refill of the pool
    expect(a.equals(copy)).toBe(true);
  });

  it("never gives the same bytes twice, across many refills of the pool", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) seen.add(randomIdBytes(16).toString("hex"));
    expect(seen.size).toBe(20_000);
  });

  it("draws from the CSPRNG once per 4 KiB, and refills rather than hand out a short draw", () => {
    const fill = vi.mocked(crypto.randomFillSync);
    // Draw until the pool is refilled: this draw took its first 256 bytes.
    fill.mockClear();
    while (fill.mock.calls.length === 0) randomIdBytes(256);
    fill.mockClear();
    for (let i = 0; i < 15; i++) expect(randomIdBytes(256)).toHaveLength(256); // the rest of it
    expect(fill).not.toHaveBeenCalled();
    expect(randomIdBytes(21)).toHaveLength(21); // nothing left: a fresh pool, not a short draw
    expect(fill).toHaveBeenCalledTimes(1);
    // 4,075 bytes remain: 194 more draws of 21 fit, the next needs a fresh pool.
    for (let i = 0; i < 194; i++) randomIdBytes(21);
    expect(fill).toHaveBeenCalledTimes(1);
    expect(randomIdBytes(21)).toHaveLength(21);
    expect(fill).toHaveBeenCalledTimes(2);
  });

  it("spreads its bytes over all 256 values", () => {
    const counts = new Array(256).fill(0);
    for (let i = 0; i < 2_000; i++) for (const b of randomIdBytes(32)) counts[b]++;
    // 64,000 bytes: 250 of each value expected; a fixed or broken source misses this by far.
    expect(Math.min(...counts)).toBeGreaterThan(150);
    expect(Math.max(...counts)).toBeLessThan(360);
  });

  it("refuses a size it was not made for", () => {
    for (const n of [0, -1, 1.5, 257, Number.NaN]) expect(() => randomIdBytes(n)).toThrow(RangeError);
  });
});
