// Users for the Users-page specs, written straight into the e2e database as the sign-in
// flow would leave them (Locked Out after failed attempts, enrolled authenticators), which
// the console itself cannot create. Run by e2e/support/users.ts like directory-script.mts.
// Prints one JSON line: username -> id.
import { insertAuthenticator } from "../../lib/db/authenticators.ts";
import { dbReady } from "../../lib/db/client.ts";
import { findGroupIdByName, findUserIdByUsername, insertGroup, insertUser } from "../../lib/db/users.ts";

type Spec = {
  username: string;
  email?: string;
  realName?: string;
  status?: string;
  failedAttempts?: number;
  aliases?: string[];
  groups?: string[];
  authenticators?: { type: "TOTP" | "WEBAUTHN"; name: string }[];
};

const input = JSON.parse(process.argv[2] ?? "[]") as Spec[];
const out: Record<string, string> = {};
const db = await dbReady();
for (const u of input) {
  let id = await findUserIdByUsername(u.username);
  if (!id) {
    const groupIds: string[] = [];
    for (const g of u.groups ?? [])
      groupIds.push(
        (await findGroupIdByName(g)) ?? (await insertGroup({ name: g, description: "End-to-end tests" })).id,
      );
    id = (
      await insertUser({
        username: u.username,
        email: u.email ?? null,
        realName: u.realName ?? null,
        status: u.status,
        aliases: u.aliases,
        groupIds,
      })
    ).id;
    if (u.status === "LOCKED_OUT")
      await db.user.update({ where: { id }, data: { failedAttempts: u.failedAttempts ?? 10, lockedAt: new Date() } });
    for (const [i, a] of (u.authenticators ?? []).entries()) {
      await insertAuthenticator(
        id,
        a.type === "TOTP"
          ? { type: "TOTP", name: a.name, secretSealed: "e2e-not-a-real-secret" }
          : { type: "WEBAUTHN", name: a.name, credentialId: `e2e-${id}-${i}`, publicKey: "e2e" },
      );
    }
  }
  out[u.username] = id;
}
console.log(JSON.stringify(out));
process.exit(0);
