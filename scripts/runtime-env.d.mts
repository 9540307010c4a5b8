export const root: string;
export function prismaEnv(base?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
export function runtimeEnv(overrides?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
