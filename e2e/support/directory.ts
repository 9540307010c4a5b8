// The end users of the end-to-end tenant. There is no Users page yet (a later issue), so
// they are written into the e2e database by a child process (directory-script.mts) that
// uses the running server's SQLite file and secrets. Created once per run: the ids are
// kept in e2e/.auth/directory.json, which e2e/start-server.mjs wipes with the database.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { AUTH_DIR } from "./accounts";

const ROOT = path.join(__dirname, "..", "..");
const DATA_DIR = path.join(ROOT, "e2e", ".data");
const FILE = path.join(AUTH_DIR, "directory.json");

export type EndUser = {
  username: string;
  email: string;
  realName: string;
  password: string;
  status?: "ACTIVE" | "DISABLED" | "BYPASS";
  aliases?: string[];
  groups: string[];
  totpSecret?: string;
};

/** A fixed base32 TOTP secret per test user (the authenticator app the directory enrolls for it). */
export function testTotpSecret(username: string): string {
  const bytes = createHash("sha1").update(`e2e-totp:${username}`).digest();
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0;
  let value = 0;
  let out = "";
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

export const GROUPS = { staff: "E2E Staff", contractors: "E2E Contractors" } as const;

const PASSWORD = "End-user-Passw0rd-2026";
export const END_USER_PASSWORD = PASSWORD;

/**
 * Sign-in test users; each has one role in the tests. Every one has an enrolled
 * authenticator app (testTotpSecret), so the Global Policy's default "Require 2FA" asks it
 * for a passcode after the password; e2e/support/hosted-sign-in.ts answers it.
 */
export const USERS = {
  /** Active, in E2E Staff; the real name has XML and HTML specials (escaped end to end). */
  avery: {
    username: "avery.active",
    email: "avery.active@e2e.example.com",
    realName: `Avery <Active> & "O'Neil"`,
    password: PASSWORD,
    groups: [GROUPS.staff],
  },
  /** Active, in E2E Staff, signs in by the alias "alexa" or by email. */
  alex: {
    username: "alex.alias",
    email: "Alex.Alias@e2e.example.com",
    realName: "Alex Alias",
    password: PASSWORD,
    aliases: ["alexa"],
    groups: [GROUPS.staff],
  },
  /** Disabled: "Account disabled". */
  dana: {
    username: "dana.disabled",
    email: "dana.disabled@e2e.example.com",
    realName: "Dana Disabled",
    password: PASSWORD,
    status: "DISABLED",
    groups: [GROUPS.staff],
  },
  /** Only in E2E Contractors, which group-restricted applications do not permit. */
  olaf: {
    username: "olaf.outsider",
    email: "olaf.outsider@e2e.example.com",
    realName: "Olaf Outsider",
    password: PASSWORD,
    groups: [GROUPS.contractors],
  },
  /** For the SSO session and Single Logout specs. */
  sam: {
    username: "sam.session",
    email: "sam.session@e2e.example.com",
    realName: "Sam Session",
    password: PASSWORD,
    groups: [GROUPS.staff],
  },
  /** For the Webex Control Hub spec (uid = email). */
  wendy: {
    username: "wendy.webex",
    email: "wendy.webex@e2e.example.com",
    realName: "Wendy Webex",
    password: PASSWORD,
    groups: [GROUPS.staff],
  },
} satisfies Record<string, EndUser>;

export type Directory = { users: Record<string, string>; groups: Record<string, string> };

/** Runs e2e/support/directory-script.mts with one input (see its header for the operations). */
export async function runScript(input: object): Promise<Directory & { codes: string[] }> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      path.join("scripts", "with-env.mjs"),
      "tsx",
      path.join("e2e", "support", "directory-script.mts"),
      JSON.stringify(input),
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        PORTCULLIS_DATA_DIR: DATA_DIR,
        DATABASE_URL: process.env.PORTCULLIS_E2E_DATABASE_URL || `file:${path.join(DATA_DIR, "portcullis.db")}`,
        NODE_ENV: "production",
      },
      timeout: 60_000,
    },
  );
  const last = stdout.trim().split("\n").pop() ?? "";
  return JSON.parse(last) as Directory & { codes: string[] };
}

/** Creates the test users and groups (once per run) and returns their ids. */
export async function ensureDirectory(): Promise<Directory> {
  if (existsSync(FILE)) return JSON.parse(readFileSync(FILE, "utf8")) as Directory;
  const { users, groups } = await runScript({
    groups: Object.values(GROUPS),
    users: Object.values(USERS).map((u) => ({ ...u, totpSecret: testTotpSecret(u.username) })),
  });
  const dir = { users, groups };
  writeFileSync(FILE, JSON.stringify(dir, null, 2) + "\n");
  return dir;
}

/** Test teardown: removes applications a spec created (by id), so later specs start from a short list. */
export async function removeApplications(ids: string[]): Promise<void> {
  if (ids.length) await runScript({ removeApplications: ids });
}

/** Creates more users (e.g. one per MFA spec), in E2E Staff unless told; without totpSecret they are unenrolled. */
export async function createUsers(users: EndUser[]): Promise<Record<string, string>> {
  return (await runScript({ groups: Object.values(GROUPS), users })).users;
}

/** Bypass codes for a user, as an administrator issues them (shown once). */
export async function issueBypassCodes(username: string, count = 1, reuseCount = 1): Promise<string[]> {
  return (await runScript({ bypassCodes: { username, count, reuseCount } })).codes;
}

export const setUserStatus = (username: string, status: "ACTIVE" | "BYPASS" | "DISABLED") =>
  runScript({ status: { [username]: status } });

/**
 * Replaces the Global Policy's settings (null: Duo's defaults), as the Policies editor (another
 * issue) will. The server caches policies for 5 s, so this waits that long afterwards.
 */
export async function setGlobalPolicy(settings: object | null): Promise<void> {
  await runScript({ globalPolicy: settings });
  await new Promise((r) => setTimeout(r, 5_500));
}

/**
 * Teardown of the MFA specs: they run (alphabetically) before specs that expect a new
 * tenant with no users, groups, policies or authentications (navigation.spec.ts), so they
 * remove what they and the directory added; the directory is created again on next use.
 */
export async function resetDirectory(): Promise<void> {
  await runScript({ reset: true });
  rmSync(FILE, { force: true });
}
