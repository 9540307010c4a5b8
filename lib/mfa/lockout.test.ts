import { describe, expect, it } from "vitest";
import {
  ADMIN_UNLOCK,
  afterFailedAttempt,
  checkLockout,
  lockoutSettingsSchema,
  readLockoutSettings,
  type LockoutAccount,
  type LockoutSettings,
} from "./lockout";

const now = new Date("2026-05-01T12:00:00Z");
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
const DEFAULT: LockoutSettings = { lockoutThreshold: 10, autoUnlockMinutes: null };
const AUTO_30: LockoutSettings = { lockoutThreshold: 10, autoUnlockMinutes: 30 };

describe("lockout settings", () => {
  it("defaults to 10 attempts and manual unlock", () => {
    expect(lockoutSettingsSchema.parse({})).toEqual(DEFAULT);
    expect(readLockoutSettings({})).toEqual(DEFAULT);
  });

  it("reads stored values and falls back per key on malformed ones", () => {
    expect(readLockoutSettings({ lockoutThreshold: 5, autoUnlockMinutes: 15 })).toEqual({
      lockoutThreshold: 5,
      autoUnlockMinutes: 15,
    });
    expect(readLockoutSettings({ lockoutThreshold: "5", autoUnlockMinutes: 15 })).toEqual({
      lockoutThreshold: 10,
      autoUnlockMinutes: 15,
    });
    expect(readLockoutSettings({ lockoutThreshold: 0, autoUnlockMinutes: -1 })).toEqual(DEFAULT);
    expect(readLockoutSettings({ lockoutThreshold: 3.5, autoUnlockMinutes: null })).toEqual(DEFAULT);
  });

  it.each([
    [{ lockoutThreshold: 0 }, "lockoutThreshold", "Lock out after at least 1 failed attempt."],
    [{ lockoutThreshold: 101 }, "lockoutThreshold", "Lock out after at most 100 failed attempts."],
    [{ lockoutThreshold: 2.5 }, "lockoutThreshold", "Enter a whole number of attempts."],
    [
      { autoUnlockMinutes: 0 },
      "autoUnlockMinutes",
      "Unlock after at least 1 minute, or leave empty for manual unlock only.",
    ],
  ])("refuses %j", (input, path, message) => {
    const r = lockoutSettingsSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path.join(".")).toBe(path);
    expect(r.error!.issues[0]!.message).toBe(message);
  });
});

describe("checkLockout", () => {
  const cases: {
    name: string;
    account: LockoutAccount;
    settings: LockoutSettings;
    expected: ReturnType<typeof checkLockout>;
  }[] = [
    {
      name: "an ACTIVE account is open",
      account: { status: "ACTIVE", failedAttempts: 9, lockedAt: null },
      settings: DEFAULT,
      expected: { kind: "open" },
    },
    {
      name: "a BYPASS account is open",
      account: { status: "BYPASS", failedAttempts: 0, lockedAt: null },
      settings: DEFAULT,
      expected: { kind: "open" },
    },
    {
      name: "a stale lockedAt on an ACTIVE account is ignored",
      account: { status: "ACTIVE", failedAttempts: 0, lockedAt: minutesAgo(1) },
      settings: AUTO_30,
      expected: { kind: "open" },
    },
    {
      name: "locked without auto-unlock stays locked",
      account: { status: "LOCKED_OUT", failedAttempts: 10, lockedAt: minutesAgo(10_000) },
      settings: DEFAULT,
      expected: { kind: "locked", unlocksAt: null },
    },
    {
      name: "locked by hand (no lockedAt) stays locked",
      account: { status: "LOCKED_OUT", failedAttempts: 0, lockedAt: null },
      settings: AUTO_30,
      expected: { kind: "locked", unlocksAt: null },
    },
    {
      name: "locked before the auto-unlock time",
      account: { status: "LOCKED_OUT", failedAttempts: 10, lockedAt: minutesAgo(29) },
      settings: AUTO_30,
      expected: { kind: "locked", unlocksAt: new Date(now.getTime() + 60_000) },
    },
    {
      name: "unlocked exactly at the auto-unlock time",
      account: { status: "LOCKED_OUT", failedAttempts: 10, lockedAt: minutesAgo(30) },
      settings: AUTO_30,
      expected: { kind: "unlock", update: { status: "ACTIVE", failedAttempts: 0, lockedAt: null } },
    },
    {
      name: "unlocked after the auto-unlock time",
      account: { status: "LOCKED_OUT", failedAttempts: 12, lockedAt: minutesAgo(600) },
      settings: AUTO_30,
      expected: { kind: "unlock", update: { status: "ACTIVE", failedAttempts: 0, lockedAt: null } },
    },
    {
      name: "a DISABLED account is not the lockout's business",
      account: { status: "DISABLED", failedAttempts: 50, lockedAt: null },
      settings: DEFAULT,
      expected: { kind: "open" },
    },
  ];
  it.each(cases)("$name", ({ account, settings, expected }) => {
    expect(checkLockout(account, settings, now)).toEqual(expected);
  });
});

describe("afterFailedAttempt", () => {
  const cases: {
    name: string;
    status: string;
    failedAttempts: number;
    settings: LockoutSettings;
    expected: ReturnType<typeof afterFailedAttempt>;
  }[] = [
    {
      name: "the first failure is counted",
      status: "ACTIVE",
      failedAttempts: 1,
      settings: DEFAULT,
      expected: { kind: "counted", failedAttempts: 1 },
    },
    {
      name: "one below the threshold is counted",
      status: "ACTIVE",
      failedAttempts: 9,
      settings: DEFAULT,
      expected: { kind: "counted", failedAttempts: 9 },
    },
    {
      name: "the 10th consecutive failure locks (default)",
      status: "ACTIVE",
      failedAttempts: 10,
      settings: DEFAULT,
      expected: { kind: "lock", failedAttempts: 10, update: { status: "LOCKED_OUT", lockedAt: now } },
    },
    {
      name: "past the threshold (concurrent failures) also locks",
      status: "ACTIVE",
      failedAttempts: 11,
      settings: DEFAULT,
      expected: { kind: "lock", failedAttempts: 11, update: { status: "LOCKED_OUT", lockedAt: now } },
    },
    {
      name: "a threshold of 3 locks on the 3rd",
      status: "ACTIVE",
      failedAttempts: 3,
      settings: { lockoutThreshold: 3, autoUnlockMinutes: 5 },
      expected: { kind: "lock", failedAttempts: 3, update: { status: "LOCKED_OUT", lockedAt: now } },
    },
    {
      name: "a threshold of 1 locks on the first",
      status: "ACTIVE",
      failedAttempts: 1,
      settings: { lockoutThreshold: 1, autoUnlockMinutes: null },
      expected: { kind: "lock", failedAttempts: 1, update: { status: "LOCKED_OUT", lockedAt: now } },
    },
    {
      name: "a BYPASS user is locked too",
      status: "BYPASS",
      failedAttempts: 10,
      settings: DEFAULT,
      expected: { kind: "lock", failedAttempts: 10, update: { status: "LOCKED_OUT", lockedAt: now } },
    },
    {
      name: "a DISABLED user is counted, never turned into LOCKED_OUT",
      status: "DISABLED",
      failedAttempts: 10,
      settings: DEFAULT,
      expected: { kind: "counted", failedAttempts: 10 },
    },
    {
      name: "an already LOCKED_OUT user is not relocked (lockedAt kept)",
      status: "LOCKED_OUT",
      failedAttempts: 14,
      settings: DEFAULT,
      expected: { kind: "counted", failedAttempts: 14 },
    },
  ];
  it.each(cases)("$name", ({ status, failedAttempts, settings, expected }) => {
    expect(afterFailedAttempt({ status, failedAttempts }, settings, now)).toEqual(expected);
  });

  it("locks, stays locked, auto-unlocks, and counts from zero again", () => {
    const s: LockoutSettings = { lockoutThreshold: 3, autoUnlockMinutes: 15 };
    let account: LockoutAccount = { status: "ACTIVE", failedAttempts: 0, lockedAt: null };
    for (let i = 1; i <= 3; i++) {
      const r = afterFailedAttempt({ status: account.status, failedAttempts: account.failedAttempts + 1 }, s, now);
      account = { ...account, failedAttempts: r.failedAttempts, ...(r.kind === "lock" ? r.update : {}) };
    }
    expect(account).toEqual({ status: "LOCKED_OUT", failedAttempts: 3, lockedAt: now });
    expect(checkLockout(account, s, new Date(now.getTime() + 14 * 60_000)).kind).toBe("locked");
    const later = checkLockout(account, s, new Date(now.getTime() + 15 * 60_000));
    expect(later.kind).toBe("unlock");
    if (later.kind === "unlock") account = { ...account, ...later.update };
    expect(account).toEqual(ADMIN_UNLOCK);
    expect(afterFailedAttempt({ status: account.status, failedAttempts: account.failedAttempts + 1 }, s, now)).toEqual({
      kind: "counted",
      failedAttempts: 1,
    });
  });
});
