import { describe, expect, it } from "vitest";
import { makeAdmin, makeApplication, thrown } from "../../../test/helpers";
import { listAuditEntries } from "../../db/admin-audit-log";
import { insertGroup } from "../../db/users";
import { AppError } from "../../errors";
import { evaluate } from "../../policy";
import {
  applyApplicationPolicy,
  applyGroupPolicy,
  getApplicationPolicyPanel,
  moveGroupPolicy,
  removePolicyAssignment,
} from "./assignments";
import { getEffectivePolicy, getGlobalPolicy } from "./effective-policy";
import { createPolicy } from "./manage-policies";

const code = (e: unknown) => (e as AppError).code;

describe("applying policies to an application and to groups within it", () => {
  it("shows the effective policy section by section with its sources, and precedence group > application > global", async () => {
    const manager = await makeAdmin("APPLICATION_MANAGER");
    const app = await makeApplication("Panel app");
    const staff = await insertGroup({ name: "Panel staff" });
    const contractors = await insertGroup({ name: "Panel contractors" });
    const appPolicy = await createPolicy(manager, {
      name: "Panel app policy",
      settings: { authenticationPolicy: { action: "bypass_2fa" }, rememberedDevices: { enabled: true, hours: 8 } },
    });
    const strict = await createPolicy(manager, {
      name: "Panel strict",
      settings: { authenticationPolicy: { action: "deny" } },
    });
    const lenient = await createPolicy(manager, {
      name: "Panel lenient",
      settings: {
        authenticationPolicy: { action: "require_2fa" },
        trustedEndpoints: { mode: "require_trusted", blockCompromised: true },
      },
    });

    let panel = await getApplicationPolicyPanel(manager, app.id);
    expect(panel.effective.map((s) => [s.label, s.source.scope])).toEqual([
      ["New User policy", "global"],
      ["Authentication policy", "global"],
      ["Authentication methods", "global"],
      ["Trusted Endpoints", "global"],
      ["Remembered devices", "global"],
      ["Authorized networks", "global"],
    ]);
    expect(panel.applicationPolicy).toBeNull();
    expect(panel.policyOptions.map((p) => p.name)).toEqual(
      expect.arrayContaining(["Panel app policy", "Panel strict", "Panel lenient"]),
    );
    expect(panel.policyOptions.map((p) => p.name)).not.toContain("Global Policy");

    await applyApplicationPolicy(manager, app.id, appPolicy.id);
    await applyGroupPolicy(manager, app.id, strict.id, [contractors.id]);
    await applyGroupPolicy(manager, app.id, lenient.id, [staff.id, contractors.id]); // contractors now get "lenient" instead
    panel = await getApplicationPolicyPanel(manager, app.id);
    const row = (label: string) => panel.effective.find((s) => s.label === label)!;
    expect(row("Authentication policy")).toMatchObject({
      summary: ["Bypass 2FA"],
      source: { scope: "application", policyName: "Panel app policy" },
    });
    expect(row("Remembered devices")).toMatchObject({
      summary: ["Remember devices for 8 hours"],
      source: { scope: "application" },
    });
    expect(row("New User policy").source).toMatchObject({ scope: "global", policyName: "Global Policy" });
    expect(panel.applicationPolicy?.policyName).toBe("Panel app policy");
    expect(panel.groupPolicies.map((g) => [g.policyName, g.groupName])).toEqual([
      ["Panel lenient", "Panel staff"],
      ["Panel lenient", "Panel contractors"],
    ]);
    expect(panel.groupPolicies[0]!.sections.map((s) => s.label)).toEqual([
      "Authentication policy",
      "Trusted Endpoints",
    ]);

    // What sign-in sees: members of a group policy, then the application policy, then global.
    const user = { status: "ACTIVE" as const, enrolledFactors: ["totp" as const], hasUsableBypassCode: false };
    expect(evaluate(await getEffectivePolicy(app.id, []), { user }).reason).toBe("policy_bypass");
    expect(evaluate(await getEffectivePolicy(app.id, [staff.id]), { user }).reason).toBe("endpoint_not_trusted");

    // Order: strict first for contractors.
    await applyGroupPolicy(manager, app.id, strict.id, [contractors.id]);
    panel = await getApplicationPolicyPanel(manager, app.id);
    expect(panel.groupPolicies.map((g) => g.policyName)).toEqual(["Panel lenient", "Panel strict"]);
    const both = [staff.id, contractors.id];
    expect((await getEffectivePolicy(app.id, both)).sources.authenticationPolicy.policyName).toBe("Panel lenient");
    await moveGroupPolicy(manager, app.id, panel.groupPolicies[1]!.assignmentId, "up");
    panel = await getApplicationPolicyPanel(manager, app.id);
    expect(panel.groupPolicies.map((g) => g.policyName)).toEqual(["Panel strict", "Panel lenient"]);
    expect(evaluate(await getEffectivePolicy(app.id, both), { user }).reason).toBe("policy_denied");
    await moveGroupPolicy(manager, app.id, panel.groupPolicies[0]!.assignmentId, "up"); // already first: no change
    expect((await getApplicationPolicyPanel(manager, app.id)).groupPolicies[0]!.policyName).toBe("Panel strict");

    // Removing
    await removePolicyAssignment(manager, app.id, panel.groupPolicies[0]!.assignmentId);
    await applyApplicationPolicy(manager, app.id, null);
    panel = await getApplicationPolicyPanel(manager, app.id);
    expect(panel.applicationPolicy).toBeNull();
    expect(panel.groupPolicies.map((g) => g.groupName)).toEqual(["Panel staff"]);
    expect(evaluate(await getEffectivePolicy(app.id, both), { user }).reason).toBe("endpoint_not_trusted");
    expect(evaluate(await getEffectivePolicy(app.id, [contractors.id]), { user }).reason).toBe("mfa_required");

    const actions = (await listAuditEntries({ limit: 500 }))
      .filter((r) => r.targetLabel === "Panel app")
      .map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "policy.apply",
        "policy.apply_group",
        "policy.reorder_groups",
        "policy.unapply_group",
        "policy.unapply",
      ]),
    );
  });

  it("refuses the Global Policy, unknown policies and groups, and an empty group list", async () => {
    const admin = await makeAdmin("ADMINISTRATOR");
    const app = await makeApplication("Refusal app");
    const p = await createPolicy(admin, { name: "Refusal policy", settings: {} });
    const g = await getGlobalPolicy();
    expect(((await thrown(() => applyApplicationPolicy(admin, app.id, g.id))) as AppError).fieldErrors).toEqual({
      policyId: "Choose a custom policy.",
    });
    expect(code(await thrown(() => applyApplicationPolicy(admin, app.id, "nope")))).toBe("validation");
    expect(((await thrown(() => applyGroupPolicy(admin, app.id, p.id, []))) as AppError).fieldErrors).toEqual({
      groupIds: "Choose at least one group.",
    });
    expect(code(await thrown(() => applyGroupPolicy(admin, app.id, p.id, ["missing-group"])))).toBe("validation");
    expect(code(await thrown(() => applyApplicationPolicy(admin, "missing-app", p.id)))).toBe("not_found");
    expect((await getApplicationPolicyPanel(admin, app.id)).groupPolicies).toEqual([]);
  });

  it("lets Read-only view the panel but not change it, and keeps Help Desk out", async () => {
    const owner = await makeAdmin("OWNER");
    const app = await makeApplication("Roles app");
    const p = await createPolicy(owner, { name: "Roles policy", settings: {} });
    const ro = await makeAdmin("READ_ONLY");
    const hd = await makeAdmin("HELP_DESK");
    const um = await makeAdmin("USER_MANAGER");
    expect((await getApplicationPolicyPanel(ro, app.id)).effective).toHaveLength(6);
    for (const actor of [ro, hd, um])
      expect(code(await thrown(() => applyApplicationPolicy(actor, app.id, p.id)))).toBe("forbidden");
    expect(code(await thrown(() => getApplicationPolicyPanel(hd, app.id)))).toBe("forbidden");
    expect((await getApplicationPolicyPanel(owner, app.id)).applicationPolicy).toBeNull();
  });
});
