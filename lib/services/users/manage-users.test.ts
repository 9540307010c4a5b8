import { beforeAll, describe, expect, it } from "vitest";
import { makeAdmin, thrown } from "@/test/helpers";
import { dbReady } from "@/lib/db/client";
import { findUserForLogin, insertGroup, insertUser } from "@/lib/db/users";
import { insertAuthenticator, listBypassCodes } from "@/lib/db/authenticators";
import { purgeDeletedUsers, TRASH_RETENTION_MS } from "@/lib/db/user-trash";
import { verifyBypassCode } from "@/lib/mfa/bypass-codes";
import { verifyPassword } from "@/lib/crypto/password";
import { AppError } from "@/lib/errors";
import type { AdminActor as Actor } from "@/lib/services/actor";
import {
  addToGroup,
  createResetLink,
  createUser,
  deleteUser,
  generateBypassCodes,
  getUserPage,
  listTrash,
  removeAuthenticator,
  removeBypassCode,
  removeFromGroup,
  restoreDeletedUser,
  unlockUser,
  updateUser,
} from "./manage-users";
import { checkResetLink, resetPasswordWithLink } from "./password-reset";
import { listUsers } from "./list-users";

let owner: Actor;
let userManager: Actor;
let helpDesk: Actor;
let readOnly: Actor;
let appManager: Actor;
let staff: string;

beforeAll(async () => {
  owner = await makeAdmin("OWNER");
  userManager = await makeAdmin("USER_MANAGER");
  helpDesk = await makeAdmin("HELP_DESK");
  readOnly = await makeAdmin("READ_ONLY");
  appManager = await makeAdmin("APPLICATION_MANAGER");
  staff = (await insertGroup({ name: "Staff" })).id;
});

const fieldErrors = (e: unknown) => (e as AppError).fieldErrors ?? {};
const code = (e: unknown) => (e as AppError).code;

async function auditRows(action: string) {
  return (await dbReady()).adminAuditLog.findMany({ where: { action }, orderBy: { createdAt: "asc" } });
}

describe("createUser", () => {
  it("adds a user with aliases and groups, audited, for users:manage roles", async () => {
    const u = await createUser(userManager, {
      username: "Maria.Lopez",
      email: "Maria@Example.com",
      realName: " Maria López ",
      status: "BYPASS",
      aliases: "mlopez\nmaria.l",
      groupIds: [staff],
    });
    const page = await getUserPage(readOnly, u.id);
    expect(page.user).toMatchObject({
      username: "Maria.Lopez",
      email: "Maria@Example.com",
      realName: "Maria López",
      status: "BYPASS",
      aliases: ["maria.l", "mlopez"],
      isEnrolled: false,
    });
    expect(page.user.groups.map((g) => g.name)).toEqual(["Staff"]);
    expect((await findUserForLogin("MLOPEZ"))?.id).toBe(u.id);
    const [row] = await auditRows("user.create");
    expect(row).toMatchObject({ targetLabel: "Maria.Lopez", actorLabel: userManager.email });
    expect(JSON.parse(row!.after!)).toMatchObject({
      status: "BYPASS",
      aliases: ["maria.l", "mlopez"],
      groups: ["Staff"],
    });
  });

  it("explains bad input beside each field and writes nothing", async () => {
    const e = await thrown(() =>
      createUser(owner, {
        username: "has space",
        email: "not-an-email",
        realName: "",
        status: "LOCKED_OUT",
        aliases: "a,b,c,d,e,f,g,h,i",
      }),
    );
    expect(fieldErrors(e)).toMatchObject({
      username: "Use letters, digits and . _ - @ + ' only (no spaces).",
      email: "Enter a valid email address, like name@example.com.",
      status: "Choose Active, Bypass or Disabled.",
      aliases: "A user has at most 8 aliases.",
    });
    expect(
      fieldErrors(await thrown(() => createUser(owner, { username: "", aliases: "", status: "ACTIVE", email: "" }))),
    ).toMatchObject({ username: "Enter a username." });
    expect(
      fieldErrors(
        await thrown(() => createUser(owner, { username: "dup", aliases: "x1\nX1", status: "ACTIVE", email: "" })),
      ),
    ).toMatchObject({ aliases: "Each alias may appear only once." });
    expect((await listUsers(owner, { q: "has" })).rows).toHaveLength(0);
  });

  it("keeps usernames and aliases unique across users, case-insensitively", async () => {
    expect(
      fieldErrors(
        await thrown(() => createUser(owner, { username: "maria.lopez", status: "ACTIVE", email: "", aliases: "" })),
      ),
    ).toHaveProperty("username");
    expect(
      fieldErrors(
        await thrown(() => createUser(owner, { username: "MLopez", status: "ACTIVE", email: "", aliases: "" })),
      ),
    ).toHaveProperty("username");
    expect(
      fieldErrors(
        await thrown(() => createUser(owner, { username: "other", status: "ACTIVE", email: "", aliases: "Maria.L" })),
      ),
    ).toMatchObject({ aliases: 'The alias "Maria.L" is already used by another user as a username or alias.' });
    expect(
      fieldErrors(
        await thrown(() => createUser(owner, { username: "self", status: "ACTIVE", email: "", aliases: "SELF" })),
      ),
    ).toMatchObject({ aliases: "An alias cannot repeat the username." });
  });

  it("is refused to Help Desk, Application Manager and Read-only", async () => {
    for (const actor of [helpDesk, appManager, readOnly])
      expect(code(await thrown(() => createUser(actor, { username: `x-${actor.role}`, status: "ACTIVE" })))).toBe(
        "forbidden",
      );
  });
});

describe("user page changes", () => {
  it("edits name, email, status and aliases; the log holds only what changed; an alias of another user is refused", async () => {
    const a = await insertUser({ username: "edit.me", email: "edit@example.com", aliases: ["em1"] });
    await insertUser({ username: "taken.user", aliases: ["taken.alias"] });
    await updateUser(owner, a.id, {
      email: "edit@example.com",
      realName: "Edit Me",
      status: "DISABLED",
      aliases: "em1\nem2",
    });
    const after = (await getUserPage(owner, a.id)).user;
    expect(after).toMatchObject({ realName: "Edit Me", status: "DISABLED", aliases: ["em1", "em2"] });
    const [log] = (await auditRows("user.update")).filter((r) => r.targetId === a.id);
    expect(JSON.parse(log!.before!)).toEqual({ realName: null, status: "ACTIVE", aliases: ["em1"] });
    expect(JSON.parse(log!.after!)).toEqual({ realName: "Edit Me", status: "DISABLED", aliases: ["em1", "em2"] });

    for (const clash of ["taken.alias", "TAKEN.USER"]) {
      const e = await thrown(() =>
        updateUser(owner, a.id, { email: "", realName: "", status: "ACTIVE", aliases: `em1\n${clash}` }),
      );
      expect(fieldErrors(e).aliases).toContain(clash);
    }
    expect((await getUserPage(owner, a.id)).user.aliases).toEqual(["em1", "em2"]);
    // Saving the same values again writes no log entry.
    await updateUser(owner, a.id, {
      email: "edit@example.com",
      realName: "Edit Me",
      status: "DISABLED",
      aliases: "em2\nem1",
    });
    expect((await auditRows("user.update")).filter((r) => r.targetId === a.id)).toHaveLength(1);
    expect(
      fieldErrors(
        await thrown(() => updateUser(owner, a.id, { email: "", realName: "", status: "LOCKED_OUT", aliases: "" })),
      ),
    ).toHaveProperty("status");
    expect(
      code(await thrown(() => updateUser(helpDesk, a.id, { email: "", realName: "", status: "ACTIVE", aliases: "" }))),
    ).toBe("forbidden");
  });

  it("adds to and removes from groups (users:manage only)", async () => {
    const u = await insertUser({ username: "group.member" });
    expect(await addToGroup(userManager, u.id, staff)).toBe("Staff");
    expect(fieldErrors(await thrown(() => addToGroup(userManager, u.id, staff))).groupId).toContain("already in Staff");
    expect((await listUsers(readOnly, { group: staff, q: "group.member" })).rows).toHaveLength(1);
    expect(code(await thrown(() => removeFromGroup(helpDesk, u.id, staff)))).toBe("forbidden");
    await removeFromGroup(owner, u.id, staff);
    expect((await getUserPage(owner, u.id)).user.groups).toEqual([]);
    expect((await auditRows("user.group_remove")).at(-1)).toMatchObject({
      targetLabel: "group.member",
      before: JSON.stringify({ group: "Staff" }),
    });
  });

  it("unlocks a Locked Out user back to Active (Help Desk may; Read-only may not)", async () => {
    const u = await insertUser({ username: "locked.user", status: "LOCKED_OUT" });
    await (await dbReady()).user.update({ where: { id: u.id }, data: { failedAttempts: 10, lockedAt: new Date() } });
    expect(code(await thrown(() => unlockUser(readOnly, u.id)))).toBe("forbidden");
    await unlockUser(helpDesk, u.id);
    expect((await getUserPage(owner, u.id)).user).toMatchObject({
      status: "ACTIVE",
      failedAttempts: 0,
      lockedAt: null,
    });
    expect(code(await thrown(() => unlockUser(helpDesk, u.id)))).toBe("conflict");
    expect((await auditRows("user.unlock")).at(-1)).toMatchObject({
      actorLabel: helpDesk.email,
      targetLabel: "locked.user",
    });
  });

  it("removes an authenticator and keeps enrollment right (users:manage only)", async () => {
    const u = await insertUser({ username: "enrolled.user" });
    const a1 = await insertAuthenticator(u.id, { type: "TOTP", name: "Phone", secretSealed: "s" });
    const a2 = await insertAuthenticator(u.id, {
      type: "WEBAUTHN",
      name: "YubiKey",
      credentialId: "cred-1",
      publicKey: "pk",
    });
    expect(code(await thrown(() => removeAuthenticator(helpDesk, u.id, a1.id)))).toBe("forbidden");
    await removeAuthenticator(owner, u.id, a1.id);
    expect((await getUserPage(owner, u.id)).user.isEnrolled).toBe(true);
    await removeAuthenticator(owner, u.id, a2.id);
    const page = await getUserPage(owner, u.id);
    expect(page.authenticators).toEqual([]);
    expect(page.user.isEnrolled).toBe(false);
    expect(code(await thrown(() => removeAuthenticator(owner, u.id, a2.id)))).toBe("conflict");
    expect((await auditRows("user.authenticator_remove")).map((r) => r.before)).toEqual([
      JSON.stringify({ authenticator: "TOTP Phone" }),
      JSON.stringify({ authenticator: "WEBAUTHN YubiKey" }),
    ]);
  });
});

describe("bypass codes", () => {
  it("generates up to 10 live codes, shown once and stored hashed; the log never holds a code", async () => {
    const u = await insertUser({ username: "bypass.user" });
    const now = new Date();
    const r = await generateBypassCodes(helpDesk, u.id, { count: 3, reuseCount: 2, expiresInMinutes: 60 }, now);
    expect(r.codes).toHaveLength(3);
    for (const c of r.codes) expect(c).toMatch(/^\d{9}$/);
    expect(r.expiresAt?.getTime()).toBe(now.getTime() + 3_600_000);
    const stored = await listBypassCodes(u.id);
    expect(stored).toHaveLength(3);
    expect(stored.map((s) => s.codeHash).join()).not.toContain(r.codes[0]);
    expect(stored.every((s) => s.remainingUses === 2 && s.createdById === helpDesk.adminId)).toBe(true);
    expect((await verifyBypassCode(stored, r.codes[1]!, now)).ok).toBe(true);
    const page = await getUserPage(readOnly, u.id);
    expect(JSON.stringify(page.bypassCodes)).not.toContain("codeHash");
    const log = (await auditRows("user.bypass_codes_generate")).at(-1)!;
    for (const c of r.codes) expect(`${log.before}${log.after}`).not.toContain(c);

    const e = await thrown(() =>
      generateBypassCodes(helpDesk, u.id, { count: 8, reuseCount: 1, expiresInMinutes: null }, now),
    );
    expect(fieldErrors(e).count).toContain("has 3 unused bypass codes");
    expect(
      fieldErrors(
        await thrown(() => generateBypassCodes(helpDesk, u.id, { count: 11, reuseCount: 1, expiresInMinutes: null })),
      ),
    ).toMatchObject({ count: "Generate at most 10 codes." });
    expect(
      fieldErrors(
        await thrown(() => generateBypassCodes(helpDesk, u.id, { count: 1, reuseCount: null, expiresInMinutes: null })),
      ),
    ).toMatchObject({ expiresInMinutes: "A code with unlimited uses must expire." });
    expect(code(await thrown(() => generateBypassCodes(readOnly, u.id, { count: 1 })))).toBe("forbidden");
    expect(code(await thrown(() => generateBypassCodes(appManager, u.id, { count: 1 })))).toBe("forbidden");

    await removeBypassCode(helpDesk, u.id, stored[0]!.id);
    expect(await listBypassCodes(u.id)).toHaveLength(2);
    expect(code(await thrown(() => removeBypassCode(helpDesk, u.id, stored[0]!.id)))).toBe("conflict");
  });
});

describe("password reset links", () => {
  it("creates a one-time 24-hour link under the public base URL; the newest link revokes older ones", async () => {
    const u = await insertUser({ username: "reset.user" });
    const now = new Date();
    const first = await createResetLink(helpDesk, u.id, now);
    expect(first.url).toMatch(/^http:\/\/localhost:3000\/sso\/reset\/[A-Za-z0-9_-]{43}$/);
    expect(first.expiresAt.getTime() - now.getTime()).toBe(24 * 3_600_000);
    const token1 = first.url.split("/").pop()!;
    const stored = await (
      await dbReady()
    ).passwordResetToken.findMany({ where: { userId: u.id }, omit: { tokenHash: false } });
    expect(stored[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0]!.tokenHash).not.toContain(token1);
    expect(await checkResetLink(token1)).toEqual({ ok: true, username: "reset.user" });

    const second = await createResetLink(owner, u.id);
    const token2 = second.url.split("/").pop()!;
    expect(await checkResetLink(token1)).toEqual({ ok: false });
    expect(code(await thrown(() => createResetLink(readOnly, u.id)))).toBe("forbidden");

    // The policy: 12-256 characters, not the username, confirmation equal.
    expect(await resetPasswordWithLink(token2, { password: "short", confirm: "short" })).toMatchObject({
      ok: false,
      error: "password_too_short",
      field: "password",
    });
    expect(await resetPasswordWithLink(token2, { password: "Reset.User", confirm: "Reset.User" })).toMatchObject({
      ok: false,
      error: "password_too_short",
    });
    expect(await resetPasswordWithLink(token2, { password: "x".repeat(257), confirm: "x".repeat(257) })).toMatchObject({
      error: "password_too_long",
    });
    expect(
      await resetPasswordWithLink(token2, { password: "a long new password", confirm: "a long new passw0rd" }),
    ).toMatchObject({ error: "password_mismatch", field: "confirm" });
    const long = await insertUser({ username: "a-username-of-twelve" });
    const t3 = (await createResetLink(owner, long.id)).url.split("/").pop()!;
    expect(
      await resetPasswordWithLink(t3, { password: "A-Username-Of-Twelve", confirm: "A-Username-Of-Twelve" }),
    ).toMatchObject({ error: "password_is_username" });

    expect(
      await resetPasswordWithLink(
        token2,
        { password: "a long new password", confirm: "a long new password" },
        { ip: "198.51.100.7" },
      ),
    ).toEqual({ ok: true, username: "reset.user" });
    const row = await (await dbReady()).user.findUnique({ where: { id: u.id }, omit: { passwordHash: false } });
    expect(await verifyPassword(row!.passwordHash, "a long new password")).toBe(true);
    // Used once: the same link, and the revoked one, no longer work.
    expect(
      await resetPasswordWithLink(token2, { password: "another new password", confirm: "another new password" }),
    ).toEqual({ ok: false, error: "invalid_link" });
    expect(
      await resetPasswordWithLink(token1, { password: "another new password", confirm: "another new password" }),
    ).toEqual({ ok: false, error: "invalid_link" });
    expect(await checkResetLink("not-a-token")).toEqual({ ok: false });
    const log = (await auditRows("user.password_reset")).at(-1)!;
    expect(log).toMatchObject({ targetLabel: "reset.user", ip: "198.51.100.7", adminId: null });
  });

  it("refuses an expired link", async () => {
    const u = await insertUser({ username: "expired.reset" });
    const old = new Date(Date.now() - 25 * 3_600_000);
    const token = (await createResetLink(owner, u.id, old)).url.split("/").pop()!;
    expect(await checkResetLink(token)).toEqual({ ok: false });
    expect(
      await resetPasswordWithLink(token, { password: "a long new password", confirm: "a long new password" }),
    ).toEqual({ ok: false, error: "invalid_link" });
  });

  it("only one of two concurrent uses of a link wins", async () => {
    const u = await insertUser({ username: "race.reset" });
    const token = (await createResetLink(owner, u.id)).url.split("/").pop()!;
    const input = { password: "a long new password", confirm: "a long new password" };
    const results = await Promise.all([resetPasswordWithLink(token, input), resetPasswordWithLink(token, input)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });
});

describe("trash", () => {
  it("deletes to the trash: no sign-in, not listed, names stay reserved, restorable for 7 days, then purged", async () => {
    const u = await insertUser({ username: "trash.me", email: "trash@example.com", aliases: ["trashy"] });
    const link = await createResetLink(owner, u.id);
    expect(code(await thrown(() => deleteUser(helpDesk, u.id)))).toBe("forbidden");
    const deletedAt = new Date();
    expect(await deleteUser(userManager, u.id, deletedAt)).toBe("trash.me");
    expect(await findUserForLogin("trash.me")).toBeNull();
    expect(await findUserForLogin("trashy")).toBeNull();
    expect((await listUsers(owner, { q: "trash" })).rows).toEqual([]);
    expect(await checkResetLink(link.url.split("/").pop()!)).toEqual({ ok: false });
    expect(code(await thrown(() => getUserPage(owner, u.id)))).toBe("not_found");
    expect(
      fieldErrors(await thrown(() => createUser(owner, { username: "TRASH.ME", status: "ACTIVE" }))),
    ).toHaveProperty("username");
    expect(
      fieldErrors(await thrown(() => createUser(owner, { username: "new.one", status: "ACTIVE", aliases: "trashy" }))),
    ).toHaveProperty("aliases");

    const trash = await listTrash(readOnly);
    expect(trash.rows.map((r) => r.username)).toContain("trash.me");
    expect(trash.rows.find((r) => r.id === u.id)?.purgeAt.getTime()).toBe(deletedAt.getTime() + TRASH_RETENTION_MS);
    expect(code(await thrown(() => restoreDeletedUser(helpDesk, u.id)))).toBe("forbidden");
    expect(await restoreDeletedUser(owner, u.id)).toBe("trash.me");
    expect((await findUserForLogin("trashy"))?.id).toBe(u.id);
    expect(code(await thrown(() => restoreDeletedUser(owner, u.id)))).toBe("not_found");

    // Deleted 8 days ago: no longer restorable, and the purge removes it.
    const old = new Date(Date.now() - 8 * 24 * 3_600_000);
    await deleteUser(owner, u.id, old);
    expect((await listTrash(owner)).rows.map((r) => r.id)).not.toContain(u.id);
    expect(code(await thrown(() => restoreDeletedUser(owner, u.id)))).toBe("not_found");
    const keep = await insertUser({ username: "trash.recent" });
    await deleteUser(owner, keep.id);
    expect(await purgeDeletedUsers()).toBe(1);
    const db = await dbReady();
    expect(await db.user.findUnique({ where: { id: u.id } })).toBeNull();
    expect(await db.userAlias.count({ where: { aliasNormalized: "trashy" } })).toBe(0);
    expect(await db.user.findUnique({ where: { id: keep.id } })).not.toBeNull();
    // Purged: the name is free again.
    await createUser(owner, { username: "trash.me", status: "ACTIVE", aliases: "trashy" });
    expect((await auditRows("user.delete")).length).toBeGreaterThanOrEqual(2);
    expect((await auditRows("user.restore")).at(-1)).toMatchObject({ targetLabel: "trash.me" });
  });
});
