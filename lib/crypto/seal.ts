// Sealing of secrets at rest: AES-256-GCM with a 96-bit random IV, bound by additional
// authenticated data to what the secret is for (so a sealed TOTP seed cannot be moved
// into another row). Format: "v1.<iv>.<ciphertext>.<tag>", each part base64url.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const VERSION = "v1";

export function seal(plaintext: string | Buffer, key: Buffer, context: string): string {
  if (key.length !== 32) throw new Error("seal key must be 32 bytes");
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return [VERSION, iv.toString("base64url"), ct.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(
    ".",
  );
}

export function unsealToBuffer(sealed: string, key: Buffer, context: string): Buffer {
  const parts = sealed.split(".");
  if (parts.length !== 4 || parts[0] !== VERSION) throw new Error("not a sealed value");
  const [, iv, ct, tag] = parts as [string, string, string, string];
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"), { authTagLength: 16 });
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]);
}

export function unseal(sealed: string, key: Buffer, context: string): string {
  return unsealToBuffer(sealed, key, context).toString("utf8");
}
