// The Playwright fixtures every spec uses: import { test, expect } from "./support/fixtures".
//
//   tenant       what this test adds to the tenant, created in one call each and removed when
//                the test ends: end users (with an authenticator app whose codes the test
//                computes), groups, loopback service providers, applications protected for
//                them, custom policies applied to those applications, administrators, device
//                inventories and Authentication Log rows. Names are unique per test
//                (tenant.name("Loopback HR") -> "Loopback HR k3x9a1"), so specs run in any
//                order and side by side without seeing each other's data.
//   consoleAs    a page signed in as one of the setup project's administrators, by role
//                (e2e/support/accounts.ts), in its own browser context.
//   freshPage    a page in a new browser context with no cookies (another person's browser,
//                or the same person without an SSO session); closed when the test ends.
//   tenantData   (worker) the data helper process behind `tenant` (e2e/support/tenant.ts).
//
// Tenant-wide state (Global Policy, Settings, lockout, signing certificates, the Cisco Secure
// Endpoint integration, device identity) is not a fixture: the few tests that change it hold
// Playwright's "-exclusive-" lock or a named lock (see EXCLUSIVE and LOCKS below, and the
// README's "End-to-end tests" section), and put back what they changed.
import { randomBytes } from "node:crypto";
import { test as base, expect, type Browser, type Page } from "@playwright/test";
import { ACCOUNTS_BY_ROLE, ROLE_VALUES, authFile, type RoleLabel } from "./accounts";
import type { ProtectedApp } from "./applications";
import type { EndUser } from "./hosted-sign-in";
import { TenantData } from "./tenant";
import { TestSp, type TestSpOptions } from "./test-sp";
import { Authenticator, randomTotpSecret } from "./totp";

export { expect };

/** Test details for a test or describe that changes tenant-wide state: it runs with no other test beside it. */
export const EXCLUSIVE = { lock: "-exclusive-" } as const;
/** Named locks for tenant-wide things a few specs share (they never run at the same time as each other). */
export const LOCKS = {
  /** The one Cisco Secure Endpoint integration, and Trusted Endpoints' device identity settings. */
  trustedEndpoints: { lock: "trusted-endpoints-settings" },
  /** How many Owners exist: the last Owner may not be demoted, so no second Owner may exist meanwhile. */
  owners: { lock: "owners" },
} as const;

export const END_USER_PASSWORD = "End-user-Passw0rd-2026";

export type UserSpec = {
  /** Username stem; the test's unique tag is appended ("avery" -> "avery.k3x9a1"). */
  name?: string;
  realName?: string;
  /** Email local part stem (default: the username); the domain is e2e.example.com. */
  email?: string | null;
  password?: string | null;
  status?: "ACTIVE" | "BYPASS" | "DISABLED" | "LOCKED_OUT";
  failedAttempts?: number;
  /** Alias stems, made unique like the username. */
  aliases?: string[];
  groups?: Group[];
  /** Enrolled with an authenticator app (default), or not enrolled at all. */
  enrolled?: boolean;
  /** Authenticators shown in the console only. */
  authenticators?: { type: "TOTP" | "WEBAUTHN"; name: string }[];
};

export type Group = { id: string; name: string };

export type AppSettings = {
  /** Application name stem (made unique). */
  name?: string;
  nameIdFormat?: string;
  nameIdAttribute?: "username" | "email" | "userId";
  /** [user property (username, email, realName, userId, groups), SAML attribute name] */
  attributes?: Array<[string, string]>;
  sloUrl?: boolean;
  defaultRelayState?: string;
  permittedGroups?: Group[];
};

export type Admin = { id: string; name: string; email: string; password: string; role: RoleLabel };

export type Policy = { id: string; name: string };

/** An Admin API or Auth API application: integration key, secret key and API hostname. */
export type ApiApp = { id: string; name: string; ikey: string; skey: string; hostname: string };

class TestTenant {
  private readonly tag: string;
  private counter = 0;
  private readonly cleanups: Array<() => Promise<unknown>> = [];

  constructor(private readonly data: TenantData) {
    this.tag = randomBytes(4).readUInt32BE().toString(36).padStart(6, "0").slice(-6);
  }

  private unique(): string {
    this.counter += 1;
    return `${this.tag}${this.counter}`;
  }

  /** A display name unique to this test: "Loopback HR" -> "Loopback HR k3x9a1". */
  name(stem: string): string {
    return `${stem} ${this.unique()}`;
  }

  /** An identifier (username, alias, device ID) unique to this test: "avery" -> "avery.k3x9a1". */
  id(stem: string): string {
    return `${stem}.${this.unique()}`;
  }

  private onCleanup(fn: () => Promise<unknown>) {
    this.cleanups.unshift(fn);
  }

  async user(spec: UserSpec = {}): Promise<EndUser> {
    const username = this.id(spec.name ?? "user");
    const email = spec.email === null ? null : `${spec.email ? this.id(spec.email) : username}@e2e.example.com`;
    const password = spec.password === null ? null : (spec.password ?? END_USER_PASSWORD);
    const aliases = (spec.aliases ?? []).map((a) => `${a}-${this.unique()}`);
    const totp = spec.enrolled === false ? undefined : new Authenticator(randomTotpSecret());
    const ids = await this.data.call<Record<string, string>>("createUsers", {
      users: [
        {
          username,
          email,
          realName: spec.realName ?? username,
          password,
          status: spec.status,
          failedAttempts: spec.failedAttempts,
          aliases,
          groupIds: (spec.groups ?? []).map((g) => g.id),
          totpSecret: totp?.secret,
          authenticators: spec.authenticators,
        },
      ],
    });
    const id = ids[username]!;
    this.onCleanup(() => this.data.call("removeUsers", { ids: [id] }));
    return {
      id,
      username,
      email: email ?? "",
      realName: spec.realName ?? username,
      password: password ?? "",
      aliases,
      totp,
    };
  }

  /** Removes users by username when the test ends (users the test itself creates in the console). */
  forgetUsersAfterwards(...usernames: string[]) {
    this.onCleanup(() => this.data.call("removeUsersByName", { usernames }));
  }

  async group(stem = "Group", status?: "ACTIVE" | "BYPASS" | "DISABLED"): Promise<Group> {
    const name = this.name(stem);
    const ids = await this.data.call<Record<string, string>>("createGroups", { groups: [{ name, status }] });
    const id = ids[name]!;
    this.onCleanup(() => this.data.call("removeGroups", { ids: [id] }));
    return { id, name };
  }

  /** Removes groups by name when the test ends (groups the test itself creates in the console). */
  forgetGroupsAfterwards(...names: string[]) {
    this.onCleanup(() => this.data.call("removeGroups", { ids: [], names }));
  }

  /** A node-saml service provider on a free loopback port, stopped when the test ends. */
  async sp(options: Partial<TestSpOptions> = {}): Promise<TestSp> {
    const sp = await TestSp.start({ name: options.name ?? this.name("Loopback SP"), ...options });
    this.onCleanup(() => sp.stop());
    return sp;
  }

  /**
   * A Generic SAML Service Provider application for `sp` (its Entity ID and ACS URL, plus
   * `settings`), as the console's Save would store it; a loopback SP then reads the
   * application's Metadata URL. `sp` may also be just the values of an SP that is not
   * running (e.g. { entityId: "https://sp.example/", acsUrl: "https://sp.example/acs" }).
   * Removed when the test ends.
   */
  async app(
    sp: TestSp | { entityId: string; acsUrl: string; sloUrl?: string; options?: { name: string } },
    settings: AppSettings = {},
  ): Promise<ProtectedApp> {
    const app = await this.data.call<ProtectedApp>("createApplication", {
      name: this.name(settings.name ?? sp.options?.name ?? "Application"),
      entityId: sp.entityId,
      acs: [sp.acsUrl],
      sloUrl: settings.sloUrl ? sp.sloUrl : null,
      defaultRelayState: settings.defaultRelayState ?? null,
      nameIdFormat: settings.nameIdFormat,
      nameIdAttribute: settings.nameIdAttribute,
      attributes: (settings.attributes ?? []).map(([source, samlName]) => ({ source, samlName })),
      permittedGroupIds: (settings.permittedGroups ?? []).map((g) => g.id),
    });
    this.onCleanup(() => this.data.call("removeApplications", { ids: [app.id] }));
    if (sp instanceof TestSp) await sp.useIdp(app.metadataUrl);
    return app;
  }

  /**
   * An Admin API or Auth API application with its integration key and secret key (and, for
   * the Admin API, these permissions, e.g. "adminapi_read_resource"), as Protect an
   * Application, Generate secret key and Save make it. Removed when the test ends.
   */
  async apiApp(template: "admin-api" | "auth-api", grants: string[] = [], stem?: string): Promise<ApiApp> {
    const name = this.name(stem ?? (template === "admin-api" ? "Admin API" : "Auth API"));
    const app = await this.data.call<ApiApp>("createApiApplication", { template, name, grants });
    this.onCleanup(() => this.data.call("removeApplications", { ids: [app.id] }));
    return app;
  }

  /** Removes applications the test protected in the console when it ends. */
  forgetApplicationsAfterwards(...ids: string[]) {
    this.onCleanup(() => this.data.call("removeApplications", { ids }));
  }

  /**
   * A custom policy with these sections (lib/policy settings; sections left out inherit),
   * e.g. { newUserPolicy: { action: "deny" } }; applied to `app` (or to `groups` within it).
   */
  async policy(
    settings: Record<string, unknown>,
    apply?: { app: ProtectedApp; groups?: Group[] },
    stem = "Policy",
  ): Promise<Policy> {
    const name = this.name(stem);
    const id = await this.data.call<string>("createPolicy", { name, settings });
    this.onCleanup(() => this.data.call("removePolicies", { ids: [id] }));
    if (apply)
      await this.data.call("applyPolicy", {
        applicationId: apply.app.id,
        policyId: id,
        groupIds: apply.groups?.map((g) => g.id),
      });
    return { id, name };
  }

  /** Removes custom policies the test created in the console when it ends. */
  forgetPoliciesAfterwards(...names: string[]) {
    this.onCleanup(() => this.data.call("removePolicies", { ids: [], names }));
  }

  /** An administrator of this role who has not signed in yet (enrolls at first sign-in). */
  async admin(role: RoleLabel, stem = "admin"): Promise<Admin> {
    const local = this.id(stem);
    const a = {
      name: `E2E ${role} ${this.unique()}`,
      email: `${local}@e2e.example.com`,
      password: `Admin-Passw0rd-${this.unique()}`,
      role,
    };
    const id = await this.data.call<string>("createAdmin", { ...a, role: ROLE_VALUES[role] });
    this.forgetAdminsAfterwards(a.email);
    return { id, ...a };
  }

  /** Removes administrators (by email) when the test ends: ones the test added in the console. */
  forgetAdminsAfterwards(...emails: string[]) {
    this.onCleanup(() => this.data.call("removeAdmins", { emails }));
  }

  /** A Management Tools device inventory (enabled unless told), with its device API token. */
  async inventory(stem = "Inventory", enabled = true): Promise<{ id: string; name: string; token: string }> {
    const name = this.name(stem);
    const r = await this.data.call<{ id: string; token: string }>("createInventory", { name, enabled });
    this.forgetIntegrationsAfterwards({ ids: [r.id] });
    return { ...r, name };
  }

  /** Removes integrations (by id or kind, e.g. the Cisco one) when the test ends. */
  forgetIntegrationsAfterwards(which: { ids?: string[]; kinds?: string[] }) {
    this.onCleanup(() => this.data.call("removeIntegrations", which));
  }

  /** Removes endpoints (and their certificates) by device ID when the test ends. */
  forgetEndpointsAfterwards(...deviceIds: string[]) {
    this.onCleanup(() => this.data.call("removeEndpoints", { deviceIds }));
  }

  /** Bypass codes for a user, as an administrator issues them (shown once). */
  bypassCodes(user: Pick<EndUser, "id">, count = 1, reuseCount = 1): Promise<string[]> {
    return this.data.call<string[]>("issueBypassCodes", { userId: user.id, count, reuseCount });
  }

  /** Authentication Log rows for one username, `stepMs` apart (`ties` rows share each time). */
  authLogRows(rows: {
    username: string;
    count: number;
    start: string;
    stepMs: number;
    ties?: number;
    result: string;
    reason: string;
    factor?: string;
    applicationName?: string;
    ip?: string;
    endpointId?: string;
  }): Promise<number> {
    return this.data.call<number>("insertAuthLog", rows);
  }

  /** The stored fields of users, by username (null: no such user). */
  findUsers(usernames: string[]): Promise<Record<string, StoredUser | null>> {
    return this.data.call("findUsers", { usernames });
  }

  /** Something else to undo when the test ends (e.g. a setting put back through the console). */
  afterwards(fn: () => Promise<unknown>) {
    this.onCleanup(fn);
  }

  async cleanUp() {
    const errors: unknown[] = [];
    for (const fn of this.cleanups.splice(0)) await fn().catch((e: unknown) => errors.push(e));
    if (errors.length) throw errors[0];
  }
}

export type StoredUser = {
  username: string;
  email: string | null;
  realName: string | null;
  status: string;
  isEnrolled: boolean;
  deletedAt: string | null;
  aliases: string[];
  groups: string[];
};

export type { TestTenant };

type TestFixtures = {
  tenant: TestTenant;
  consoleAs: (role: RoleLabel) => Promise<Page>;
  freshPage: () => Promise<Page>;
};
type WorkerFixtures = { tenantData: TenantData };

async function consolePage(browser: Browser, role: RoleLabel, contexts: Array<{ close(): Promise<void> }>) {
  const context = await browser.newContext({ storageState: authFile(ACCOUNTS_BY_ROLE[role].key) });
  contexts.push(context);
  return context.newPage();
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  tenantData: [
    async ({}, use) => {
      const data = TenantData.start();
      await use(data);
      await data.stop();
    },
    { scope: "worker" },
  ],
  // Depends on consoleAs so that its clean-ups (which may use a console page) run before
  // those pages close.
  tenant: async ({ tenantData, consoleAs: _ }, use) => {
    const tenant = new TestTenant(tenantData);
    await use(tenant);
    await tenant.cleanUp();
  },
  consoleAs: async ({ browser }, use) => {
    const contexts: Array<{ close(): Promise<void> }> = [];
    await use((role) => consolePage(browser, role, contexts));
    for (const c of contexts) await c.close();
  },
  freshPage: async ({ browser }, use) => {
    const contexts: Array<{ close(): Promise<void> }> = [];
    await use(async () => {
      const context = await browser.newContext();
      contexts.push(context);
      return context.newPage();
    });
    for (const c of contexts) await c.close();
  },
});
