// Password hashing with argon2id (@node-rs/argon2, prebuilt binaries, OWASP parameters).
import { hash, verify } from "@node-rs/argon2";

// OWASP 2024: argon2id, m=19 MiB, t=2, p=1.
const OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

// A real hash of a random password, so that an unknown account costs as much as a known one.
let decoy: Promise<string> | undefined;

/** Verifies a password; with no hash (unknown user) it still spends the same time and fails. */
export async function verifyPassword(hashed: string | null | undefined, password: string): Promise<boolean> {
  if (password.length > PASSWORD_MAX_LENGTH) return false;
  if (!hashed) {
    decoy ??= hashPassword(crypto.randomUUID());
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}
