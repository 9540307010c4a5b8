import { describe, expect, it } from "vitest";
import { makeAdmin, makeApplication, thrown } from "../../../test/helpers";
import { ROLES, can, type Role } from "../../authz";
import { listAuditEntries } from "../../db/admin-audit-log";
import { dbReady } from "../../db/client";
import { insertGroup } from "../../db/users";
import { AppError } from "../../errors";
import { DEFAULT_ISSUE6_SECTIONS } from "../../policy";
import { applyApplicationPolicy, applyGroupPolicy } from "./assignments";
import { getEffectivePolicy, getGlobalPolicy } from "./effective-policy";
import {
  createPolicy,
  deletePolicy,
  describeAppliedTo,
  getPolicyForConsole,
  listPoliciesForConsole,
  updatePolicy,
} from "./manage-policies";
import { policyInputFromForm } from "./policy-form";

const appError = (e: unknown, code: string) => {
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe(code);
  return e as AppError;
};

const FULL = {
  newUserPolicy: { action: "require_enrollment" },
  authenticationPolicy: { action: "require_2fa" },
  authenticationMethods: { allowed: ["totp", "webauthn"] },
  trustedEndpoints: { mode: "allow_all", blockCompromised: false },
  rememberedDevices: { enabled: false, hours: 12 },
  authorizedNetworks: { allowList: [], allowWithout2fa: true, outside: "require_2fa" },
};

const auditOf = async (action: string) =>
  (await listAuditEntries({ limit: 500, action })).filter((r) => r.action === action);

describe("the Global Policy", () => {
  it("is listed first with every section (new ones at their defaults)", async () => {
    const owner = await makeAdmin("OWNER");
    const [g] = await listPoliciesForConsole(owner);
    expect(g).toMatchObject({ name: "Global Policy", isGlobal: true });
    expect(g!.settings).toMatchObject(DEFAULT_ISSUE6_SECTIONS);
    expect(Object.keys(g!.settings).sort()).toEqual(Object.keys(FULL).sort());
  });

  it("is saved with every section, audited, and read at once by the sign-in side (cache dropped)", async () => {
    const admin = await makeAdmin("ADMINISTRATOR");
    const g = await getGlobalPolicy();
    expect((await getEffectivePolicy(null, [])).settings.authenticationPolicy.action).toBe("require_2fa"); // warm the cache
    await updatePolicy(admin, g.id, {
      settings: {
        ...FULL,
        authenticationPolicy: { action: "bypass_2fa" },
        rememberedDevices: { enabled: true, hours: 24 },
      },
    });
    const eff = await getEffectivePolicy(null, []);
    expect(eff.settings.authenticationPolicy.action).toBe("bypass_2fa");
    expect(eff.settings.rememberedDevices).toEqual({ enabled: true, hours: 24 });
    const [row] = await auditOf("policy.update");
    expect(row).toBeTruthy();
    expect(JSON.parse(row!.after!)).toEqual({
      "Authentication policy": "Bypass 2FA",
      "Remembered devices": "Remember devices for 24 hours",
    });
    await updatePolicy(admin, g.id, { settings: FULL });
  });

  it("refuses a Global Policy with a section missing, naming the field", async () => {
    const admin = await makeAdmin("ADMINISTRATOR");
    const g = await getGlobalPolicy();
    const { trustedEndpoints: _omit, ...rest } = FULL;
    const e = appError(await thrown(() => updatePolicy(admin, g.id, { settings: rest })), "validation");
    expect(Object.keys(e.fieldErrors!)).toEqual(["trustedEndpoints"]);
  });

  it("keeps its name and cannot be deleted", async () => {
    const owner = await makeAdmin("OWNER");
    const g = await getGlobalPolicy();
    await updatePolicy(owner, g.id, { name: "Renamed", settings: FULL });
    expect((await getPolicyForConsole(owner, g.id)).name).toBe("Global Policy");
    const e = appError(await thrown(() => deletePolicy(owner, g.id)), "conflict");
    expect(e.message).toBe("The Global Policy cannot be deleted.");
    expect(await (await dbReady()).policy.count({ where: { isGlobal: true } })).toBe(1);
  });
});

describe("custom policies", () => {
  it("are created with only the sections set, renamed, and deleted with their assignments", async () => {
    const admin = await makeAdmin("ADMINISTRATOR");
    const p = await createPolicy(admin, {
      name: "  Contractors ",
      description: "Outside staff",
      settings: { trustedEndpoints: { mode: "require_trusted", blockCompromised: true } },
    });
    expect(p).toMatchObject({
      name: "Contractors",
      description: "Outside staff",
      isGlobal: false,
      settings: { trustedEndpoints: { mode: "require_trusted", blockCompromised: true } },
    });
    expect(Object.keys(p.settings)).toEqual(["trustedEndpoints"]);

    const input = {
      name: "Contractors (strict)",
      description: "",
      settings: { ...p.settings, authorizedNetworks: { allowList: ["192.0.2.9/24"], outside: "deny" } },
    };
    expect(await updatePolicy(admin, p.id, input)).toBe(true);
    const renamed = await getPolicyForConsole(admin, p.id);
    expect(renamed.name).toBe("Contractors (strict)");
    expect(renamed.description).toBeNull();
    expect(renamed.settings.authorizedNetworks).toEqual({
      allowList: ["192.0.2.0/24"],
      allowWithout2fa: true,
      outside: "deny",
    });
    // The same save again (as typed, before normalization) changes nothing and logs nothing.
    const logged = (await listAuditEntries({ limit: 100, action: "policy.update" })).length;
    expect(await updatePolicy(admin, p.id, input)).toBe(false);
    expect((await getPolicyForConsole(admin, p.id)).updatedAt).toEqual(renamed.updatedAt);
    expect((await listAuditEntries({ limit: 100, action: "policy.update" })).length).toBe(logged);

    const app = await makeApplication("Deleted-policy app");
    const group = await insertGroup({ name: "Deleted-policy group" });
    await applyApplicationPolicy(admin, app.id, p.id);
    await applyGroupPolicy(admin, app.id, p.id, [group.id]);
    expect(describeAppliedTo(await getPolicyForConsole(admin, p.id))).toEqual([
      "Deleted-policy app (whole application)",
      "Deleted-policy app (group Deleted-policy group)",
    ]);
    expect((await getEffectivePolicy(app.id, [])).sources.trustedEndpoints?.policyName).toBe("Contractors (strict)");

    await deletePolicy(admin, p.id);
    appError(await thrown(() => getPolicyForConsole(admin, p.id)), "not_found");
    expect(await (await dbReady()).policyAssignment.count({ where: { policyId: p.id } })).toBe(0);
    expect((await getEffectivePolicy(app.id, [group.id])).sources.trustedEndpoints?.scope ?? "global").toBe("global");
    const [row] = await auditOf("policy.delete");
    expect(JSON.parse(row!.before!)["applied to"]).toBe(
      "Deleted-policy app (whole application); Deleted-policy app (group Deleted-policy group)",
    );
    expect((await auditOf("policy.create")).some((r) => r.targetLabel === "Contractors")).toBe(true);
  });

  it.each([
    [{ name: "", settings: {} }, "name", "Enter a policy name."],
    [
      { name: "global policy", settings: {} },
      "name",
      "“Global Policy” is the built-in policy’s name. Choose another name.",
    ],
    [
      {
        name: "Bad CIDR",
        settings: { authorizedNetworks: { allowList: ["10.0.0.0/8", "10.0.0.0/99"], outside: "require_2fa" } },
      },
      "authorizedNetworks.allowList",
      "“10.0.0.0/99” is not an IP network. Use CIDR notation like 192.0.2.0/24 or 2001:db8::/32, or a single address.",
    ],
    [
      { name: "Hours", settings: { rememberedDevices: { enabled: true, hours: 721 } } },
      "rememberedDevices.hours",
      "Enter a whole number of hours from 1 to 720.",
    ],
    [
      { name: "Hours text", settings: { rememberedDevices: { enabled: true, hours: "twelve" } } },
      "rememberedDevices.hours",
      "Enter a whole number of hours from 1 to 720.",
    ],
    [
      { name: "No methods", settings: { authenticationMethods: { allowed: [] } } },
      "authenticationMethods.allowed",
      "Allow at least one authentication method.",
    ],
    [
      { name: "Deny empty", settings: { authorizedNetworks: { allowList: [], outside: "deny" } } },
      "authorizedNetworks.allowList",
      "Add at least one authorized network before denying access from other networks.",
    ],
  ])("refuses %j with an error beside %s and saves nothing", async (input, field, message) => {
    const admin = await makeAdmin("ADMINISTRATOR");
    const before = await (await dbReady()).policy.count();
    const e = appError(await thrown(() => createPolicy(admin, input)), "validation");
    expect(e.fieldErrors?.[field]).toBe(message);
    expect(await (await dbReady()).policy.count()).toBe(before);
  });

  it("refuses a duplicate name on create and on rename", async () => {
    const admin = await makeAdmin("ADMINISTRATOR");
    await createPolicy(admin, { name: "Dup A", settings: {} });
    const b = await createPolicy(admin, { name: "Dup B", settings: {} });
    expect(
      appError(await thrown(() => createPolicy(admin, { name: "Dup A", settings: {} })), "validation").fieldErrors
        ?.name,
    ).toMatch(/already exists/);
    expect(
      appError(await thrown(() => updatePolicy(admin, b.id, { name: "Dup A", settings: {} })), "validation").fieldErrors
        ?.name,
    ).toMatch(/already exists/);
    expect((await getPolicyForConsole(admin, b.id)).name).toBe("Dup B");
  });

  it("reads the editor's form fields (configured sections only; networks one per line or comma separated)", () => {
    const fd = new FormData();
    fd.set("name", "From form");
    fd.set("configured.rememberedDevices", "on");
    fd.set("rememberedDevices.enabled", "on");
    fd.set("rememberedDevices.hours", "48");
    fd.set("configured.authorizedNetworks", "on");
    fd.set("authorizedNetworks.allowList", "192.0.2.0/24\n 2001:db8::/32, 198.51.100.7");
    fd.set("authorizedNetworks.outside", "deny");
    fd.set("newUserPolicy.action", "deny"); // not configured: ignored
    expect(policyInputFromForm(fd, false)).toEqual({
      name: "From form",
      description: "",
      settings: {
        rememberedDevices: { enabled: true, hours: 48 },
        authorizedNetworks: {
          allowList: ["192.0.2.0/24", "2001:db8::/32", "198.51.100.7"],
          allowWithout2fa: false,
          outside: "deny",
        },
      },
    });
    expect(Object.keys(policyInputFromForm(fd, true).settings)).toHaveLength(6);
  });
});

describe("permissions", () => {
  it.each(ROLES.map((r) => [r] as [Role]))("%s: view and manage as the matrix says", async (role) => {
    const actor = await makeAdmin(role);
    const owner = await makeAdmin("OWNER");
    const p = await createPolicy(owner, { name: `Perm ${role}`, settings: {} });
    const view = await thrown(() => listPoliciesForConsole(actor)).catch(() => null);
    if (can(role, "policies:view")) {
      expect((await listPoliciesForConsole(actor)).some((x) => x.id === p.id)).toBe(true);
    } else {
      appError(view, "forbidden");
    }
    if (can(role, "policies:manage")) {
      await updatePolicy(actor, p.id, { name: `Perm ${role} 2`, settings: {} });
      await deletePolicy(actor, p.id);
    } else {
      appError(await thrown(() => createPolicy(actor, { name: `By ${role}`, settings: {} })), "forbidden");
      appError(await thrown(() => updatePolicy(actor, p.id, { name: "x", settings: {} })), "forbidden");
      appError(await thrown(() => deletePolicy(actor, p.id)), "forbidden");
      expect((await getPolicyForConsole(owner, p.id)).name).toBe(`Perm ${role}`);
    }
  });

  it("lets Owner, Administrator and Application Manager manage policies, and nobody else", () => {
    expect(ROLES.filter((r) => can(r, "policies:manage"))).toEqual(["OWNER", "ADMINISTRATOR", "APPLICATION_MANAGER"]);
  });
});
