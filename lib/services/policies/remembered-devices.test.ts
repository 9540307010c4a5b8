import { describe, expect, it } from "vitest";
import { makeApplication } from "../../../test/helpers";
import { dbReady } from "../../db/client";
import { insertUser } from "../../db/users";
import {
  checkRememberedDevice,
  forgetRememberedDevices,
  issueRememberedDevice,
  rememberedDeviceCookieName,
} from "./remembered-devices";

const user = async (name: string) => (await insertUser({ username: name })).id;

describe("remembered devices", () => {
  it("issues a random token stored only as a hash, with its expiry", async () => {
    const userId = await user("rd-issue");
    const app = await makeApplication("RD app");
    const now = new Date("2026-11-22T08:00:00Z");
    const c = await issueRememberedDevice({ userId, applicationId: app.id, hours: 12, now });
    expect(c.name).toBe(`portcullis_rd_${app.id}`);
    expect(c.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(c.expiresAt).toEqual(new Date("2026-11-22T20:00:00Z"));
    const rows = await (await dbReady()).rememberedDevice.findMany({ where: { userId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).not.toContain(c.value);
    expect(rows[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]!.expiresAt).toEqual(c.expiresAt);
    const other = await issueRememberedDevice({ userId, applicationId: app.id, hours: 12, now });
    expect(other.value).not.toBe(c.value);
    expect(rememberedDeviceCookieName(null)).toBe("portcullis_rd_portal");
  });

  it("accepts a token only for the same user and application, before it expires, within the hours the policy allows now", async () => {
    const alice = await user("rd-alice");
    const bob = await user("rd-bob");
    const app = await makeApplication("RD check app");
    const other = await makeApplication("RD other app");
    const t0 = new Date("2026-11-22T08:00:00Z");
    const at = (h: number) => new Date(t0.getTime() + h * 3_600_000);
    const { value: token } = await issueRememberedDevice({
      userId: alice,
      applicationId: app.id,
      hours: 10,
      now: t0,
    });
    const check = (o: Partial<Parameters<typeof checkRememberedDevice>[0]>) =>
      checkRememberedDevice({ token, userId: alice, applicationId: app.id, maxHours: 10, now: at(1), ...o });

    expect(await check({})).toBe(true);
    expect(await check({ now: at(9.99) })).toBe(true);
    expect(await check({ now: at(10) })).toBe(false); // expired
    expect(await check({ userId: bob })).toBe(false);
    expect(await check({ applicationId: other.id })).toBe(false);
    expect(await check({ applicationId: null })).toBe(false);
    expect(await check({ maxHours: 0 })).toBe(false); // the policy turned it off
    expect(await check({ maxHours: 2, now: at(3) })).toBe(false); // shortened to 2 hours
    expect(await check({ maxHours: 2, now: at(1.5) })).toBe(true);
    expect(await check({ token: null })).toBe(false);
    expect(await check({ token: "" })).toBe(false);
    expect(await check({ token: token.slice(0, -1) + (token.endsWith("A") ? "B" : "A") })).toBe(false);
    expect(await check({ token: "x".repeat(500) })).toBe(false);

    expect(await forgetRememberedDevices(alice)).toBe(1);
    expect(await check({})).toBe(false);
  });

  it("refuses hours outside 1-720", async () => {
    const userId = await user("rd-hours");
    await expect(issueRememberedDevice({ userId, applicationId: null, hours: 0 })).rejects.toThrow(/out of range/);
    await expect(issueRememberedDevice({ userId, applicationId: null, hours: 721 })).rejects.toThrow(/out of range/);
  });
});
