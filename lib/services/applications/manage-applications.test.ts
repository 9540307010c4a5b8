import { beforeAll, describe, expect, it } from "vitest";
import { makeAdmin, thrown } from "../../../test/helpers";
import type { Role } from "../../authz";
import { listAuditEntries } from "../../db/admin-audit-log";
import { findApplicationById, listApplications } from "../../db/applications";
import { writeSettings } from "../../db/settings";
import { findKeysInState } from "../../db/signing-keys";
import { insertGroup } from "../../db/users";
import { AppError } from "../../errors";
import { applicationSettingsInput } from "./application-schema";
import { CATALOG } from "./catalog";
import {
  getApplication,
  protectApplication,
  removeApplication,
  saveApplication,
  uniqueName,
} from "./manage-applications";
import { BINDING_POST } from "./saml-options";

const BASE = "https://idp.test";

function expectAppError(e: unknown, code: string): AppError {
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe(code);
  return e as AppError;
}

/** The settings form of a stored application, as the server action would submit it unchanged. */
const formOf = applicationSettingsInput;

const auditRows = async (action: string, targetLabel: string) =>
  (await listAuditEntries({ limit: 500, action })).filter((r) => r.action === action && r.targetLabel === targetLabel);

beforeAll(async () => {
  // Tenant settings are cached for 5 s: set the public base URL before anything reads it.
  await writeSettings({ publicBaseUrl: BASE });
});

describe("protectApplication", () => {
  it("does not make SAML applications of the Admin API and Auth API entries (they have their own use case)", async () => {
    const owner = await makeAdmin("OWNER");
    for (const id of ["admin-api", "auth-api"])
      expect(((await thrown(() => protectApplication(owner, id))) as { code?: string }).code).toBe("not_found");
  });

  it.each(CATALOG.filter((c) => !c.api).map((c) => [c.id, c] as const))(
    "%s creates an application with a fresh key and the preset's settings",
    async (id, entry) => {
      const manager = await makeAdmin("APPLICATION_MANAGER");
      const app = await protectApplication(manager, id);
      expect(app.key).toMatch(/^DI[A-Z0-9]{18}$/);
      expect(app.template).toBe(id);
      const p = entry.preset;
      expect(app).toMatchObject({
        name: p.name,
        notes: null,
        spEntityId: p.spEntityId ?? null,
        acs: p.acs ?? [],
        sloUrl: p.sloUrl ?? null,
        spLoginUrl: null,
        defaultRelayState: null,
        nameIdFormat: p.nameIdFormat,
        nameIdAttribute: p.nameIdAttribute,
        attributes: p.attributes,
        signatureAlgorithm: "SHA256",
        signResponse: true,
        signAssertion: true,
        requireSignedRequests: false,
        spCertificatePem: null,
        userAccess: "ALL",
        permittedGroupIds: [],
      });
      expect(await findApplicationById(app.id)).toEqual(app);

      const audits = (await listAuditEntries({ limit: 500, action: "application.create" })).filter(
        (r) => JSON.parse(r.after ?? "{}").key === app.key,
      );
      expect(audits).toHaveLength(1);
      expect(audits[0]).toMatchObject({ actorLabel: manager.email, targetType: "application", targetLabel: p.name });
      expect(JSON.parse(audits[0]!.after!)).toEqual({ name: p.name, type: entry.name, key: app.key });
    },
  );

  it("gives every application its own key", async () => {
    const owner = await makeAdmin("OWNER");
    const keys = new Set<string>();
    for (let i = 0; i < 5; i++) keys.add((await protectApplication(owner, "generic-saml")).key);
    expect(keys.size).toBe(5);
  });

  it.each<Role>(["READ_ONLY", "HELP_DESK", "USER_MANAGER"])("refuses a %s actor and creates nothing", async (role) => {
    const actor = await makeAdmin(role);
    const before = (await listApplications({ sort: "name", dir: "asc" })).length;
    const audits = (await listAuditEntries({ limit: 1000, action: "application." })).length;
    expectAppError(await thrown(() => protectApplication(actor, "mailroute")), "forbidden");
    expect((await listApplications({ sort: "name", dir: "asc" })).length).toBe(before);
    expect((await listAuditEntries({ limit: 1000, action: "application." })).length).toBe(audits);
  });

  it("refuses an id that is not in the catalog", async () => {
    const owner = await makeAdmin("OWNER");
    expectAppError(await thrown(() => protectApplication(owner, "salesforce")), "not_found");
  });
});

describe("a new application's default name", () => {
  it("gives each new application of a type its own default name", async () => {
    const manager = await makeAdmin("APPLICATION_MANAGER");
    const names = [];
    for (let i = 0; i < 3; i++) names.push((await protectApplication(manager, "generic-saml")).name);
    const base = "Generic SAML Service Provider";
    expect(new Set(names).size).toBe(3);
    for (const n of names) expect(n).toMatch(new RegExp(`^${base}( \\d+)?$`));
  });

  it("uniqueName appends the first free number, ignoring case", () => {
    expect(uniqueName("App", [])).toBe("App");
    expect(uniqueName("App", ["app"])).toBe("App 2");
    expect(uniqueName("App", ["App", "App 2", "app 3", "App 5"])).toBe("App 4");
  });
});

describe("saveApplication", () => {
  it("stores a valid change and audits only the changed fields", async () => {
    const admin = await makeAdmin("ADMINISTRATOR");
    const app = await protectApplication(admin, "mailroute");
    const acs = [
      { index: 1, url: "https://admin.mailroute.net/saml2/acs/", binding: BINDING_POST, isDefault: false },
      { index: 2, url: "https://eu.mailroute.net/saml2/acs/", binding: BINDING_POST, isDefault: true },
    ];
    const { app: saved, changed } = await saveApplication(admin, app.id, {
      ...formOf(app),
      name: "MailRoute (EU)",
      acs,
      defaultRelayState: "/inbox",
    });
    expect(changed).toBe(true);
    expect(saved).toMatchObject({
      id: app.id,
      key: app.key,
      name: "MailRoute (EU)",
      acs,
      defaultRelayState: "/inbox",
      sloUrl: app.sloUrl,
    });
    expect(await findApplicationById(app.id)).toEqual(saved);

    const rows = await auditRows("application.update", "MailRoute (EU)");
    expect(rows).toHaveLength(1);
    expect(rows[0]!.actorLabel).toBe(admin.email);
    expect(JSON.parse(rows[0]!.before!)).toEqual({ name: app.name, acs: app.acs, defaultRelayState: null });
    expect(JSON.parse(rows[0]!.after!)).toEqual({ name: "MailRoute (EU)", acs, defaultRelayState: "/inbox" });
  });

  it("writes no audit row when nothing changed", async () => {
    const admin = await makeAdmin("ADMINISTRATOR");
    const app = await protectApplication(admin, "cisco-secure-email-encryption");
    await saveApplication(admin, app.id, { ...formOf(app), name: "CRES unchanged" });
    const renamed = (await findApplicationById(app.id))!;
    const before = (await listAuditEntries({ limit: 1000, action: "application.update" })).length;
    expect((await saveApplication(admin, app.id, formOf(renamed))).changed).toBe(false);
    expect((await listAuditEntries({ limit: 1000, action: "application.update" })).length).toBe(before);
    // Nothing was written either: the stored row keeps its update time.
    expect((await findApplicationById(app.id))!.updatedAt).toEqual(renamed.updatedAt);
  });

  it("refuses invalid input with fieldErrors and leaves the stored application unchanged", async () => {
    const admin = await makeAdmin("ADMINISTRATOR");
    const app = await protectApplication(admin, "mailroute");
    const stored = await findApplicationById(app.id);
    const e = expectAppError(
      await thrown(() =>
        saveApplication(admin, app.id, {
          ...formOf(app),
          name: "Hacked",
          acs: [{ index: 1, url: "javascript:alert(1)", binding: BINDING_POST, isDefault: true }],
          signResponse: false,
          signAssertion: false,
        }),
      ),
      "validation",
    );
    // Every bad field at once: the rule across fields (nothing signed) is reported beside the ACS URL.
    expect(e.fieldErrors).toEqual({
      "acs.0.url": "The ACS URL must be an absolute http:// or https:// URL.",
      signAssertion: "Sign the response, the assertion, or both: unsigned responses are never sent.",
    });
    expect(await findApplicationById(app.id)).toEqual(stored);
    expect(await auditRows("application.update", "Hacked")).toHaveLength(0);
  });

  it("refuses a permitted group that does not exist, and accepts one that does", async () => {
    const admin = await makeAdmin("ADMINISTRATOR");
    const app = await protectApplication(admin, "mailroute");
    const stored = await findApplicationById(app.id);
    const e = expectAppError(
      await thrown(() =>
        saveApplication(admin, app.id, { ...formOf(app), userAccess: "GROUPS", permittedGroupIds: ["no-such-group"] }),
      ),
      "validation",
    );
    expect(e.fieldErrors).toEqual({
      permittedGroupIds: "A chosen group no longer exists. Reload the page and choose again.",
    });
    expect(await findApplicationById(app.id)).toEqual(stored);

    const group = await insertGroup({ name: `Finance ${app.key}` });
    const { app: saved } = await saveApplication(admin, app.id, {
      ...formOf(app),
      userAccess: "GROUPS",
      permittedGroupIds: [group.id],
    });
    expect(saved).toMatchObject({ userAccess: "GROUPS", permittedGroupIds: [group.id] });
  });

  it("refuses a Read-only actor and an unknown application", async () => {
    const owner = await makeAdmin("OWNER");
    const app = await protectApplication(owner, "mailroute");
    const readOnly = await makeAdmin("READ_ONLY");
    expectAppError(
      await thrown(() => saveApplication(readOnly, app.id, { ...formOf(app), name: "Nope" })),
      "forbidden",
    );
    expect((await findApplicationById(app.id))?.name).toBe(app.name);
    expectAppError(await thrown(() => saveApplication(owner, "missing-id", formOf(app))), "not_found");
  });
});

describe("removeApplication", () => {
  it("deletes the application and audits it", async () => {
    const manager = await makeAdmin("APPLICATION_MANAGER");
    const app = await protectApplication(manager, "generic-saml");
    await saveApplication(manager, app.id, {
      ...formOf(app),
      name: `Doomed ${app.key}`,
      spEntityId: "https://doomed.example.com/sp",
      acs: [{ index: 0, url: "https://doomed.example.com/acs", binding: BINDING_POST, isDefault: true }],
    });
    await removeApplication(manager, app.id);
    expect(await findApplicationById(app.id)).toBeNull();
    const rows = await auditRows("application.remove", `Doomed ${app.key}`);
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.before!)).toEqual({
      name: `Doomed ${app.key}`,
      key: app.key,
      spEntityId: "https://doomed.example.com/sp",
    });
    expectAppError(await thrown(() => removeApplication(manager, app.id)), "not_found");
  });

  it("refuses a Help Desk actor and keeps the application", async () => {
    const app = await protectApplication(await makeAdmin("OWNER"), "generic-saml");
    const helpDesk = await makeAdmin("HELP_DESK");
    expectAppError(await thrown(() => removeApplication(helpDesk, app.id)), "forbidden");
    expect(await findApplicationById(app.id)).not.toBeNull();
  });
});

describe("getApplication", () => {
  it("shows the IdP URLs built from the tenant's public base URL and the active certificate's fingerprints", async () => {
    const app = await protectApplication(await makeAdmin("OWNER"), "mailroute");
    const view = await getApplication(await makeAdmin("READ_ONLY"), app.id);
    expect(view.app).toEqual(app);
    const root = `${BASE}/saml2/idp/${app.key}`;
    expect(view.urls).toEqual({
      entityId: `${root}/metadata`,
      ssoUrl: `${root}/sso`,
      sloUrl: `${root}/slo`,
      metadataUrl: `${root}/metadata`,
      certificateUrl: `${root}/certificate`,
    });

    const [active] = await findKeysInState(["ACTIVE"]);
    expect(active).toBeDefined();
    expect(view.certificatePem).toBe(active!.certificatePem);
    expect(view.certificate.sha1Fingerprint).toMatch(/^[0-9A-F]{2}(:[0-9A-F]{2}){19}$/);
    expect(view.certificate.sha256Fingerprint).toMatch(/^[0-9A-F]{2}(:[0-9A-F]{2}){31}$/);
    expect(view.certificate.sha1Fingerprint).toBe(active!.sha1Fingerprint);
    expect(view.certificate.sha256Fingerprint).toBe(active!.sha256Fingerprint);
    expect(view.certificate.notAfter.getTime()).toBeGreaterThan(Date.now());
  });

  it("lists the groups to choose from", async () => {
    const group = await insertGroup({ name: "Getters" });
    const app = await protectApplication(await makeAdmin("OWNER"), "generic-saml");
    const view = await getApplication(await makeAdmin("APPLICATION_MANAGER"), app.id);
    expect(view.groups).toContainEqual({ id: group.id, name: "Getters", status: "ACTIVE" });
  });

  it("refuses a Help Desk actor and an unknown id", async () => {
    const app = await protectApplication(await makeAdmin("OWNER"), "generic-saml");
    expectAppError(await thrown(async () => getApplication(await makeAdmin("HELP_DESK"), app.id)), "forbidden");
    expectAppError(await thrown(async () => getApplication(await makeAdmin("OWNER"), "missing-id")), "not_found");
  });
});
