// Random identifiers for the sign-in hot path. node's randomBytes() cost ~4.7 µs a call on this
// machine (a new Buffer and a call into OpenSSL each time), and a round trip makes about seven
// identifiers. As Node's own randomUUID() does, this draws 4 KiB from the same CSPRNG at a time
// and hands out each byte once.
//
// For identifiers only: message and assertion IDs, SessionIndex, transient NameIDs, row ids.
// Keys, IVs and secret tokens keep calling randomBytes(), so no secret is ever drawn from bytes
// that sat in this pool.
import { randomFillSync } from "node:crypto";

const POOL_SIZE = 4096;
const pool = Buffer.alloc(POOL_SIZE);
let offset = POOL_SIZE;

/** `n` (1-256) fresh random bytes, a copy; no byte of the pool is handed out twice. */
export function randomIdBytes(n: number): Buffer {
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new RangeError(`randomIdBytes: ${n} bytes (1-256)`);
  if (offset + n > POOL_SIZE) {
    randomFillSync(pool);
    offset = 0;
  }
  const out = Buffer.from(pool.subarray(offset, offset + n));
  offset += n;
  return out;
}
