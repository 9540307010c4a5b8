type Env = Record<string, string | undefined>;

export const root: string;
export const SECRET_NAMES: string[];
export class SecretsError extends Error {}
export function secretProblem(name: string, value: string): string | null;
export function isInside(dir: string, file: string): boolean;
export function demoSecretsFile(dataDir: string, env?: Env): string;
export function ensureDemoSecrets(
  dataDir: string,
  env?: Env,
): { file: string; secrets: Record<string, string>; created: boolean };
export function prismaEnv(base?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
export function runtimeEnv(
  overrides?: Env,
  options?: { secrets?: "require" | "generate" | "read"; env?: Env },
): NodeJS.ProcessEnv;
