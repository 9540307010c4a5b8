import { describe, expect, it } from "vitest";
import { buildPolicyContext } from "./policy-context";

const now = new Date("2026-11-22T08:00:00Z");
const base = {
  authenticatorTypes: [] as string[],
  bypassCodes: [] as { remainingUses: number | null; expiresAt: Date | null }[],
  application: null,
  now,
};

describe("buildPolicyContext", () => {
  it("maps authenticator types to factors and ignores unknown ones", () => {
    const ctx = buildPolicyContext({
      ...base,
      user: { status: "ACTIVE", groups: [] },
      authenticatorTypes: ["TOTP", "WEBAUTHN", "SMS"],
    });
    expect(ctx.user).toEqual({ status: "ACTIVE", enrolledFactors: ["totp", "webauthn"], hasUsableBypassCode: false });
  });

  it("a group in Bypass status makes a Bypass user; a disabled group a disabled one", () => {
    expect(
      buildPolicyContext({ ...base, user: { status: "ACTIVE", groups: [{ id: "g", status: "BYPASS" }] } }).user.status,
    ).toBe("BYPASS");
    expect(
      buildPolicyContext({ ...base, user: { status: "BYPASS", groups: [{ id: "g", status: "DISABLED" }] } }).user
        .status,
    ).toBe("DISABLED");
    expect(buildPolicyContext({ ...base, user: { status: "LOCKED_OUT", groups: [] } }).user.status).toBe("LOCKED_OUT");
  });

  it("only an unexpired bypass code with uses left counts", () => {
    const user = { status: "ACTIVE", groups: [] };
    const usedUp = { remainingUses: 0, expiresAt: null };
    const expired = { remainingUses: 1, expiresAt: new Date(now.getTime() - 1) };
    expect(buildPolicyContext({ ...base, user, bypassCodes: [usedUp, expired] }).user.hasUsableBypassCode).toBe(false);
    expect(
      buildPolicyContext({
        ...base,
        user,
        bypassCodes: [usedUp, { remainingUses: null, expiresAt: new Date(now.getTime() + 60_000) }],
      }).user.hasUsableBypassCode,
    ).toBe(true);
  });

  it("carries the application", () => {
    expect(
      buildPolicyContext({ ...base, user: { status: "ACTIVE", groups: [] }, application: { id: "a", name: "App" } })
        .application,
    ).toEqual({ id: "a", name: "App" });
  });
});
