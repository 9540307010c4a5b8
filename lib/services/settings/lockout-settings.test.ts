import { describe, expect, it } from "vitest";
import { makeAdmin, thrown } from "../../../test/helpers";
import { getLockoutSettings, updateLockoutSettings } from "./lockout-settings";

describe("lockout settings", () => {
  it("default to 10 attempts and administrator unlock only", async () => {
    expect(await getLockoutSettings()).toEqual({ lockoutThreshold: 10, autoUnlockMinutes: null });
  });

  it("are validated beside each field and saved by an Administrator", async () => {
    const admin = await makeAdmin("ADMINISTRATOR");
    const e = (await thrown(() => updateLockoutSettings(admin, { lockoutThreshold: "0", autoUnlockMinutes: "x" }))) as {
      fieldErrors?: Record<string, string>;
    };
    expect(e.fieldErrors).toEqual({
      lockoutThreshold: "Lock out after at least 1 failed attempt.",
      autoUnlockMinutes: "Enter a whole number of minutes.",
    });
    expect(await updateLockoutSettings(admin, { lockoutThreshold: " 3 ", autoUnlockMinutes: "15" })).toEqual({
      settings: { lockoutThreshold: 3, autoUnlockMinutes: 15 },
      changed: true,
    });
    expect(await getLockoutSettings()).toEqual({ lockoutThreshold: 3, autoUnlockMinutes: 15 });
    expect(await updateLockoutSettings(admin, { lockoutThreshold: "5", autoUnlockMinutes: "" })).toEqual({
      settings: { lockoutThreshold: 5, autoUnlockMinutes: null },
      changed: true,
    });
    expect(await updateLockoutSettings(admin, { lockoutThreshold: "05", autoUnlockMinutes: " " })).toEqual({
      settings: { lockoutThreshold: 5, autoUnlockMinutes: null },
      changed: false,
    });
  });

  it("cannot be changed by a Read-only administrator", async () => {
    const ro = await makeAdmin("READ_ONLY");
    expect(
      await thrown(() => updateLockoutSettings(ro, { lockoutThreshold: "3", autoUnlockMinutes: "" })),
    ).toMatchObject({ code: "forbidden" });
  });
});
