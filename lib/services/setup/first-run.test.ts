import { describe, expect, it } from "vitest";
import { thrown } from "../../../test/helpers";
import { listAuditEntries } from "../../db/admin-audit-log";
import { countAdmins, findAdminCredentialsByEmail } from "../../db/admins";
import { verifyPassword } from "../../crypto/password";
import { AppError } from "../../errors";
import {
  createFirstOwner,
  isSetupNeeded,
  printSetupCodeIfNeeded,
  SETUP_CODE_WRONG,
  SETUP_THROTTLED,
} from "./first-run";
import { checkSetupCode } from "./setup-code";

const GOOD = {
  setupCode: "",
  email: "owner@example.com",
  name: "First Owner",
  password: "a long enough password",
  confirm: "a long enough password",
};

// The steps share this file's database and run in order: empty -> refused inputs -> one Owner.
describe("first-run setup (real database, in order)", () => {
  it("is needed on an empty database, and the server's log shows the one-time setup code", async () => {
    expect(await countAdmins()).toBe(0);
    expect(await isSetupNeeded()).toBe(true);
    const printed: string[] = [];
    expect(await printSetupCodeIfNeeded((t) => printed.push(t))).toBe(true);
    const code = /^ {4}([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})$/m.exec(printed.join("\n"))?.[1];
    expect(code).toBeDefined();
    expect(printed.join("\n")).toContain("http://localhost:3000/admin/setup");
    // Every start prints the same code until the Owner exists.
    const again: string[] = [];
    await printSetupCodeIfNeeded((t) => again.push(t));
    expect(again.join("\n")).toContain(code!);
    GOOD.setupCode = code!;
  });

  it("refuses to create the Owner without the setup code, or with a wrong one, and creates nobody", async () => {
    const { setupCode: _none, ...withoutCode } = GOOD;
    const missing = await thrown(() => createFirstOwner(withoutCode, "203.0.113.50"));
    expect(missing).toBeInstanceOf(AppError);
    expect((missing as AppError).fieldErrors).toEqual({ setupCode: "Enter the setup code from the server's log." });
    const wrong = await thrown(() => createFirstOwner({ ...GOOD, setupCode: "AAAA-BBBB-CCCC" }, "203.0.113.50"));
    expect((wrong as AppError).fieldErrors).toEqual({ setupCode: SETUP_CODE_WRONG });
    expect(await countAdmins()).toBe(0);
    const [refused] = await listAuditEntries({ limit: 10, action: "admin.setup_refused" });
    expect(refused).toMatchObject({ ip: "203.0.113.50" });
    // Typed in lower case with spaces, the code still counts.
    expect(await checkSetupCode(` ${GOOD.setupCode.toLowerCase().replace(/-/g, " ")} `)).toBe(true);
  });

  it("stops accepting codes from an address after 20 wrong ones", async () => {
    for (let i = 0; i < 20; i++)
      await thrown(() => createFirstOwner({ ...GOOD, setupCode: `WRONG-${i}` }, "203.0.113.66"));
    const e = await thrown(() => createFirstOwner(GOOD, "203.0.113.66"));
    expect((e as AppError).code).toBe("rate_limited");
    expect((e as AppError).message).toBe(SETUP_THROTTLED);
    expect(await countAdmins()).toBe(0);
  });

  it("refuses mismatched passwords with fieldErrors.confirm", async () => {
    const e = await thrown(() => createFirstOwner({ ...GOOD, confirm: "a long enough passw0rd" }));
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe("validation");
    expect((e as AppError).fieldErrors).toEqual({ confirm: "The passwords do not match." });
  });

  it("refuses a short password and a bad email with field messages", async () => {
    const e = await thrown(() =>
      createFirstOwner({ setupCode: GOOD.setupCode, email: "owner", name: "", password: "short", confirm: "short" }),
    );
    expect((e as AppError).code).toBe("validation");
    expect((e as AppError).fieldErrors).toEqual({
      email: "Enter a valid email address, like name@example.com.",
      name: "Enter a name.",
      password: "Use at least 12 characters.",
    });
  });

  it("still needs setup after refused attempts", async () => {
    expect(await countAdmins()).toBe(0);
    expect(await isSetupNeeded()).toBe(true);
    expect(await listAuditEntries({ limit: 10, action: "admin.create" })).toEqual([]);
  });

  it("creates exactly one Owner even when two submissions race", async () => {
    const results = await Promise.allSettled([
      createFirstOwner(GOOD, "203.0.113.5"),
      createFirstOwner({ ...GOOD, email: "other@example.com" }, "203.0.113.6"),
    ]);
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.reason).toBeInstanceOf(AppError);
    expect((refused[0]!.reason as AppError).code).toBe("conflict");
    expect(await countAdmins()).toBe(1);
    expect(await isSetupNeeded()).toBe(false);
  });

  it("stored the Owner with a verifiable argon2id hash and audited the creation", async () => {
    const owner =
      (await findAdminCredentialsByEmail("owner@example.com")) ??
      (await findAdminCredentialsByEmail("other@example.com"));
    expect(owner?.role).toBe("OWNER");
    expect(owner?.name).toBe("First Owner");
    expect(owner?.totpSecretSealed).toBeNull();
    expect(await verifyPassword(owner!.passwordHash, GOOD.password)).toBe(true);

    const rows = await listAuditEntries({ limit: 10, action: "admin.create" });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: "admin.create",
      actorLabel: owner!.email,
      targetType: "admin",
      targetLabel: owner!.email,
    });
    expect(JSON.parse(rows[0]!.after!)).toMatchObject({ email: owner!.email, role: "OWNER", via: "first-run setup" });
    expect(rows[0]!.after).not.toContain(GOOD.password);
    expect(JSON.stringify(await listAuditEntries({ limit: 100 }))).not.toContain(GOOD.setupCode);
  });

  it("discards the setup code once the Owner exists: nothing is printed any more", async () => {
    expect(await checkSetupCode(GOOD.setupCode)).toBe(false);
    const printed: string[] = [];
    expect(await printSetupCodeIfNeeded((t) => printed.push(t))).toBe(false);
    expect(printed).toEqual([]);
  });

  it("refuses a later call with conflict and creates nobody", async () => {
    const e = await thrown(() => createFirstOwner({ ...GOOD, email: "late@example.com" }));
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe("conflict");
    expect((e as AppError).message).toBe("Setup has already been completed. Sign in instead.");
    expect(await countAdmins()).toBe(1);
    expect(await findAdminCredentialsByEmail("late@example.com")).toBeNull();
  });
});
