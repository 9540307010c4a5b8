export type Cluster = {
  dir: string;
  port: number;
  url: (db?: string) => string;
  adminUrl: string;
  stop: () => void;
};
export function pgBinDir(): string | null;
export function pgAvailable(): boolean;
export function startCluster(opts?: { settings?: Record<string, string | number>; prefix?: string }): Promise<Cluster>;
