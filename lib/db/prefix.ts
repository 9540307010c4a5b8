/**
 * A literal prefix match as a range (index-friendly): Prisma's `startsWith` on SQLite passes
 * % and _ through to LIKE as wildcards. U+10FFFF sorts after every other character.
 */
export const prefixRange = (prefix: string) => ({ gte: prefix, lt: `${prefix}\u{10FFFF}` });
