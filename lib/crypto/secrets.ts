// Sealing with the tenant's key from the environment (PORTCULLIS_SEAL_KEY).
import { hkdfSync } from "node:crypto";
import { env } from "../env";
import { seal, unseal } from "./seal";

let key: Buffer | undefined;
const sealKey = () => (key ??= Buffer.from(env().PORTCULLIS_SEAL_KEY, "base64"));

/** `context` names what the secret is and whose it is, e.g. "admin-totp:<adminId>". */
export const sealSecret = (plaintext: string, context: string) => seal(plaintext, sealKey(), context);
export const unsealSecret = (sealed: string, context: string) => unseal(sealed, sealKey(), context);

/** A 32-byte key for one purpose, derived from the seal key (HKDF-SHA256); never stored. */
export const derivedKey = (purpose: string): Buffer =>
  Buffer.from(hkdfSync("sha256", sealKey(), Buffer.alloc(0), `portcullis ${purpose}`, 32));
