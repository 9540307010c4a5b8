// Test helpers that go through the real repositories (no mocks): administrators as actors.
import type { Role } from "../lib/authz";
import { hashPassword } from "../lib/crypto/password";
import { insertAdmin } from "../lib/db/admins";
import type { Actor } from "../lib/services/actor";

let n = 0;

/** Inserts an administrator with a real argon2id hash and returns it as an Actor. */
export async function makeAdmin(role: Role, opts: { email?: string; password?: string; name?: string } = {}): Promise<Actor & { password: string }> {
  n += 1;
  const email = opts.email ?? `${role.toLowerCase()}-${n}@example.com`;
  const password = opts.password ?? `correct horse battery ${n}`;
  const row = await insertAdmin({ email, name: opts.name ?? `Test ${role} ${n}`, role, passwordHash: await hashPassword(password) });
  return { adminId: row.id, email: row.email, role, ip: "192.0.2.10", password };
}

/** Runs `fn` and returns the error it throws (fails the test when it does not throw). */
export async function thrown(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected the call to throw, but it returned");
}
