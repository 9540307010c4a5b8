// The Admin API and Auth API doors in process: signed requests as Duo's clients build them
// (lib/duo-api/signature, checked against the Debian client's vectors in its own test),
// refusals that change nothing, the logs, and the console rules for API applications.
import { describe, expect, it, beforeAll } from "vitest";
import { generateSync } from "otplib";
import { authorizationHeader, canonicalize, signCanonical, type Params } from "../../duo-api/signature";
import { dbReady } from "../../db/client";
import { findApiUserByName } from "../../db/api-listings";
import { insertUser } from "../../db/users";
import { insertAuthenticator } from "../../db/authenticators";
import { sealSecret } from "../../crypto/secrets";
import { userTotpSealContext } from "../../mfa/totp-enrollment";
import { makeAdmin, thrown } from "../../../test/helpers";
import { handleAdminApi } from "./admin-api";
import { handleAuthApiV2, handleLegacyRestV1 } from "./auth-api";
import { protectApiApplication, resetSecretKey, saveApiApplication } from "./api-applications";
import type { ApiRequest } from "./request";
import type { AdminActor } from "../actor";

type App = { id: string; ikey: string; skey: string };

let owner: AdminActor;

async function apiApp(template: "admin-api" | "auth-api", grants: string[] = []): Promise<App> {
  const app = await protectApiApplication(owner, template);
  const skey = await resetSecretKey(owner, app.id);
  if (grants.length) await saveApiApplication(owner, app.id, { name: app.name, notes: "", grants });
  return { id: app.id, ikey: app.key, skey };
}

const rfc2822 = (d: Date) => d.toUTCString().replace("GMT", "-0000");

/** A request as duo_client builds it: v2, HMAC-SHA1, form body for POST, query otherwise. */
function signed(
  app: App,
  method: string,
  path: string,
  params: Record<string, string> = {},
  opts: { date?: Date; host?: string; skey?: string; version?: 1 | 2 } = {},
): ApiRequest {
  const p: Params = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, [v]]));
  const date = opts.version === 1 ? null : rfc2822(opts.date ?? new Date());
  const canonical = canonicalize(opts.version ?? 2, {
    method,
    host: opts.host ?? "localhost:3000",
    path,
    params: p,
    date: date ?? undefined,
  });
  const body = method === "POST" ? new URLSearchParams(params).toString() : "";
  return {
    method,
    path,
    query: method === "POST" ? {} : p,
    form: method === "POST" ? p : {},
    body,
    json: null,
    authorization: authorizationHeader(app.ikey, signCanonical(opts.skey ?? app.skey, canonical, "sha1")),
    date,
    ip: "192.0.2.50",
    userAgent: "Duo API Python/4.5.0",
  };
}

const failOf = (r: { status: number; envelope: unknown }) => ({
  status: r.status,
  code: (r.envelope as { code?: number }).code,
});

beforeAll(async () => {
  owner = await makeAdmin("OWNER");
});

describe("Admin API credentials", () => {
  it("accepts a correctly signed call, for the API hostname with or without its port", async () => {
    const app = await apiApp("admin-api", ["adminapi_read_resource"]);
    for (const host of ["localhost:3000", "LOCALHOST"]) {
      const r = await handleAdminApi(signed(app, "GET", "/admin/v1/users", { limit: "1" }, { host }));
      expect(r.status).toBe(200);
      expect(r.envelope).toMatchObject({ stat: "OK", metadata: { total_objects: expect.any(Number) } });
    }
  });

  it("refuses, with Duo's codes, a missing, malformed, stale, foreign or forged signature; nothing is created", async () => {
    const app = await apiApp("admin-api", ["adminapi_read_resource", "adminapi_write_resource"]);
    const auth = await apiApp("auth-api");
    const create = { username: "forged-user" };
    const base = signed(app, "POST", "/admin/v1/users", create);
    const cases: [ApiRequest, number, number][] = [
      [{ ...base, authorization: null }, 401, 40101],
      [{ ...base, authorization: "Basic !!!" }, 401, 40101],
      [{ ...base, date: null }, 401, 40104],
      [signed(app, "POST", "/admin/v1/users", create, { date: new Date(Date.now() - 6 * 60_000) }), 401, 40105],
      [signed(app, "POST", "/admin/v1/users", create, { date: new Date(Date.now() + 6 * 60_000) }), 401, 40105],
      [signed({ ...app, ikey: "DIAAAAAAAAAAAAAAAAAA" }, "POST", "/admin/v1/users", create), 401, 40102],
      [signed(auth, "POST", "/admin/v1/users", create), 401, 40102],
      [signed(app, "POST", "/admin/v1/users", create, { skey: "x".repeat(40) }), 401, 40103],
      [signed(app, "POST", "/admin/v1/users", create, { host: "api-elsewhere.example.com" }), 401, 40103],
      // A signature over other parameters than those sent.
      [{ ...base, form: { username: ["someone-else"] } }, 401, 40103],
      // libduo's date-less v1 signature only counts on /rest/v1.
      [signed(app, "POST", "/admin/v1/users", create, { version: 1 }), 401, 40104],
    ];
    for (const [req, status, code] of cases) expect(failOf(await handleAdminApi(req))).toEqual({ status, code });
    expect(await findApiUserByName("forged-user")).toBeNull();
    expect(failOf(await handleAdminApi(base))).toEqual({ status: 200, code: undefined });
    expect(await findApiUserByName("forged-user")).not.toBeNull();
  });

  it("refuses a call its permissions do not grant (403 40301), and changes nothing", async () => {
    const app = await apiApp("admin-api", ["adminapi_read_resource"]);
    const r = await handleAdminApi(signed(app, "POST", "/admin/v1/users", { username: "not-allowed" }));
    expect(r).toMatchObject({
      status: 403,
      envelope: {
        stat: "FAIL",
        code: 40301,
        message: "Access forbidden",
        message_detail: expect.stringContaining("Grant write resource"),
      },
    });
    expect(await findApiUserByName("not-allowed")).toBeNull();
    const logs = await handleAdminApi(
      signed(app, "GET", "/admin/v2/logs/authentication", {
        mintime: String(Date.now() - 60_000),
        maxtime: String(Date.now()),
      }),
    );
    expect(failOf(logs)).toEqual({ status: 403, code: 40301 });
  });

  it("a reset secret key replaces the old one at once", async () => {
    const app = await apiApp("admin-api", ["adminapi_read_resource"]);
    const next = await resetSecretKey(owner, app.id);
    expect(failOf(await handleAdminApi(signed(app, "GET", "/admin/v1/users")))).toEqual({ status: 401, code: 40103 });
    expect((await handleAdminApi(signed({ ...app, skey: next }, "GET", "/admin/v1/users"))).status).toBe(200);
  });

  it("writes every call of a known application to the Administrator Log, refusals included", async () => {
    const app = await apiApp("admin-api", ["adminapi_read_resource"]);
    await handleAdminApi(signed(app, "GET", "/admin/v1/users"));
    await handleAdminApi(signed(app, "GET", "/admin/v1/users", {}, { skey: "z".repeat(40) }));
    const rows = await (
      await dbReady()
    ).adminAuditLog.findMany({
      where: { action: "admin_api.request", targetId: app.id },
      orderBy: { createdAt: "asc" },
    });
    expect(rows.map((r) => [r.targetLabel, JSON.parse(r.after ?? "{}").status])).toEqual([
      ["GET /admin/v1/users", 200],
      ["GET /admin/v1/users", 401],
    ]);
    expect(rows[0]!.actorLabel).toBe(`Admin API: Admin API (${app.ikey})`);
  });
});

describe("Admin API use cases", () => {
  it("creates, modifies and deletes a user through the same use cases (audited, validated)", async () => {
    const app = await apiApp("admin-api", ["adminapi_read_resource", "adminapi_write_resource"]);
    const created = await handleAdminApi(
      signed(app, "POST", "/admin/v1/users", {
        username: "api.jane",
        realname: "Jane",
        aliases: "alias2=jj&alias1=jane.a",
      }),
    );
    expect(created.envelope).toMatchObject({
      stat: "OK",
      response: { username: "api.jane", realname: "Jane", alias1: "jane.a", alias2: "jj", status: "active" },
    });
    const id = (created.envelope as { response: { user_id: string } }).response.user_id;
    expect(failOf(await handleAdminApi(signed(app, "POST", "/admin/v1/users", { username: "API.JANE" })))).toEqual({
      status: 400,
      code: 40003,
    });
    expect(
      failOf(await handleAdminApi(signed(app, "POST", `/admin/v1/users/${id}`, { status: "locked out" }))),
    ).toEqual({
      status: 400,
      code: 40002,
    });
    const mod = await handleAdminApi(
      signed(app, "POST", `/admin/v1/users/${id}`, { status: "disabled", email: "j@example.com" }),
    );
    expect(mod.envelope).toMatchObject({ response: { status: "disabled", email: "j@example.com", alias1: "jane.a" } });
    expect((await handleAdminApi(signed(app, "DELETE", `/admin/v1/users/${id}`))).envelope).toEqual({
      stat: "OK",
      response: "",
    });
    expect(failOf(await handleAdminApi(signed(app, "GET", `/admin/v1/users/${id}`)))).toEqual({
      status: 404,
      code: 40401,
    });
    const actions = (
      await (await dbReady()).adminAuditLog.findMany({ where: { targetId: id }, orderBy: { createdAt: "asc" } })
    ).map((r) => r.action);
    expect(actions).toEqual(["user.create", "user.update", "user.delete"]);
  });

  it("pages users by limit/offset with metadata.next_offset until the last page", async () => {
    const app = await apiApp("admin-api", ["adminapi_read_resource"]);
    for (let i = 0; i < 5; i++) await insertUser({ username: `pager-${i}` });
    const seen: string[] = [];
    let offset: number | undefined = 0;
    let pages = 0;
    while (offset !== undefined) {
      const r = await handleAdminApi(signed(app, "GET", "/admin/v1/users", { limit: "2", offset: String(offset) }));
      const env = r.envelope as unknown as {
        response: { username: string }[];
        metadata: { next_offset?: number; total_objects: number };
      };
      seen.push(...env.response.map((u) => u.username));
      offset = env.metadata.next_offset;
      pages += 1;
    }
    expect(seen.filter((u) => u.startsWith("pager-"))).toEqual(["pager-0", "pager-1", "pager-2", "pager-3", "pager-4"]);
    expect(pages).toBe(Math.ceil(seen.length / 2));
    expect(failOf(await handleAdminApi(signed(app, "GET", "/admin/v1/users", { limit: "301" })))).toEqual({
      status: 400,
      code: 40002,
    });
  });
});

describe("Auth API", () => {
  const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
  let userId: string;
  beforeAll(async () => {
    const u = await insertUser({ username: "auth.user" });
    userId = u.id;
    await insertAuthenticator(userId, {
      type: "TOTP",
      name: "Phone",
      secretSealed: sealSecret(secret, userTotpSealContext(userId)),
      lastUsedStep: null,
    });
    await (await dbReady()).user.update({ where: { id: userId }, data: { isEnrolled: true } });
  });

  it("preauth asks for a second factor; a passcode is accepted once; wrong ones count towards the lockout", async () => {
    const app = await apiApp("auth-api");
    const pre = await handleAuthApiV2(signed(app, "POST", "/auth/v2/preauth", { username: "auth.user" }));
    expect(pre.envelope).toMatchObject({ stat: "OK", response: { result: "auth", devices: [{ type: "token" }] } });
    const code = generateSync({ secret });
    const ok = await handleAuthApiV2(
      signed(app, "POST", "/auth/v2/auth", { username: "auth.user", factor: "passcode", passcode: code, async: "0" }),
    );
    expect(ok.envelope).toMatchObject({ response: { result: "allow", status: "allow" } });
    const again = await handleAuthApiV2(
      signed(app, "POST", "/auth/v2/auth", { username: "auth.user", factor: "passcode", passcode: code, async: "0" }),
    );
    expect(again.envelope).toMatchObject({ response: { result: "deny" } });
    const rows = await (
      await dbReady()
    ).authLog.findMany({ where: { applicationId: app.id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.result, r.reason, r.factor])).toEqual([
      ["SUCCESS", "valid_passcode", "totp"],
      ["FAILURE", "invalid_passcode", "totp"],
    ]);
    const user = await (await dbReady()).user.findUnique({ where: { id: userId } });
    expect(user?.failedAttempts).toBe(1);
  });

  it("answers push, phone and SMS as Duo answers a factor the user's devices lack", async () => {
    const app = await apiApp("auth-api");
    for (const factor of ["push", "phone", "sms"]) {
      const r = await handleAuthApiV2(
        signed(app, "POST", "/auth/v2/auth", { username: "auth.user", factor, device: "auto" }),
      );
      expect(r).toMatchObject({ status: 400, envelope: { code: 40002, message_detail: "device" } });
    }
  });

  it("async auth returns a txid that only auth_status of the same application reads", async () => {
    const app = await apiApp("auth-api");
    const other = await apiApp("auth-api");
    const r = await handleAuthApiV2(
      signed(app, "POST", "/auth/v2/auth", {
        username: "auth.user",
        factor: "passcode",
        passcode: "000000",
        async: "1",
      }),
    );
    const txid = (r.envelope as { response: { txid: string } }).response.txid;
    expect((await handleAuthApiV2(signed(app, "GET", "/auth/v2/auth_status", { txid }))).envelope).toMatchObject({
      response: { result: "deny", status: "deny" },
    });
    expect(failOf(await handleAuthApiV2(signed(other, "GET", "/auth/v2/auth_status", { txid })))).toEqual({
      status: 400,
      code: 40002,
    });
  });

  it("logs a refused request of a known integration key in the Authentication Log, not an unknown key's", async () => {
    const app = await apiApp("auth-api");
    const stale = signed(
      app,
      "POST",
      "/auth/v2/preauth",
      { username: "auth.user" },
      { date: new Date(Date.now() - 3_600_000) },
    );
    expect(failOf(await handleAuthApiV2(stale))).toEqual({ status: 401, code: 40105 });
    const before = await (await dbReady()).authLog.count();
    const stranger = signed({ ...app, ikey: "DIZZZZZZZZZZZZZZZZZZ" }, "POST", "/auth/v2/preauth", {
      username: "auth.user",
    });
    expect(failOf(await handleAuthApiV2(stranger))).toEqual({ status: 401, code: 40102 });
    expect(await (await dbReady()).authLog.count()).toBe(before);
    const rows = await (await dbReady()).authLog.findMany({ where: { applicationId: app.id } });
    expect(rows.map((r) => [r.result, r.reason, JSON.parse(r.detail ?? "{}").code])).toEqual([
      ["FAILURE", "api_request_refused", 40105],
    ]);
  });

  it("serves libduo 1.x on /rest/v1 with its date-less v1 signature, and only there", async () => {
    const app = await apiApp("auth-api");
    const pre = await handleLegacyRestV1(
      signed(app, "POST", "/rest/v1/preauth.bson", { user: "auth.user" }, { version: 1 }),
    );
    expect(pre.envelope).toMatchObject({ stat: "OK", response: { result: "auth", factors: {} } });
    expect((pre.envelope as { response: { prompt: string } }).response.prompt).toContain("Passcode");
    const v2only = await handleAuthApiV2(
      signed(app, "POST", "/auth/v2/preauth", { username: "auth.user" }, { version: 1 }),
    );
    expect(failOf(v2only)).toEqual({ status: 401, code: 40104 });
  });
});

describe("API applications in the console", () => {
  it("only an Owner creates, edits or resets an Admin API application; Application Managers make Auth API ones", async () => {
    const administrator = await makeAdmin("ADMINISTRATOR");
    const appManager = await makeAdmin("APPLICATION_MANAGER");
    const readOnly = await makeAdmin("READ_ONLY");
    const code = (e: unknown) => (e as { code?: string }).code;
    expect(code(await thrown(() => protectApiApplication(administrator, "admin-api")))).toBe("forbidden");
    expect(code(await thrown(() => protectApiApplication(appManager, "admin-api")))).toBe("forbidden");
    expect(code(await thrown(() => protectApiApplication(readOnly, "auth-api")))).toBe("forbidden");
    const auth = await protectApiApplication(appManager, "auth-api");
    expect(await resetSecretKey(appManager, auth.id)).toMatch(/^[A-Za-z0-9]{40}$/);
    const admin = await protectApiApplication(owner, "admin-api");
    expect(code(await thrown(() => resetSecretKey(administrator, admin.id)))).toBe("forbidden");
    expect(
      code(await thrown(() => saveApiApplication(administrator, admin.id, { name: "x", notes: "", grants: [] }))),
    ).toBe("forbidden");
  });

  it("stores the secret key sealed, never in clear", async () => {
    const app = await apiApp("auth-api");
    const row = await (
      await dbReady()
    ).application.findUnique({ where: { id: app.id }, omit: { secretKeySealed: false } });
    expect(row?.secretKeySealed).toBeTruthy();
    expect(row?.secretKeySealed).not.toContain(app.skey);
  });
});
