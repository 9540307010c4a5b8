import { beforeEach, describe, expect, it } from "vitest";
import { isAppError } from "../../errors";
import { dbReady } from "../../db/client";
import { insertUser } from "../../db/users";
import { listAuditEntries } from "../../db/admin-audit-log";
import { makeAdmin, makeApplication, thrown } from "../../../test/helpers";
import {
  addGroupMembers,
  createGroup,
  deleteGroup,
  findUsersToAdd,
  getGroup,
  GROUPS_PAGE_SIZE,
  listGroupMembers,
  listGroupsForConsole,
  MEMBERS_PAGE_SIZE,
  removeGroupMember,
  updateGroup,
} from "./manage-groups";

const fieldErrors = (e: unknown) => (isAppError(e) ? e.fieldErrors : undefined);

describe("groups", () => {
  beforeEach(async () => {
    const db = await dbReady();
    await db.group.deleteMany();
    await db.user.deleteMany();
    await db.adminAuditLog.deleteMany();
  });

  it("creates, edits and refuses a name that differs only in case", async () => {
    const owner = await makeAdmin("OWNER");
    const g = await createGroup(owner, { name: "  Engineering ", description: "", status: "ACTIVE" });
    expect(g).toMatchObject({ name: "Engineering", description: null, status: "ACTIVE" });
    expect(
      fieldErrors(await thrown(() => createGroup(owner, { name: "ENGINEERING", description: "", status: "ACTIVE" }))),
    ).toEqual({ name: "A group named “Engineering” already exists." });
    expect(
      fieldErrors(await thrown(() => createGroup(owner, { name: "", description: "", status: "LOCKED" }))),
    ).toMatchObject({ name: "Enter a group name.", status: "Choose Active, Bypass or Disabled." });
    expect(
      fieldErrors(await thrown(() => createGroup(owner, { name: "a;b", description: "", status: "ACTIVE" }))),
    ).toMatchObject({ name: expect.stringContaining("semicolon") });

    const other = await createGroup(owner, { name: "Sales", description: "", status: "ACTIVE" });
    expect(
      fieldErrors(
        await thrown(() => updateGroup(owner, other.id, { name: "engineering", description: "", status: "ACTIVE" })),
      ),
    ).toMatchObject({ name: expect.stringContaining("already exists") });
    // Renaming to itself in another case is fine.
    const edit = { name: "engineering", description: "Builds things", status: "DISABLED" };
    expect(await updateGroup(owner, g.id, edit)).toBe(true);
    expect((await getGroup(owner, g.id)).group).toMatchObject(edit);
    // The same again: nothing changes, nothing is logged.
    expect(await updateGroup(owner, g.id, { ...edit, name: " engineering " })).toBe(false);

    const log = await listAuditEntries({ limit: 10, action: "group." });
    const update = log.find((l) => l.action === "group.update");
    expect(JSON.parse(update!.before!)).toEqual({ name: "Engineering", description: null, status: "ACTIVE" });
    expect(JSON.parse(update!.after!)).toEqual({
      name: "engineering",
      description: "Builds things",
      status: "DISABLED",
    });
    expect(log.filter((l) => l.action === "group.create")).toHaveLength(2);
  });

  it("enforces the roles: Help Desk and Read-only view, User Manager changes", async () => {
    const helpDesk = await makeAdmin("HELP_DESK");
    const readOnly = await makeAdmin("READ_ONLY");
    const appManager = await makeAdmin("APPLICATION_MANAGER");
    const userManager = await makeAdmin("USER_MANAGER");
    const input = { name: "Role test", description: "", status: "ACTIVE" };
    for (const a of [helpDesk, readOnly, appManager])
      expect(
        isAppError(await thrown(() => createGroup(a, input))) &&
          ((await thrown(() => createGroup(a, input))) as { code: string }).code,
      ).toBe("forbidden");
    const g = await createGroup(userManager, input);
    const user = await insertUser({ username: "role.user" });
    for (const a of [helpDesk, readOnly]) {
      await expect(listGroupsForConsole(a, {})).resolves.toMatchObject({ rows: [{ name: "Role test" }] });
      expect(await thrown(() => addGroupMembers(a, g.id, [user.id]))).toMatchObject({ code: "forbidden" });
      expect(await thrown(() => deleteGroup(a, g.id))).toMatchObject({ code: "forbidden" });
      expect(await thrown(() => updateGroup(a, g.id, input))).toMatchObject({ code: "forbidden" });
    }
    await expect(addGroupMembers(userManager, g.id, [user.id])).resolves.toEqual({ added: ["role.user"] });
  });

  it("pages groups by name with member counts and a name-prefix search", async () => {
    const owner = await makeAdmin("OWNER");
    const db = await dbReady();
    const names = Array.from({ length: GROUPS_PAGE_SIZE + 5 }, (_, i) => `Team ${String(i).padStart(3, "0")}`);
    await db.group.createMany({ data: names.map((name) => ({ name, nameNormalized: name.toLowerCase() })) });
    await createGroup(owner, { name: "Alpha", description: "", status: "BYPASS" });
    const alpha = (await listGroupsForConsole(owner, { q: "alp" })).rows;
    expect(alpha.map((r) => r.name)).toEqual(["Alpha"]);
    const u1 = await insertUser({ username: "u1" });
    const u2 = await insertUser({ username: "u2" });
    await addGroupMembers(owner, alpha[0]!.id, [u1.id, u2.id, u1.id]);

    const first = await listGroupsForConsole(owner, {});
    expect(first.rows).toHaveLength(GROUPS_PAGE_SIZE);
    expect(first.rows[0]).toMatchObject({ name: "Alpha", memberCount: 2, status: "BYPASS" });
    expect(first.rows[1]).toMatchObject({ name: "Team 000", memberCount: 0 });
    const second = await listGroupsForConsole(owner, { cursor: first.nextCursor! });
    expect(second.rows.map((r) => r.name)).toEqual(names.slice(GROUPS_PAGE_SIZE - 1));
    expect(second.nextCursor).toBeNull();
    const desc = await listGroupsForConsole(owner, { dir: "desc", q: "team" });
    expect(desc.rows[0]!.name).toBe(names[names.length - 1]);
    // A wildcard in the search is literal.
    expect((await listGroupsForConsole(owner, { q: "%" })).rows).toEqual([]);
  });

  it("adds, pages and removes members; search finds by username or email prefix", async () => {
    const owner = await makeAdmin("OWNER");
    const g = await createGroup(owner, { name: "Members", description: "", status: "ACTIVE" });
    const ids: string[] = [];
    for (let i = 0; i < MEMBERS_PAGE_SIZE + 3; i++)
      ids.push((await insertUser({ username: `member${String(i).padStart(3, "0")}`, email: `m${i}@corp.example` })).id);
    await insertUser({ username: "zed", email: "zed.person@corp.example" });
    expect((await addGroupMembers(owner, g.id, ids.slice(0, MEMBERS_PAGE_SIZE + 3))).added).toHaveLength(
      MEMBERS_PAGE_SIZE + 3,
    );
    const p1 = await listGroupMembers(owner, g.id, {});
    expect(p1.rows).toHaveLength(MEMBERS_PAGE_SIZE);
    expect(p1.rows[0]!.username).toBe("member000");
    const p2 = await listGroupMembers(owner, g.id, { cursor: p1.nextCursor! });
    expect(p2.rows.map((r) => r.username)).toEqual(["member050", "member051", "member052"]);
    expect(p2.nextCursor).toBeNull();

    const found = await findUsersToAdd(owner, g.id, "ZED.P");
    expect(found).toEqual([expect.objectContaining({ username: "zed", isMember: false })]);
    expect((await findUsersToAdd(owner, g.id, "member000"))[0]).toMatchObject({ isMember: true });

    await removeGroupMember(owner, g.id, ids[0]!);
    expect((await listGroupMembers(owner, g.id, {})).rows[0]!.username).toBe("member001");
    expect(await thrown(() => removeGroupMember(owner, g.id, ids[0]!))).toMatchObject({ code: "not_found" });
    expect(fieldErrors(await thrown(() => addGroupMembers(owner, g.id, ["no-such-user"])))).toMatchObject({
      userIds: expect.stringContaining("no longer exists"),
    });
    const log = await listAuditEntries({ limit: 10, action: "group.members" });
    expect(log.map((l) => l.action)).toEqual(["group.members_remove", "group.members_add"]);
    expect(JSON.parse(log[0]!.before!)).toEqual({ removed: ["member000"] });
  });

  it("deletes a group with its memberships and application links, and names the applications first", async () => {
    const owner = await makeAdmin("OWNER");
    const g = await createGroup(owner, { name: "Doomed", description: "", status: "ACTIVE" });
    const keep = await createGroup(owner, { name: "Kept", description: "", status: "ACTIVE" });
    const app = await makeApplication("HR Portal", { userAccess: "GROUPS", permittedGroupIds: [g.id, keep.id] });
    const u = await insertUser({ username: "doomed.member" });
    await addGroupMembers(owner, g.id, [u.id]);
    const { usage } = await getGroup(owner, g.id);
    expect(usage).toEqual({ applications: [{ id: app.id, name: "HR Portal" }], memberCount: 1, policyAssignments: 0 });

    await deleteGroup(owner, g.id);
    const db = await dbReady();
    expect(await db.groupMember.count({ where: { groupId: g.id } })).toBe(0);
    expect((await db.applicationGroup.findMany({ where: { applicationId: app.id } })).map((l) => l.groupId)).toEqual([
      keep.id,
    ]);
    expect(await db.user.count({ where: { id: u.id } })).toBe(1);
    expect(await thrown(() => getGroup(owner, g.id))).toMatchObject({ code: "not_found" });
    const [entry] = await listAuditEntries({ limit: 1, action: "group.delete" });
    expect(JSON.parse(entry!.before!)).toEqual({
      name: "Doomed",
      description: null,
      status: "ACTIVE",
      members: 1,
      applications: ["HR Portal"],
    });
  });
});
