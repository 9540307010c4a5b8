import { describe, expect, it } from "vitest";
import { updateAdminRole, deleteAdmin } from "../../db/admins";
import { makeAdmin } from "../../../test/helpers";
import { endAdminSessions, sessionAdmin } from "./session";

describe("console session", () => {
  it("resolves the administrator with the current role while the session version matches", async () => {
    const a = await makeAdmin("READ_ONLY");
    expect(await sessionAdmin(a.adminId, 0)).toMatchObject({ adminId: a.adminId, email: a.email, role: "READ_ONLY" });
    await updateAdminRole(a.adminId, "HELP_DESK");
    expect((await sessionAdmin(a.adminId, 0))?.role).toBe("HELP_DESK");
  });

  it("stops accepting a session cookie after sign-out (version bumped)", async () => {
    const a = await makeAdmin("ADMINISTRATOR");
    await endAdminSessions(a.adminId);
    expect(await sessionAdmin(a.adminId, 0)).toBeNull();
    expect(await sessionAdmin(a.adminId, 1)).toMatchObject({ adminId: a.adminId });
  });

  it("refuses a removed administrator", async () => {
    const a = await makeAdmin("OWNER");
    await deleteAdmin(a.adminId);
    expect(await sessionAdmin(a.adminId, 0)).toBeNull();
  });
});
