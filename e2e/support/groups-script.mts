// Test data for the Groups and Users-import specs, written straight into the e2e database
// (like directory-script.mts, which it does not change). Run by e2e/support/groups.ts as
//   PORTCULLIS_DATA_DIR=<abs e2e/.data> node scripts/with-env.mjs tsx e2e/support/groups-script.mts '<json>'
// Input (all optional, applied in this order):
//   createGroups: names; createUsers: { username, email?, realName?, password? }[];
//   memberships: { group, username }[];
//   findUsers: usernames -> their stored fields, aliases, group names (or null);
//   cleanup: { usernames, groups } -> removes those users, groups and the users' Authentication Log rows.
// Prints one JSON line: { users: { username: id }, groups: { name: id }, found: { username: … } }.
import { hashPassword } from "../../lib/crypto/password.ts";
import { dbReady } from "../../lib/db/client.ts";
import {
  findGroupIdByName,
  findUserIdByUsername,
  insertGroup,
  insertUser,
  normalizeIdentifier,
} from "../../lib/db/users.ts";

type Input = {
  createGroups?: string[];
  createUsers?: { username: string; email?: string; realName?: string; password?: string }[];
  memberships?: { group: string; username: string }[];
  findUsers?: string[];
  cleanup?: { usernames?: string[]; groups?: string[] };
};

const input = JSON.parse(process.argv[2] ?? "{}") as Input;
const db = await dbReady();
const groups: Record<string, string> = {};
const users: Record<string, string> = {};
const found: Record<string, unknown> = {};

for (const name of input.createGroups ?? [])
  groups[name] = (await findGroupIdByName(name)) ?? (await insertGroup({ name, description: "End-to-end tests" })).id;
for (const u of input.createUsers ?? []) {
  users[u.username] =
    (await findUserIdByUsername(u.username)) ??
    (
      await insertUser({
        username: u.username,
        email: u.email ?? null,
        realName: u.realName ?? null,
        passwordHash: u.password ? await hashPassword(u.password) : null,
      })
    ).id;
}
for (const m of input.memberships ?? []) {
  const groupId = groups[m.group] ?? (await findGroupIdByName(m.group));
  const userId = users[m.username] ?? (await findUserIdByUsername(m.username));
  if (!groupId || !userId) throw new Error(`membership ${m.username} in ${m.group}: unknown user or group`);
  await db.groupMember.upsert({
    where: { groupId_userId: { groupId, userId } },
    create: { groupId, userId },
    update: {},
  });
}
for (const username of input.findUsers ?? []) {
  const u = await db.user.findUnique({
    where: { usernameNormalized: normalizeIdentifier(username) },
    select: {
      username: true,
      email: true,
      realName: true,
      status: true,
      isEnrolled: true,
      deletedAt: true,
      aliases: { select: { alias: true } },
      memberships: { select: { group: { select: { name: true } } } },
    },
  });
  found[username] = u
    ? {
        ...u,
        aliases: u.aliases.map((a) => a.alias).sort(),
        groups: u.memberships.map((m) => m.group.name).sort(),
        memberships: undefined,
      }
    : null;
}
if (input.cleanup) {
  const names = (input.cleanup.usernames ?? []).map(normalizeIdentifier);
  const ids = (await db.user.findMany({ where: { usernameNormalized: { in: names } }, select: { id: true } })).map(
    (u) => u.id,
  );
  await db.authLog.deleteMany({
    where: { OR: [{ userId: { in: ids } }, { username: { in: input.cleanup.usernames ?? [] } }] },
  });
  await db.user.deleteMany({ where: { id: { in: ids } } });
  await db.group.deleteMany({
    where: { nameNormalized: { in: (input.cleanup.groups ?? []).map(normalizeIdentifier) } },
  });
}

console.log(JSON.stringify({ users, groups, found }));
process.exit(0);
