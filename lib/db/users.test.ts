// The user as every request of a signed-in browser reads it (findUserForSession: one statement
// on the driver, lib/db/fast-sql.ts), on the provider DATABASE_URL names: the same fields as the
// other sign-in look-ups read through Prisma.
import { describe, expect, it } from "vitest";
import { insertAuthenticator, insertBypassCodes } from "./authenticators";
import { dbReady } from "./client";
import { softDeleteUser } from "./user-trash";
import { findUserForLogin, findUserForSession, insertGroup, insertUser } from "./users";

describe("findUserForSession", () => {
  it("reads the user with its groups, authenticator types and bypass codes, as findUserForLogin does", async () => {
    const sales = await insertGroup({ name: "Session Sales" });
    const vpn = await insertGroup({ name: "Session VPN", status: "BYPASS" });
    const u = await insertUser({
      username: "session.reader",
      email: "session.reader@example.com",
      realName: "Séssion O'Reader",
      groupIds: [sales.id, vpn.id],
    });
    await insertAuthenticator(u.id, { type: "TOTP", name: "Phone", secretSealed: "x" });
    await insertAuthenticator(u.id, { type: "WEBAUTHN", name: "Key", credentialId: `cred-${u.id}`, publicKey: "pk" });
    const expires = new Date("2027-01-02T03:04:05.678Z");
    await insertBypassCodes(
      u.id,
      [
        { codeHash: "h1", remainingUses: 3, expiresAt: expires },
        { codeHash: "h2", remainingUses: null, expiresAt: null },
      ],
      null,
    );
    const revokedAt = new Date("2026-11-30T10:00:00.123Z");
    await (await dbReady()).user.update({ where: { id: u.id }, data: { sessionsRevokedAt: revokedAt } });

    const viaSession = await findUserForSession(u.id);
    const viaLogin = await findUserForLogin("session.reader");
    const norm = (x: typeof viaSession) => ({
      ...x!,
      passwordHash: null,
      groups: [...x!.groups].sort((a, b) => a.name.localeCompare(b.name)),
      factors: {
        authenticatorTypes: [...x!.factors.authenticatorTypes].sort(),
        bypassCodes: [...x!.factors.bypassCodes].sort((a, b) => (a.remainingUses ?? 99) - (b.remainingUses ?? 99)),
      },
    });
    expect(norm(viaSession)).toEqual(norm(viaLogin));
    expect(norm(viaSession)).toMatchObject({
      username: "session.reader",
      email: "session.reader@example.com",
      realName: "Séssion O'Reader",
      status: "ACTIVE",
      sessionsRevokedAt: revokedAt,
      groups: [
        { id: sales.id, name: "Session Sales", status: "ACTIVE" },
        { id: vpn.id, name: "Session VPN", status: "BYPASS" },
      ],
      factors: {
        authenticatorTypes: ["TOTP", "WEBAUTHN"],
        bypassCodes: [
          { remainingUses: 3, expiresAt: expires },
          { remainingUses: null, expiresAt: null },
        ],
      },
    });
  });

  it("reads a user without groups or factors, and none for a deleted or unknown id", async () => {
    const u = await insertUser({ username: "session.bare" });
    expect(await findUserForSession(u.id)).toMatchObject({
      username: "session.bare",
      email: null,
      realName: null,
      sessionsRevokedAt: null,
      groups: [],
      factors: { authenticatorTypes: [], bypassCodes: [] },
    });
    await softDeleteUser(u.id);
    expect(await findUserForSession(u.id)).toBeNull();
    expect(await findUserForSession("no-such-user")).toBeNull();
  });
});
