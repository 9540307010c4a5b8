import { describe, expect, it } from "vitest";
import { dbReady } from "./client";
import {
  claimTotpStep,
  claimWebAuthnCounter,
  consumeBypassCode,
  deleteAuthenticator,
  insertAuthenticator,
  insertBypassCodes,
  listAuthenticators,
  listBypassCodes,
  type BypassCodeRow,
} from "./authenticators";
import { insertUser } from "./users";

const enrolled = async (id: string) => (await (await dbReady()).user.findUniqueOrThrow({ where: { id } })).isEnrolled;

describe("authenticators repository", () => {
  it("keeps User.isEnrolled in step with the user's authenticators", async () => {
    const u = await insertUser({ username: "enr1" });
    expect(await enrolled(u.id)).toBe(false);
    const a = await insertAuthenticator(u.id, { type: "TOTP", name: "Phone", secretSealed: "x" });
    const b = await insertAuthenticator(u.id, {
      type: "WEBAUTHN",
      name: "Key",
      credentialId: "cred-1",
      publicKey: "pk",
    });
    expect(await enrolled(u.id)).toBe(true);
    expect(await deleteAuthenticator(u.id, a.id)).toBe(true);
    expect(await enrolled(u.id)).toBe(true);
    expect(await deleteAuthenticator(u.id, b.id)).toBe(true);
    expect(await enrolled(u.id)).toBe(false);
    expect(await deleteAuthenticator(u.id, b.id)).toBe(false);
    expect(await listAuthenticators(u.id)).toEqual([]);
  });

  it("two removals at once leave a user with no authenticator not enrolled", async () => {
    for (let round = 0; round < 5; round++) {
      const u = await insertUser({ username: `enr-race-${round}` });
      const a = await insertAuthenticator(u.id, { type: "TOTP", name: "Phone", secretSealed: "x" });
      const b = await insertAuthenticator(u.id, { type: "TOTP", name: "Tablet", secretSealed: "y" });
      expect(await Promise.all([deleteAuthenticator(u.id, a.id), deleteAuthenticator(u.id, b.id)])).toEqual([
        true,
        true,
      ]);
      expect(await listAuthenticators(u.id)).toEqual([]);
      expect(await enrolled(u.id)).toBe(false);
    }
  });

  it("does not delete another user's authenticator", async () => {
    const u = await insertUser({ username: "enr2" });
    const other = await insertUser({ username: "enr3" });
    const a = await insertAuthenticator(u.id, { type: "TOTP", name: "Phone", secretSealed: "x" });
    expect(await deleteAuthenticator(other.id, a.id)).toBe(false);
    expect(await listAuthenticators(u.id)).toHaveLength(1);
  });

  it("accepts a TOTP step once and a WebAuthn counter only from its previous value", async () => {
    const u = await insertUser({ username: "enr4" });
    const a = await insertAuthenticator(u.id, { type: "TOTP", name: "Phone", secretSealed: "x" });
    expect(await claimTotpStep(a.id, 100)).toBe(true);
    expect(await claimTotpStep(a.id, 100)).toBe(false);
    expect(await claimTotpStep(a.id, 99)).toBe(false);
    expect(await claimTotpStep(a.id, 101)).toBe(true);
    await insertAuthenticator(u.id, {
      type: "WEBAUTHN",
      name: "Key",
      credentialId: "cred-2",
      publicKey: "pk",
      counter: 4_000_000_000n,
    });
    expect(await claimWebAuthnCounter("cred-2", 4_000_000_000n, 4_000_000_001n)).toBe(true);
    expect(await claimWebAuthnCounter("cred-2", 4_000_000_000n, 4_000_000_002n)).toBe(false);
  });

  it("spends a bypass code's uses exactly once each and refuses expired codes", async () => {
    const u = await insertUser({ username: "enr5" });
    const now = new Date("2026-11-22T10:00:00Z");
    await insertBypassCodes(
      u.id,
      [
        { codeHash: "h1", remainingUses: 1, expiresAt: null },
        { codeHash: "h2", remainingUses: null, expiresAt: new Date("2026-11-22T11:00:00Z") },
      ],
      null,
    );
    const [once, unlimited] = (await listBypassCodes(u.id)) as [BypassCodeRow, BypassCodeRow];
    const results = await Promise.all([consumeBypassCode(once.id, now), consumeBypassCode(once.id, now)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await consumeBypassCode(unlimited.id, now)).toBe(true);
    expect(await consumeBypassCode(unlimited.id, now)).toBe(true);
    expect(await consumeBypassCode(unlimited.id, new Date("2026-11-22T11:00:01Z"))).toBe(false);
    const after = await listBypassCodes(u.id);
    expect(after.map((c) => [c.remainingUses, c.usedCount])).toEqual([
      [0, 1],
      [null, 2],
    ]);
  });
});
