import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { seal, unseal, unsealToBuffer } from "./seal";

const key = randomBytes(32);
const CONTEXT = "admin-totp:abc123";

/** Flips one bit of the decoded part `index` (1 = IV, 2 = ciphertext, 3 = tag). */
function flipBit(sealed: string, index: 1 | 2 | 3, byte = 0): string {
  const parts = sealed.split(".");
  const buf = Buffer.from(parts[index]!, "base64url");
  buf[byte] = buf[byte]! ^ 0x01;
  parts[index] = buf.toString("base64url");
  return parts.join(".");
}

function replacePart(sealed: string, index: 1 | 2 | 3, value: Buffer): string {
  const parts = sealed.split(".");
  parts[index] = value.toString("base64url");
  return parts.join(".");
}

describe("seal / unseal", () => {
  it("round-trips strings, unicode, empty strings and buffers", () => {
    for (const plaintext of ["JBSWY3DPEHPK3PXP", "pässwörd ✓ 密钥", "", "x".repeat(10_000)]) {
      expect(unseal(seal(plaintext, key, CONTEXT), key, CONTEXT)).toBe(plaintext);
    }
    const bytes = randomBytes(64);
    expect(unsealToBuffer(seal(bytes, key, CONTEXT), key, CONTEXT).equals(bytes)).toBe(true);
  });

  it('has the format "v1.<iv>.<ciphertext>.<tag>" with a 96-bit IV and a 128-bit tag, and hides the plaintext', () => {
    const sealed = seal("top secret seed", key, CONTEXT);
    const parts = sealed.split(".");
    expect(parts).toHaveLength(4);
    expect(parts[0]).toBe("v1");
    expect(Buffer.from(parts[1]!, "base64url")).toHaveLength(12);
    expect(Buffer.from(parts[2]!, "base64url")).toHaveLength("top secret seed".length);
    expect(Buffer.from(parts[3]!, "base64url")).toHaveLength(16);
    expect(sealed).not.toContain("top secret");
    for (const p of parts) expect(p).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it("gives a different result each time for the same plaintext (random IV)", () => {
    const a = seal("same", key, CONTEXT);
    const b = seal("same", key, CONTEXT);
    expect(a).not.toBe(b);
    expect(a.split(".")[1]).not.toBe(b.split(".")[1]);
    expect(unseal(a, key, CONTEXT)).toBe("same");
    expect(unseal(b, key, CONTEXT)).toBe("same");
  });

  it("refuses a tampered IV, ciphertext or tag", () => {
    const sealed = seal("a secret worth protecting", key, CONTEXT);
    expect(() => unseal(flipBit(sealed, 1), key, CONTEXT)).toThrow();
    expect(() => unseal(flipBit(sealed, 1, 11), key, CONTEXT)).toThrow();
    expect(() => unseal(flipBit(sealed, 2), key, CONTEXT)).toThrow();
    expect(() => unseal(flipBit(sealed, 2, 20), key, CONTEXT)).toThrow();
    expect(() => unseal(flipBit(sealed, 3), key, CONTEXT)).toThrow();
    expect(() => unseal(flipBit(sealed, 3, 15), key, CONTEXT)).toThrow();
  });

  it("refuses a truncated tag, even when it is a correct prefix of the real one", () => {
    const sealed = seal("a secret worth protecting", key, CONTEXT);
    const tag = Buffer.from(sealed.split(".")[3]!, "base64url");
    for (const len of [4, 8, 12, 15]) {
      expect(() => unseal(replacePart(sealed, 3, tag.subarray(0, len)), key, CONTEXT)).toThrow();
    }
    expect(() => unseal(replacePart(sealed, 3, Buffer.alloc(0)), key, CONTEXT)).toThrow();
  });

  it("refuses a value sealed for another context (AAD)", () => {
    const sealed = seal("seed", key, "admin-totp:alice");
    expect(() => unseal(sealed, key, "admin-totp:bob")).toThrow();
    expect(() => unseal(sealed, key, "")).toThrow();
    expect(unseal(sealed, key, "admin-totp:alice")).toBe("seed");
  });

  it("refuses a value sealed with another key", () => {
    const sealed = seal("seed", key, CONTEXT);
    expect(() => unseal(sealed, randomBytes(32), CONTEXT)).toThrow();
  });

  it("throws on a key that is not 32 bytes", () => {
    for (const len of [0, 16, 24, 31, 33, 64]) {
      expect(() => seal("x", randomBytes(len), CONTEXT)).toThrow("seal key must be 32 bytes");
    }
    const sealed = seal("x", key, CONTEXT);
    expect(() => unseal(sealed, key.subarray(0, 16), CONTEXT)).toThrow();
  });

  it("refuses strings that are not sealed values", () => {
    const sealed = seal("x", key, CONTEXT);
    const [, iv, ct, tag] = sealed.split(".");
    for (const bad of ["", "plain text", "v1.a.b", `v2.${iv}.${ct}.${tag}`, `${sealed}.extra`, `.${iv}.${ct}.${tag}`]) {
      expect(() => unseal(bad, key, CONTEXT)).toThrow();
    }
  });
});
