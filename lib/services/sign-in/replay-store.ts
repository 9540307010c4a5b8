// The ReplayStore of lib/saml backed by the ReplayEntry table (shared by every process).
import type { ReplayStore } from "../../saml";
import { claimReplayKey } from "../../db/sign-in-state";

export const dbReplayStore: ReplayStore = { claim: (key, expiresAt) => claimReplayKey(key, expiresAt) };
