// The administrators of the end-to-end tenant. The setup project (e2e/setup/) creates them
// through the console and stores each one's session in e2e/.auth/<key>.json. Specs use these
// sessions as they are; a spec that signs an administrator in (or changes one) creates its own
// administrator with the `tenant` fixture (e2e/support/fixtures.ts).
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

/** The role's value as the server stores it (Administrators page, Administrator Log). */
export const ROLE_VALUES: Record<RoleLabel, string> = {
  Owner: "OWNER",
  Administrator: "ADMINISTRATOR",
  "Application Manager": "APPLICATION_MANAGER",
  "User Manager": "USER_MANAGER",
  "Help Desk": "HELP_DESK",
  "Read-only": "READ_ONLY",
};
