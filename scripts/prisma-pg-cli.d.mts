import type { PrismaPg } from "@prisma/adapter-pg";
export function cliPgAdapter(url: string): PrismaPg;
