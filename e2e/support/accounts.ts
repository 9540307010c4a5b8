// The administrators of the end-to-end tenant. The setup project (e2e/setup/) creates them
// through the console and stores each one's session in e2e/.auth/<key>.json.
import path from "node:path";

export const AUTH_DIR = path.join(__dirname, "..", ".auth");
export const authFile = (key: string) => path.join(AUTH_DIR, `${key}.json`);

export type RoleLabel = "Owner" | "Administrator" | "Application Manager" | "User Manager" | "Help Desk" | "Read-only";

export type Account = { key: string; name: string; email: string; password: string; role: RoleLabel };

const PASSWORD = "Correct-Horse-42-Battery";

export const OWNER: Account = {
  key: "owner",
  name: "Olivia Owner",
  email: "owner@e2e.example.com",
  password: "Owner-Passphrase-2026!",
  role: "Owner",
};

/** One administrator per role other than Owner, created by the Owner in the setup project. */
export const ROLE_ACCOUNTS: Record<Exclude<RoleLabel, "Owner">, Account> = {
  Administrator: {
    key: "administrator",
    name: "Ada Administrator",
    email: "administrator@e2e.example.com",
    password: PASSWORD,
    role: "Administrator",
  },
  "Application Manager": {
    key: "app-manager",
    name: "Amir AppManager",
    email: "app-manager@e2e.example.com",
    password: PASSWORD,
    role: "Application Manager",
  },
  "User Manager": {
    key: "user-manager",
    name: "Uma UserManager",
    email: "user-manager@e2e.example.com",
    password: PASSWORD,
    role: "User Manager",
  },
  "Help Desk": {
    key: "help-desk",
    name: "Hank HelpDesk",
    email: "help-desk@e2e.example.com",
    password: PASSWORD,
    role: "Help Desk",
  },
  "Read-only": {
    key: "read-only",
    name: "Rita ReadOnly",
    email: "read-only@e2e.example.com",
    password: PASSWORD,
    role: "Read-only",
  },
};

export const ACCOUNTS_BY_ROLE: Record<RoleLabel, Account> = { Owner: OWNER, ...ROLE_ACCOUNTS };

/**
 * Administrators that sign in during the specs (created in setup, never signed in there).
 * Each has one purpose, so that a TOTP step or a failure counter is never shared.
 */
export const SPEC_ACCOUNTS = {
  signIn: {
    key: "sign-in",
    name: "Sam SignIn",
    email: "sign-in@e2e.example.com",
    password: PASSWORD,
    role: "Read-only",
  },
  throttle: {
    key: "throttle",
    name: "Theo Throttle",
    email: "throttle@e2e.example.com",
    password: PASSWORD,
    role: "Read-only",
  },
  keyboard: {
    key: "keyboard",
    name: "Kim Keyboard",
    email: "keyboard@e2e.example.com",
    password: PASSWORD,
    role: "Help Desk",
  },
  screenshots: {
    key: "screenshots",
    name: "Sol Screenshots",
    email: "screenshots@e2e.example.com",
    password: PASSWORD,
    role: "Read-only",
  },
} satisfies Record<string, Account>;
