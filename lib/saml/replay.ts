// Replay protection: each inbound message ID is claimed once, in a store the caller owns
// (a ReplayEntry table in the app, memory in tests and benchmarks).
import { SamlError } from "./errors";

export interface ReplayStore {
  /** Records `key` until `expiresAt`; false when it is already recorded and unexpired. */
  claim(key: string, expiresAt: Date): Promise<boolean>;
}

/** Claims a message's ID, throwing replayed_request when it was seen before. */
export async function claimMessageId(
  store: ReplayStore,
  message: { replayKey: string; replayExpiresAt: Date },
): Promise<void> {
  if (!(await store.claim(message.replayKey, message.replayExpiresAt))) {
    throw new SamlError("replayed_request", `message ID already used: ${JSON.stringify(message.replayKey)}`);
  }
}

const PRUNE_EVERY = 1000;

/** An in-process ReplayStore for tests and benchmarks; expired keys are pruned as it goes. */
export class MemoryReplayStore implements ReplayStore {
  private readonly expiries = new Map<string, number>();
  private claims = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Records `key` until `expiresAt`; false when it is already recorded and unexpired. */
  async claim(key: string, expiresAt: Date): Promise<boolean> {
    const now = this.now();
    if (++this.claims % PRUNE_EVERY === 0) {
      for (const [k, exp] of this.expiries) if (exp <= now) this.expiries.delete(k);
    }
    const existing = this.expiries.get(key);
    if (existing !== undefined && existing > now) return false;
    this.expiries.set(key, expiresAt.getTime());
    return true;
  }
}
