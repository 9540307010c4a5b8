// Policy engine: typed settings, the effective policy (group > application > global),
// authorized-network matching and
// the pure decision for one sign-in. Plain data in and out: no Prisma, no next/*.
export * from "./settings";
export * from "./effective";
export * from "./evaluate";
export * from "./networks";
export * from "./describe";
