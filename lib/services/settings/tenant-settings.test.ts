import { describe, expect, it } from "vitest";
import { makeAdmin, thrown } from "../../../test/helpers";
import type { Role } from "../../authz";
import { listAuditEntries } from "../../db/admin-audit-log";
import { readSettings } from "../../db/settings";
import { AppError } from "../../errors";
import { getTenantSettings, normalizeBaseUrl, updateTenantSettings } from "./tenant-settings";

const DEFAULTS = { tenantName: "Portcullis", publicBaseUrl: "http://localhost:3000" };

async function assertUnchanged() {
  expect(await readSettings(["tenantName", "publicBaseUrl"])).toEqual({});
  expect(await listAuditEntries({ limit: 10, action: "settings." })).toEqual([]);
  expect(await getTenantSettings()).toEqual(DEFAULTS);
}

describe("normalizeBaseUrl", () => {
  it.each([
    ["https://idp.example.com/", "https://idp.example.com"],
    ["https://idp.example.com", "https://idp.example.com"],
    ["https://IDP.Example.COM:8443/portcullis///", "https://idp.example.com:8443/portcullis"],
    ["https://idp.example.com:443/", "https://idp.example.com"],
    ["http://localhost:3000", "http://localhost:3000"],
    ["https://idp.example.com/sso/?x=1#top", "https://idp.example.com/sso"],
  ])("%s -> %s", (input, output) => {
    expect(normalizeBaseUrl(input)).toBe(output);
  });

  it("throws on a string that is not a URL", () => {
    expect(() => normalizeBaseUrl("idp.example.com")).toThrow();
  });
});

describe("tenant settings (real database)", () => {
  it("reads the defaults (PORTCULLIS_BASE_URL) while nothing is stored", async () => {
    expect(await getTenantSettings()).toEqual(DEFAULTS);
  });

  it.each<Role>(["READ_ONLY", "HELP_DESK", "USER_MANAGER", "APPLICATION_MANAGER"])(
    "refuses a %s actor and changes nothing",
    async (role) => {
      const actor = await makeAdmin(role);
      const e = await thrown(() =>
        updateTenantSettings(actor, { tenantName: "Hacked", publicBaseUrl: "https://evil.example.com" }),
      );
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe("forbidden");
      await assertUnchanged();
    },
  );

  it.each([
    ["javascript:alert(1)", /absolute http:\/\/ or https:\/\/ URL/],
    ["ftp://idp.example.com", /absolute http:\/\/ or https:\/\/ URL/],
    ["/relative", /absolute http:\/\/ or https:\/\/ URL/],
    ["https://", /absolute http:\/\/ or https:\/\/ URL/],
    ["", /Enter the public base URL\./],
    ["https://idp.example.com/?tenant=1", /cannot have a query/],
    ["https://idp.example.com/#frag", /cannot have a query \(\?…\) or fragment/],
  ])("refuses the base URL %j with fieldErrors.publicBaseUrl and changes nothing", async (url, message) => {
    const actor = await makeAdmin("OWNER");
    const e = await thrown(() => updateTenantSettings(actor, { tenantName: "Acme", publicBaseUrl: url }));
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe("validation");
    expect((e as AppError).fieldErrors?.publicBaseUrl).toMatch(message);
    expect((e as AppError).fieldErrors?.tenantName).toBeUndefined();
    await assertUnchanged();
  });

  it("refuses an empty tenant name with fieldErrors.tenantName", async () => {
    const actor = await makeAdmin("OWNER");
    const e = await thrown(() =>
      updateTenantSettings(actor, { tenantName: "   ", publicBaseUrl: "https://idp.example.com" }),
    );
    expect((e as AppError).fieldErrors).toEqual({ tenantName: "Enter a tenant name." });
    await assertUnchanged();
  });

  it("stores a valid update (normalized), serves it, and audits before/after", async () => {
    const actor = await makeAdmin("ADMINISTRATOR");
    const saved = await updateTenantSettings(actor, {
      tenantName: "  Acme Corp ",
      publicBaseUrl: "https://SSO.acme.example/portcullis/",
    });
    const expected = { tenantName: "Acme Corp", publicBaseUrl: "https://sso.acme.example/portcullis" };
    expect(saved).toEqual({ settings: expected, changed: true });
    expect(await getTenantSettings()).toEqual(expected);
    expect(await readSettings(["tenantName", "publicBaseUrl"])).toEqual(expected);

    const rows = await listAuditEntries({ limit: 10, action: "settings." });
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row.action).toBe("settings.update");
    expect(row.actorLabel).toBe(actor.email);
    expect(row.targetType).toBe("settings");
    expect(row.ip).toBe(actor.ip);
    expect(JSON.parse(row.before!)).toEqual(DEFAULTS);
    expect(JSON.parse(row.after!)).toEqual(expected);

    // A second update sees the first one as "before" (the read cache was dropped); the log
    // names only what changed.
    await updateTenantSettings(actor, { tenantName: "Acme", publicBaseUrl: "https://sso.acme.example" });
    expect(await getTenantSettings()).toEqual({ tenantName: "Acme", publicBaseUrl: "https://sso.acme.example" });
    const [latest] = await listAuditEntries({ limit: 1, action: "settings.update" });
    expect(JSON.parse(latest!.before!)).toEqual(expected);
    expect(JSON.parse(latest!.after!)).toEqual({ tenantName: "Acme", publicBaseUrl: "https://sso.acme.example" });

    // The same values again: nothing is written and no entry is added.
    expect(
      await updateTenantSettings(actor, { tenantName: " Acme ", publicBaseUrl: "https://sso.acme.example/" }),
    ).toEqual({ settings: { tenantName: "Acme", publicBaseUrl: "https://sso.acme.example" }, changed: false });
    expect(await listAuditEntries({ limit: 10, action: "settings." })).toHaveLength(2);
  });
});
