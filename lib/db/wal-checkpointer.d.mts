// Types of wal-checkpointer.mjs.
export declare const CHECKPOINT_INTERVAL_MS: number;
export type CheckpointResult = { type: "checkpoint"; busy: number; log: number; checkpointed: number };
export declare function startWalCheckpointer(opts: {
  databaseUrl: string | undefined;
  thread: boolean;
  intervalMs?: number;
  log?: (line: string) => void;
  onCheckpoint?: (result: CheckpointResult) => void;
}): { stop(): Promise<void> } | null;
