import { describe, expect, it } from "vitest";
import { hashPassword, PASSWORD_MAX_LENGTH, verifyPassword } from "./password";

describe("password hashing (argon2id)", () => {
  it("produces an argon2id hash with the OWASP parameters and a random salt", async () => {
    const a = await hashPassword("correct horse battery staple");
    const b = await hashPassword("correct horse battery staple");
    expect(a.startsWith("$argon2id$v=19$m=19456,t=2,p=1$")).toBe(true);
    expect(a).not.toBe(b);
    expect(a).not.toContain("correct horse");
  });

  it("verifies the right password and refuses a wrong one", async () => {
    const hashed = await hashPassword("correct horse battery staple");
    expect(await verifyPassword(hashed, "correct horse battery staple")).toBe(true);
    expect(await verifyPassword(hashed, "correct horse battery stapl")).toBe(false);
    expect(await verifyPassword(hashed, "Correct horse battery staple")).toBe(false);
    expect(await verifyPassword(hashed, "")).toBe(false);
  });

  it("returns false (does not throw) when there is no hash or the hash is malformed", async () => {
    expect(await verifyPassword(null, "anything at all")).toBe(false);
    expect(await verifyPassword(undefined, "anything at all")).toBe(false);
    expect(await verifyPassword("", "anything at all")).toBe(false);
    expect(await verifyPassword("not-a-hash", "anything at all")).toBe(false);
    expect(await verifyPassword("$argon2id$v=19$m=19456,t=2,p=1$broken", "anything at all")).toBe(false);
  });

  it(`accepts a password of exactly ${PASSWORD_MAX_LENGTH} characters and refuses a longer one even when it matches`, async () => {
    const max = "p".repeat(PASSWORD_MAX_LENGTH);
    expect(await verifyPassword(await hashPassword(max), max)).toBe(true);
    const tooLong = "p".repeat(PASSWORD_MAX_LENGTH + 1);
    expect(await verifyPassword(await hashPassword(tooLong), tooLong)).toBe(false);
  });
});
