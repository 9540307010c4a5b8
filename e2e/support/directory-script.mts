// End users and groups for the end-to-end tests, written straight into the e2e database
// (there is no Users page yet). Run by e2e/support/directory.ts as
//   PORTCULLIS_DATA_DIR=<abs e2e/.data> node scripts/with-env.mjs tsx e2e/support/directory-script.mts '<json>'
// so that it uses the running server's SQLite file and secrets. Idempotent: users and
// groups that exist are left as they are. Prints one JSON line: { users, groups } name -> id.
// With { "removeApplications": [id, ...] } it removes those applications (test teardown).
import { hashPassword } from "../../lib/crypto/password.ts";
import { deleteApplication, findApplicationById } from "../../lib/db/applications.ts";
import { findGroupIdByName, findUserIdByUsername, insertGroup, insertUser } from "../../lib/db/users.ts";

type UserSpec = { username: string; email?: string; realName?: string; status?: string; password: string; aliases?: string[]; groups?: string[] };
type Input = { groups?: string[]; users?: UserSpec[]; removeApplications?: string[] };

const input = JSON.parse(process.argv[2] ?? "{}") as Input;
const groups: Record<string, string> = {};
const users: Record<string, string> = {};

for (const name of input.groups ?? []) groups[name] = (await findGroupIdByName(name)) ?? (await insertGroup({ name, description: "End-to-end tests" })).id;
for (const u of input.users ?? []) {
  const existing = await findUserIdByUsername(u.username);
  if (existing) {
    users[u.username] = existing;
    continue;
  }
  const groupIds = (u.groups ?? []).map((g) => {
    const id = groups[g];
    if (!id) throw new Error(`group ${g} is not in the input's groups`);
    return id;
  });
  const created = await insertUser({ ...u, email: u.email ?? null, realName: u.realName ?? null, passwordHash: await hashPassword(u.password), groupIds });
  users[u.username] = created.id;
}
for (const id of input.removeApplications ?? []) if (await findApplicationById(id)) await deleteApplication(id);

console.log(JSON.stringify({ users, groups }));
process.exit(0);
