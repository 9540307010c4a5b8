import { describe, expect, it } from "vitest";
import { dbReady } from "../../db/client";
import { DEFAULT_GLOBAL_POLICY_SETTINGS } from "../../policy";
import { makeApplication } from "../../../test/helpers";
import { getEffectivePolicy, getGlobalPolicy, invalidatePolicyCache } from "./effective-policy";

describe("effective policy from the database", () => {
  it("creates the Global Policy with Duo's defaults on first use, once", async () => {
    await invalidatePolicyCache();
    const a = await getGlobalPolicy();
    await invalidatePolicyCache();
    const b = await getGlobalPolicy();
    expect(b.id).toBe(a.id);
    expect(a.name).toBe("Global Policy");
    expect(a.settings.newUserPolicy).toEqual(DEFAULT_GLOBAL_POLICY_SETTINGS.newUserPolicy);
    expect(await (await dbReady()).policy.count({ where: { isGlobal: true } })).toBe(1);
  });

  it("applies an application policy and a group policy section by section", async () => {
    const db = await dbReady();
    const app = await makeApplication("Policy app");
    const group = await db.group.create({ data: { name: "Contractors", nameNormalized: "contractors" } });
    const appPolicy = await db.policy.create({
      data: { name: "App policy", settings: JSON.stringify({ authenticationPolicy: { action: "bypass_2fa" } }) },
    });
    const groupPolicy = await db.policy.create({
      data: { name: "Group policy", settings: JSON.stringify({ authenticationPolicy: { action: "deny" } }) },
    });
    await db.policyAssignment.create({ data: { policyId: appPolicy.id, applicationId: app.id } });
    await db.policyAssignment.create({ data: { policyId: groupPolicy.id, applicationId: app.id, groupId: group.id } });
    await invalidatePolicyCache();

    const outsider = await getEffectivePolicy(app.id, []);
    expect(outsider.settings.authenticationPolicy.action).toBe("bypass_2fa");
    expect(outsider.sources.authenticationPolicy.policyName).toBe("App policy");
    expect(outsider.sources.newUserPolicy.scope).toBe("global");

    const member = await getEffectivePolicy(app.id, [group.id]);
    expect(member.settings.authenticationPolicy.action).toBe("deny");
    expect(member.sources.authenticationPolicy.scope).toBe("group");

    const portal = await getEffectivePolicy(null, [group.id]);
    expect(portal.settings.authenticationPolicy.action).toBe("require_2fa");
  });
});
