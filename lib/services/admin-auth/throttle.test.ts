import { describe, expect, it } from "vitest";
import { readThrottle } from "../../db/throttle";
import {
  accountLockDelayMs,
  IP_MAX_FAILURES,
  IP_WINDOW_MS,
  isAddressBlocked,
  recordAddressFailure,
  resetAddress,
} from "./throttle";

const MIN = 60_000;

describe("accountLockDelayMs", () => {
  it.each([
    [-1, 0],
    [0, 0],
    [1, 0],
    [4, 0],
    [5, 30_000],
    [6, 60_000],
    [7, 2 * MIN],
    [8, 4 * MIN],
    [9, 8 * MIN],
    [10, 15 * MIN], // 16 min, capped
    [11, 15 * MIN],
    [50, 15 * MIN],
    [10_000, 15 * MIN],
  ])("after %i consecutive failures locks for %i ms", (failures, expected) => {
    expect(accountLockDelayMs(failures)).toBe(expected);
  });
});

describe("per-address throttling (real database)", () => {
  const t0 = new Date("2030-01-01T12:00:00Z");
  const at = (ms: number) => new Date(t0.getTime() + ms);

  it("uses the documented limits", () => {
    expect(IP_MAX_FAILURES).toBe(20);
    expect(IP_WINDOW_MS).toBe(15 * MIN);
  });

  it("blocks an address after 20 failures within the window, for 15 minutes, and only that address", async () => {
    const ip = "198.51.100.1";
    for (let i = 0; i < IP_MAX_FAILURES - 1; i++) await recordAddressFailure(ip, at(i * 1000));
    expect(await isAddressBlocked(ip, at(19_000))).toBe(false);
    expect((await readThrottle(`ip:${ip}`))?.failures).toBe(19);

    await recordAddressFailure(ip, at(19_000));
    expect(await isAddressBlocked(ip, at(19_000))).toBe(true);
    expect(await isAddressBlocked(ip, at(19_000 + 15 * MIN - 1))).toBe(true);
    expect(await isAddressBlocked(ip, at(19_000 + 15 * MIN + 1))).toBe(false);
    expect(await isAddressBlocked("198.51.100.2", at(19_000))).toBe(false);
  });

  it("starts a new window when the current one is older than 15 minutes", async () => {
    const ip = "198.51.100.3";
    for (let i = 0; i < IP_MAX_FAILURES - 1; i++) await recordAddressFailure(ip, t0);
    const later = at(15 * MIN + 1000);
    await recordAddressFailure(ip, later);
    expect(await isAddressBlocked(ip, later)).toBe(false);
    const row = await readThrottle(`ip:${ip}`);
    expect(row?.failures).toBe(1);
    expect(row?.windowStart.getTime()).toBe(later.getTime());

    // The new window needs its own 20 failures.
    for (let i = 0; i < IP_MAX_FAILURES - 2; i++) await recordAddressFailure(ip, later);
    expect(await isAddressBlocked(ip, later)).toBe(false);
    await recordAddressFailure(ip, later);
    expect(await isAddressBlocked(ip, later)).toBe(true);
  });

  it("ignores a missing address and forgets an address on reset", async () => {
    await recordAddressFailure(null, t0);
    await recordAddressFailure(undefined, t0);
    expect(await isAddressBlocked(null, t0)).toBe(false);
    expect(await isAddressBlocked(undefined, t0)).toBe(false);
    expect(await readThrottle("ip:null")).toBeNull();
    expect(await readThrottle("ip:undefined")).toBeNull();

    const ip = "198.51.100.4";
    for (let i = 0; i < IP_MAX_FAILURES; i++) await recordAddressFailure(ip, t0);
    expect(await isAddressBlocked(ip, t0)).toBe(true);
    await resetAddress(ip);
    expect(await isAddressBlocked(ip, t0)).toBe(false);
    expect(await readThrottle(`ip:${ip}`)).toBeNull();
  });
});
