export type Provider = "sqlite" | "postgresql";
export const root: string;
export const PROVIDERS: readonly Provider[];
export function providerOf(url: string | undefined): Provider;
export const baseSchemaPath: string;
export function schemaPath(provider: Provider): string;
export function migrationsPath(provider: Provider): string;
export function deriveSchema(base: string, provider: Provider): string;
export function ensureSchema(provider: Provider): string;
