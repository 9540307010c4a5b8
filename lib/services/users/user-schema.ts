// Validation for the Users area: one set of zod schemas for the Add user form, the user
// page and the services behind them.
import { z } from "zod";
import { emailField } from "../../validation";

export const USER_STATUSES = ["ACTIVE", "BYPASS", "DISABLED", "LOCKED_OUT"] as const;
export type UserStatusValue = (typeof USER_STATUSES)[number];
export const USER_STATUS_LABELS: Record<UserStatusValue, string> = {
  ACTIVE: "Active",
  BYPASS: "Bypass",
  DISABLED: "Disabled",
  LOCKED_OUT: "Locked Out",
};
/** What an administrator may set by hand: Locked Out is reached by failed attempts, and left by Unlock. */
export const SETTABLE_STATUSES = ["ACTIVE", "BYPASS", "DISABLED"] as const;

export const MAX_ALIASES = 8;
const IDENTIFIER = /^[\p{L}\p{N}._@+'-]+$/u;

export const usernameField = z
  .string()
  .trim()
  .min(1, "Enter a username.")
  .max(100, "A username has at most 100 characters.")
  .regex(IDENTIFIER, "Use letters, digits and . _ - @ + ' only (no spaces).");

const aliasField = z
  .string()
  .trim()
  .max(100, "An alias has at most 100 characters.")
  .regex(IDENTIFIER, "Aliases use letters, digits and . _ - @ + ' only (no spaces).");

const blank = (v: unknown) => (v === undefined || v === null ? "" : v);
const optionalEmail = z.preprocess(blank, z.union([z.literal("").transform(() => null), emailField]));
const optionalName = z.preprocess(
  blank,
  z
    .string()
    .trim()
    .max(200, "The full name has at most 200 characters.")
    .transform((v) => v || null),
);

/** Aliases as typed (one per line or comma separated), deduplicated case-insensitively. */
export const aliasesField = z
  .preprocess(blank, z.union([z.string(), z.array(z.string())]))
  .transform((v) => (Array.isArray(v) ? v : v.split(/[\n,]+/)).map((a) => a.trim()).filter(Boolean))
  .pipe(z.array(aliasField).max(MAX_ALIASES, `A user has at most ${MAX_ALIASES} aliases.`))
  .refine((list) => new Set(list.map((a) => a.toLowerCase())).size === list.length, "Each alias may appear only once.");

export const userProfileSchema = z.object({
  email: optionalEmail,
  realName: optionalName,
  // Locked Out is accepted only as "unchanged" (the service checks); Unlock leaves it.
  status: z.enum(USER_STATUSES, "Choose Active, Bypass or Disabled."),
  aliases: aliasesField,
});
export type UserProfileInput = z.infer<typeof userProfileSchema>;

export const createUserSchema = userProfileSchema.extend({
  status: z.enum(SETTABLE_STATUSES, "Choose Active, Bypass or Disabled."),
  username: usernameField,
  groupIds: z.array(z.string().max(64)).max(200).default([]),
});
export type CreateUserInput = z.infer<typeof createUserSchema>;
