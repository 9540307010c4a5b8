import { describe, expect, it } from "vitest";
import { makeAdmin, thrown } from "../../../test/helpers";
import { listAuditEntries } from "../../db/admin-audit-log";
import { countAdmins, findAdminById, findAdminCredentialsByEmail } from "../../db/admins";
import { verifyPassword } from "../../crypto/password";
import { AppError } from "../../errors";
import { changeAdministratorRole, createAdministrator, listAdministrators, removeAdministrator } from "./manage-admins";

const PASSWORD = "a long enough password";

function expectAppError(e: unknown, code: string): AppError {
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe(code);
  return e as AppError;
}

// One database for this file: each test makes its own administrators and checks only them.
describe("managing administrators (real database)", () => {
  it("an Owner creates an administrator: stored with a hashed password and audited", async () => {
    const owner = await makeAdmin("OWNER");
    const created = await createAdministrator(owner, {
      email: " Carol@Example.com ",
      name: " Carol ",
      role: "USER_MANAGER",
      password: PASSWORD,
    });
    expect(created).toMatchObject({
      email: "Carol@Example.com",
      name: "Carol",
      role: "USER_MANAGER",
      totpEnrolled: false,
    });
    expect(created).not.toHaveProperty("passwordHash");
    expect(await findAdminById(created.id)).toMatchObject({ email: "Carol@Example.com", role: "USER_MANAGER" });

    const creds = await findAdminCredentialsByEmail("carol@example.com");
    expect(creds?.passwordHash.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword(creds!.passwordHash, PASSWORD)).toBe(true);

    const [row] = (await listAuditEntries({ limit: 50, action: "admin.create" })).filter(
      (r) => r.targetLabel === "Carol@Example.com",
    );
    expect(row).toBeDefined();
    expect(row!.actorLabel).toBe(owner.email);
    expect(row!.targetType).toBe("admin");
    expect(JSON.parse(row!.after!)).toEqual({ email: "Carol@Example.com", name: "Carol", role: "USER_MANAGER" });
    expect(row!.after).not.toContain(PASSWORD);
    expect(row!.after).not.toContain("argon2");
  });

  it("refuses a duplicate email, whatever its case, with fieldErrors.email", async () => {
    const owner = await makeAdmin("OWNER");
    await createAdministrator(owner, {
      email: "dave@example.com",
      name: "Dave",
      role: "HELP_DESK",
      password: PASSWORD,
    });
    const before = await countAdmins();
    const e = expectAppError(
      await thrown(() =>
        createAdministrator(owner, { email: "DAVE@Example.COM", name: "Dave 2", role: "OWNER", password: PASSWORD }),
      ),
      // A field error like any other (checked together with the other fields), not a conflict.
      "validation",
    );
    expect(e.fieldErrors?.email).toBe("An administrator with this email already exists.");
    expect(await countAdmins()).toBe(before);
    expect((await findAdminCredentialsByEmail("dave@example.com"))?.role).toBe("HELP_DESK");
  });

  it("validates the input with field messages", async () => {
    const owner = await makeAdmin("OWNER");
    const before = await countAdmins();
    const e = expectAppError(
      await thrown(() => createAdministrator(owner, { email: "nope", name: "", role: "GOD", password: "short" })),
      "validation",
    );
    expect(e.fieldErrors).toEqual({
      email: "Enter a valid email address, like name@example.com.",
      name: "Enter a name.",
      role: "Choose a role.",
      password: "Use at least 12 characters.",
    });
    expect(await countAdmins()).toBe(before);
  });

  it("refuses an Administrator (not Owner) for list, create, change role and remove, changing nothing", async () => {
    const admin = await makeAdmin("ADMINISTRATOR");
    const target = await makeAdmin("READ_ONLY");
    const before = await countAdmins();
    const audits = (await listAuditEntries({ limit: 1000 })).length;

    expectAppError(await thrown(() => listAdministrators(admin)), "forbidden");
    expectAppError(
      await thrown(() =>
        createAdministrator(admin, { email: "eve@example.com", name: "Eve", role: "OWNER", password: PASSWORD }),
      ),
      "forbidden",
    );
    expectAppError(
      await thrown(() => changeAdministratorRole(admin, { adminId: target.adminId, role: "OWNER" })),
      "forbidden",
    );
    expectAppError(
      await thrown(() => changeAdministratorRole(admin, { adminId: admin.adminId, role: "OWNER" })),
      "forbidden",
    );
    expectAppError(await thrown(() => removeAdministrator(admin, target.adminId)), "forbidden");

    expect(await countAdmins()).toBe(before);
    expect(await findAdminCredentialsByEmail("eve@example.com")).toBeNull();
    expect((await findAdminById(target.adminId))?.role).toBe("READ_ONLY");
    expect((await findAdminById(admin.adminId))?.role).toBe("ADMINISTRATOR");
    expect(await listAuditEntries({ limit: 1000 })).toHaveLength(audits);
  });

  it("lists administrators for an Owner without secret columns", async () => {
    const owner = await makeAdmin("OWNER");
    const rows = await listAdministrators(owner);
    expect(rows.map((r) => r.id)).toContain(owner.adminId);
    for (const r of rows) {
      expect(r).not.toHaveProperty("passwordHash");
      expect(r).not.toHaveProperty("totpSecretSealed");
      expect(typeof r.totpEnrolled).toBe("boolean");
    }
  });

  it("changes a role and audits before/after; the same role is a no-op", async () => {
    const owner = await makeAdmin("OWNER");
    const target = await makeAdmin("READ_ONLY");
    await changeAdministratorRole(owner, { adminId: target.adminId, role: "HELP_DESK" });
    expect((await findAdminById(target.adminId))?.role).toBe("HELP_DESK");

    const rows = (await listAuditEntries({ limit: 100, action: "admin.role_change" })).filter(
      (r) => r.targetLabel === target.email,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.actorLabel).toBe(owner.email);
    expect(JSON.parse(rows[0]!.before!)).toEqual({ role: "READ_ONLY" });
    expect(JSON.parse(rows[0]!.after!)).toEqual({ role: "HELP_DESK" });

    await changeAdministratorRole(owner, { adminId: target.adminId, role: "HELP_DESK" });
    expect(
      (await listAuditEntries({ limit: 100, action: "admin.role_change" })).filter(
        (r) => r.targetLabel === target.email,
      ),
    ).toHaveLength(1);

    const e = expectAppError(
      await thrown(() => changeAdministratorRole(owner, { adminId: target.adminId, role: "ROOT" })),
      "validation",
    );
    expect(e.fieldErrors?.role).toBe("Choose a role.");
    expectAppError(
      await thrown(() => changeAdministratorRole(owner, { adminId: "no-such-admin", role: "OWNER" })),
      "not_found",
    );
  });

  it("removes an administrator and audits it; cannot remove yourself", async () => {
    const owner = await makeAdmin("OWNER");
    const target = await makeAdmin("USER_MANAGER");
    await removeAdministrator(owner, target.adminId);
    expect(await findAdminById(target.adminId)).toBeNull();
    const [row] = (await listAuditEntries({ limit: 100, action: "admin.remove" })).filter(
      (r) => r.targetLabel === target.email,
    );
    expect(row?.actorLabel).toBe(owner.email);
    expect(JSON.parse(row!.before!)).toMatchObject({ email: target.email, role: "USER_MANAGER" });

    const e = expectAppError(await thrown(() => removeAdministrator(owner, owner.adminId)), "conflict");
    expect(e.message).toBe("You cannot remove yourself.");
    expect(await findAdminById(owner.adminId)).not.toBeNull();
    expectAppError(await thrown(() => removeAdministrator(owner, target.adminId)), "not_found");
  });
});

// Last-Owner rules need a tenant with a known number of Owners: demote the others first.
describe("the last Owner", () => {
  it("cannot be demoted or removed; with two Owners one may go", async () => {
    const a = await makeAdmin("OWNER");
    // Demote every other Owner made by earlier tests, so that `a` is the only one left.
    for (const r of await listAdministrators(a)) {
      if (r.role === "OWNER" && r.id !== a.adminId)
        await changeAdministratorRole(a, { adminId: r.id, role: "ADMINISTRATOR" });
    }
    expect((await listAdministrators(a)).filter((r) => r.role === "OWNER").map((r) => r.id)).toEqual([a.adminId]);

    // The sole Owner cannot demote themself.
    const demote = expectAppError(
      await thrown(() => changeAdministratorRole(a, { adminId: a.adminId, role: "ADMINISTRATOR" })),
      "conflict",
    );
    expect(demote.message).toMatch(/at least one Owner/);
    expect((await findAdminById(a.adminId))?.role).toBe("OWNER");

    // An Owner session whose holder is no longer an Owner in the database (stale role)
    // still cannot remove or demote the last real Owner.
    const stale = { ...(await makeAdmin("ADMINISTRATOR")), role: "OWNER" as const };
    expectAppError(await thrown(() => removeAdministrator(stale, a.adminId)), "conflict");
    expectAppError(
      await thrown(() => changeAdministratorRole(stale, { adminId: a.adminId, role: "READ_ONLY" })),
      "conflict",
    );
    expect((await findAdminById(a.adminId))?.role).toBe("OWNER");

    // With a second Owner, the first can be demoted, and then the second is the last one.
    const b = await makeAdmin("OWNER");
    await changeAdministratorRole(b, { adminId: a.adminId, role: "ADMINISTRATOR" });
    expect((await findAdminById(a.adminId))?.role).toBe("ADMINISTRATOR");
    expectAppError(
      await thrown(() => changeAdministratorRole(b, { adminId: b.adminId, role: "READ_ONLY" })),
      "conflict",
    );
    expect((await findAdminById(b.adminId))?.role).toBe("OWNER");

    // Two Owners again: one may remove the other.
    const c = await makeAdmin("OWNER");
    await removeAdministrator(c, b.adminId);
    expect(await findAdminById(b.adminId)).toBeNull();
  });
});
