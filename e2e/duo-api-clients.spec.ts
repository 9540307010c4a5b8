// Duo's own Debian clients against Portcullis, unchanged, over real TLS (Debian's nginx in
// front of the e2e server, a throw-away test CA, one per Playwright worker): python3-duo-client's
// duo_client.Admin and duo_client.Auth, and login_duo from login-duo 1.11. The first test
// protects the API applications in the console as an administrator would (Protect an
// Application, Generate secret key, permissions, Save); the others get theirs from the
// `tenant` fixture (the same service calls) and check every outcome as the client reports it
// and in the logs. Each test uses only its own applications, users and groups; the one that
// pages through every user of the tenant runs alone (EXCLUSIVE).
import type { Page } from "@playwright/test";
import { test as base, expect, EXCLUSIVE, type ApiApp } from "./support/fixtures";
import { authFile, OWNER } from "./support/accounts";
import { card } from "./support/applications";
import { field, heading } from "./support/console";
import { runDuoClient, runLoginDuo, type CallResult } from "./support/duo-clients";
import { startTlsFront, type TlsFront } from "./support/tls-front";
import { shot } from "./support/screenshots";

const PORT = Number(process.env.PORTCULLIS_E2E_PORT ?? 3100);

/** https://localhost:<front.port> -> the e2e server, for this worker's tests. */
const test = base.extend<object, { front: TlsFront }>({
  front: [
    async ({}, use) => {
      const front = await startTlsFront(`http://127.0.0.1:${PORT}`);
      await use(front);
      await front.stop();
    },
    { scope: "worker" },
  ],
});

test.use({ storageState: authFile(OWNER.key), viewport: { width: 1366, height: 900 } });

// JSON as the Python client printed it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

const ALL_GRANTS = [
  "adminapi_read_resource",
  "adminapi_write_resource",
  "adminapi_read_log",
  "adminapi_info",
  "adminapi_integrations",
];

/** A token unique to the test for names the Python side builds ("k3x9a11"). */
const runTag = (tenant: { id(stem: string): string }) => tenant.id("r").replace(/^r\./, "");

/** Applications → Protect an Application → <entry> → Generate secret key (shown once) → permissions → Save. */
async function protectApi(page: Page, entry: "Admin API" | "Auth API", name: string, grants: string[] = []) {
  await page.goto("/admin/applications/protect");
  await expect(heading(page, "Protect an Application")).toBeVisible();
  const row = page.getByTestId("catalog-entry").filter({ has: page.getByText(entry, { exact: true }) });
  await expect(row).toContainText("Protection type: API");
  await row.getByRole("button", { name: `Protect ${entry}` }).click();
  await expect(page).toHaveURL(/\/admin\/applications\/[^/?]+\?protected=1$/);
  const id = /\/admin\/applications\/([^/?]+)/.exec(page.url())![1]!;
  const details = card(page, "Details");
  await expect(details.getByTestId("secret-key-status")).toHaveText(/No secret key yet/);
  const ikey = await details.getByLabel("Integration key", { exact: true }).inputValue();
  const hostname = await details.getByLabel("API hostname", { exact: true }).inputValue();
  await details.getByRole("button", { name: "Generate secret key" }).click();
  const secret = details.getByTestId("new-secret-key").getByLabel("Secret key", { exact: true });
  await expect(secret).toHaveValue(/^[A-Za-z0-9]{40}$/);
  const skey = await secret.inputValue();
  for (const g of grants) await page.getByRole("checkbox", { name: new RegExp(`^${g}`) }).check();
  await field(page, "Name").fill(name);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("main").getByRole("status").filter({ hasText: "Application saved." })).toBeVisible();
  // Reloaded, the secret key is not shown again, only when it was set.
  await page.reload();
  await expect(card(page, "Details").getByTestId("secret-key-status")).toHaveText(/^Set .* not shown again\.$/);
  await expect(page.getByText(skey)).toHaveCount(0);
  expect(ikey).toMatch(/^DI[A-Z0-9]{18}$/);
  return { id, name, ikey, skey, hostname } satisfies ApiApp;
}

const cfg = (front: TlsFront, app: ApiApp) => ({
  ikey: app.ikey,
  skey: app.skey,
  port: front.port,
  caFile: front.caFile,
});

test("Protect an Application gives Admin API and Auth API applications with a secret key shown once", async ({
  page,
  tenant,
  front,
}) => {
  const adminName = tenant.name("E2E Admin API");
  const adminApp = await protectApi(page, "Admin API", adminName, [
    "Grant read resource",
    "Grant write resource",
    "Grant read log",
    "Grant read information",
    "Grant applications",
  ]);
  tenant.forgetApplicationsAfterwards(adminApp.id);
  expect(adminApp.hostname).toBe("localhost");
  const authApp = await protectApi(page, "Auth API", tenant.name("E2E Auth API"));
  tenant.forgetApplicationsAfterwards(authApp.id);
  await expect(page.getByRole("checkbox")).toHaveCount(0); // the Auth API has no Admin API permissions
  await expect(page.getByRole("heading", { level: 2, name: "Policy" })).toBeVisible();
  await shot(page, "auth-api-application");

  // The Admin API application as stored: the permissions ticked, every control labelled.
  await page.goto(`/admin/applications/${adminApp.id}`);
  await expect(page.getByRole("checkbox", { name: /^Grant write resource/ })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: /^Grant settings/ })).not.toBeChecked();
  for (const input of await page.getByRole("main").locator("input:not([type=hidden]), textarea").all())
    await expect(input).toHaveAccessibleName(/\S/);
  await shot(page, "admin-api-application");

  // The keys the console showed are the ones Duo's client signs with.
  const admin = await runDuoClient<Record<string, CallResult<Loose>>>(
    cfg(front, adminApp),
    `result = {"users": call(admin().get_users, limit=1), "v4": call(admin(sig_version=4).get_info_summary)}`,
  );
  expect(admin.users).toMatchObject({ ok: true });
  expect(admin.v4).toMatchObject({ ok: true, value: { user_count: expect.any(Number) } });
  const auth = await runDuoClient<Record<string, CallResult<Loose>>>(
    cfg(front, authApp),
    `result = {"check": call(auth().check), "admin_door": call(admin().get_users)}`,
  );
  expect(auth.check).toMatchObject({ ok: true, value: { time: expect.any(Number) } });
  expect(auth.admin_door).toMatchObject({ ok: false, status: 401, data: { stat: "FAIL", code: 40102 } });
});

test("duo_client.Admin creates, lists, modifies and deletes a user and a group", async ({ page, tenant, front }) => {
  const app = await tenant.apiApp("admin-api", ALL_GRANTS, "E2E Admin API");
  const run = runTag(tenant);
  // Whatever the client leaves behind if the test stops half-way.
  tenant.forgetUsersAfterwards(`duo-${run}-jane`, `duo-${run}-other`);
  tenant.forgetGroupsAfterwards(`Duo group ${run}`, `Duo group ${run} renamed`);
  type Out = Record<string, CallResult<Loose>>;
  const out = await runDuoClient<Out>(
    cfg(front, app),
    `
run = "${run}"
a = admin()
result = {}
result["create"] = call(a.add_user, "duo-" + run + "-jane", realname="Jane Doe", email="jane." + run + "@example.com", aliases="alias1=jd-" + run)
uid = result["create"]["value"]["user_id"] if result["create"]["ok"] else ""
other = call(a.add_user, "duo-" + run + "-other")
result["by_name"] = call(a.get_users_by_name, "duo-" + run + "-jane")
result["modify"] = call(a.update_user, uid, realname="Jane Q. Doe", status="bypass")
result["group"] = call(a.create_group, "Duo group " + run, desc="made by duo_client", status="active")
gid = result["group"]["value"]["group_id"] if result["group"]["ok"] else ""
result["add_to_group"] = call(a.add_user_group, uid, gid)
result["user_groups"] = call(a.get_user_groups, uid)
result["group_users"] = call(a.get_group_users, gid)
result["modify_group"] = call(a.modify_group, gid, name="Duo group " + run + " renamed", status="bypass")
result["get_group"] = call(a.get_group, gid, api_version=2)
result["page1"] = call(a.get_users, limit=2, offset=0)
result["duplicate"] = call(a.add_user, "duo-" + run + "-jane")
result["delete_user"] = call(a.delete_user, uid)
result["after_delete"] = call(a.get_user_by_id, uid)
result["delete_group"] = call(a.delete_group, gid)
result["after_group_delete"] = call(a.get_group, gid, api_version=2)
if other["ok"]:
    a.delete_user(other["value"]["user_id"])
`,
  );
  const v = (k: string) => {
    const r = out[k]!;
    expect(r, k).toMatchObject({ ok: true });
    return (r as { value: Loose }).value;
  };
  const jane = v("create");
  expect(jane).toMatchObject({
    username: `duo-${run}-jane`,
    realname: "Jane Doe",
    email: `jane.${run}@example.com`,
    status: "active",
    is_enrolled: false,
    alias1: `jd-${run}`,
    groups: [],
  });
  expect(v("by_name")).toEqual([expect.objectContaining({ user_id: jane.user_id })]);
  expect(v("modify")).toMatchObject({ realname: "Jane Q. Doe", status: "bypass" });
  expect(v("group")).toMatchObject({ name: `Duo group ${run}`, desc: "made by duo_client", status: "Active" });
  expect(v("user_groups")).toEqual([expect.objectContaining({ group_id: v("group").group_id })]);
  expect(v("group_users")).toEqual([{ user_id: jane.user_id, username: `duo-${run}-jane` }]);
  expect(v("modify_group")).toMatchObject({ name: `Duo group ${run} renamed`, status: "Bypass" });
  expect(v("get_group")).toMatchObject({ name: `Duo group ${run} renamed` });
  expect(v("page1")).toHaveLength(2); // at least jane and the other user exist meanwhile
  expect(out.duplicate).toMatchObject({ ok: false, status: 400, data: { stat: "FAIL", code: 40003 } });
  expect(v("delete_user")).toBe("");
  expect(out.after_delete).toMatchObject({ ok: false, status: 404, data: { stat: "FAIL", code: 40401 } });
  expect(v("delete_group")).toBe("");
  expect(out.after_group_delete).toMatchObject({ ok: false, status: 404, data: { code: 40401 } });

  // The Administrator Log shows each call and each change under the application's name.
  await page.goto("/admin/reports/administrator-log");
  const main = page.getByRole("main");
  await expect(main.getByText(`Admin API: ${app.name} (${app.ikey})`).first()).toBeVisible();
  const byApp = main.getByRole("row").filter({ hasText: `(${app.ikey})` });
  await expect(byApp.filter({ hasText: "User deleted (to trash)" }).first()).toBeVisible();
  await expect(
    byApp.filter({ hasText: "Admin API call" }).filter({ hasText: "DELETE /admin/v1/users/" }).first(),
  ).toBeVisible();
});

test(
  "duo_client.Admin pages through every user, two at a time, with next_offset",
  EXCLUSIVE,
  async ({ tenant, front }) => {
    // Offset paging over the whole tenant: no other test adds or removes users meanwhile.
    const app = await tenant.apiApp("admin-api", ["adminapi_read_resource"], "E2E Admin API paging");
    const mine = [
      await tenant.user({ name: "pg" }),
      await tenant.user({ name: "pg" }),
      await tenant.user({ name: "pg" }),
    ];
    const res = await runDuoClient<{ names: string[]; total: number; calls: number }>(
      cfg(front, app),
      `
paged = duo_client.Admin(ikey=cfg["ikey"], skey=cfg["skey"], host="localhost", port=cfg["port"], ca_certs=cfg["caFile"], paging_limit=2)
calls = [0]
real = paged.api_call
def counted(*a, **k):
    calls[0] += 1
    return real(*a, **k)
paged.api_call = counted
names = [u["username"] for u in paged.get_users_iterator()]
result = {"names": names, "total": len(admin().get_users()), "calls": calls[0]}
`,
    );
    expect(new Set(res.names).size).toBe(res.names.length); // nobody twice
    expect(res.names).toHaveLength(res.total); // nobody missed
    for (const u of mine) expect(res.names).toContain(u.username);
    expect(res.calls).toBe(Math.ceil(res.total / 2)); // two users per page, next_offset to the end
  },
);

test("Admin API refusals: wrong secret, unknown key, stale date, missing permission; nothing changes", async ({
  tenant,
  front,
}) => {
  const adminApp = await tenant.apiApp("admin-api", ALL_GRANTS, "E2E Admin API");
  const readOnlyApp = await tenant.apiApp("admin-api", ["adminapi_read_resource"], "E2E Admin API read-only");
  const authApp = await tenant.apiApp("auth-api");
  const run = runTag(tenant);
  tenant.forgetUsersAfterwards(`duo-${run}-nope`);
  const res = await runDuoClient<Record<string, CallResult>>(
    {
      ...cfg(front, adminApp),
      ...({
        auth_ikey: authApp.ikey,
        auth_skey: authApp.skey,
        ro_ikey: readOnlyApp.ikey,
        ro_skey: readOnlyApp.skey,
      } as object),
    },
    `
run = "${run}"
result = {}
result["wrong_secret"] = call(admin(skey="x" * 40).get_users)
result["unknown_key"] = call(admin(ikey="DIAAAAAAAAAAAAAAAAAA").get_users)
real = email.utils.formatdate
email.utils.formatdate = lambda *a, **k: real(time.time() - 600)
result["stale_date"] = call(admin().get_users)
email.utils.formatdate = real
result["auth_key_on_admin"] = call(admin(ikey=cfg["auth_ikey"], skey=cfg["auth_skey"]).get_users)
ro = admin(ikey=cfg["ro_ikey"], skey=cfg["ro_skey"])
result["read_allowed"] = call(ro.get_users, limit=1)
result["write_refused"] = call(ro.add_user, "duo-" + run + "-nope")
result["log_refused"] = call(ro.get_authentication_log, api_version=2)
result["sig_v4"] = call(admin(sig_version=4).get_users, limit=1)
result["nothing_created"] = call(admin().get_users_by_name, "duo-" + run + "-nope")
`,
  );
  const refused = (k: string, status: number, code: number) =>
    expect(res[k], k).toMatchObject({ ok: false, status, data: { stat: "FAIL", code } });
  refused("wrong_secret", 401, 40103);
  refused("unknown_key", 401, 40102);
  refused("stale_date", 401, 40105);
  refused("auth_key_on_admin", 401, 40102);
  refused("write_refused", 403, 40301);
  refused("log_refused", 403, 40301);
  expect(res.write_refused).toMatchObject({
    data: { message_detail: expect.stringContaining("Grant write resource") },
  });
  expect(res.read_allowed).toMatchObject({ ok: true });
  expect(res.sig_v4).toMatchObject({ ok: true });
  expect(res.nothing_created).toEqual({ ok: true, value: [] });
});

test("duo_client.Auth: ping, check, preauth and a passcode that lets the user in once", async ({ tenant, front }) => {
  const app = await tenant.apiApp("auth-api");
  const user = await tenant.user({ name: "duo-auth" });
  const nobody = tenant.id("nobody");
  const good = user.totp!.next();
  const res = await runDuoClient<Record<string, CallResult<Loose>>>(
    cfg(front, app),
    `
a = auth()
result = {}
result["ping"] = call(a.ping)
result["check"] = call(a.check)
result["bad_check"] = call(auth(skey="y" * 40).check)
result["preauth"] = call(a.preauth, username="${user.username}")
result["unknown"] = call(a.preauth, username="${nobody}")
result["push"] = call(a.auth, "push", username="${user.username}", device="auto")
result["allow"] = call(a.auth, "passcode", username="${user.username}", passcode="${good}")
result["replay"] = call(a.auth, "passcode", username="${user.username}", passcode="${good}")
`,
  );
  expect(res.ping).toMatchObject({ ok: true, value: { time: expect.any(Number) } });
  expect(res.check).toMatchObject({ ok: true });
  expect(res.bad_check).toMatchObject({ ok: false, status: 401, data: { code: 40103 } });
  expect(res.preauth).toMatchObject({
    ok: true,
    value: { result: "auth", devices: [expect.objectContaining({ type: "token", capabilities: ["mobile_otp"] })] },
  });
  expect(res.unknown).toMatchObject({ ok: true, value: { result: "deny" } });
  // Portcullis has no push: answered as Duo answers a factor the user's devices lack.
  expect(res.push).toMatchObject({ ok: false, status: 400, data: { code: 40002, message_detail: "device" } });
  expect(res.allow).toMatchObject({ ok: true, value: { result: "allow", status: "allow" } });
  expect(res.replay).toMatchObject({ ok: true, value: { result: "deny", status: "deny" } });
});

test("login_duo lets the user in with a valid passcode and refuses a wrong one; the Authentication Log matches", async ({
  page,
  tenant,
  front,
}) => {
  const app = await tenant.apiApp("auth-api");
  const user = await tenant.user({ name: "duo-login" });
  const ok = await runLoginDuo(
    { ...cfg(front, app), dir: front.dir },
    { user: user.username, typed: user.totp!.next(), remoteIp: "198.51.100.23" },
  );
  expect(ok.stdout, ok.stderr).toContain("PORTCULLIS-LOGIN-OK");
  expect(ok.code).toBe(0);
  const wrong = await runLoginDuo(
    { ...cfg(front, app), dir: front.dir },
    { user: user.username, typed: user.totp!.wrong(), remoteIp: "198.51.100.24" },
  );
  expect(wrong.stdout).not.toContain("PORTCULLIS-LOGIN-OK");
  expect(wrong.code).not.toBe(0);

  await page.goto(`/admin/reports/authentication-log?application=${app.id}`);
  const rows = page.getByTestId("authlog-row");
  await expect(rows.filter({ hasText: "198.51.100.23" }).filter({ hasText: "valid_passcode" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "198.51.100.24" }).filter({ hasText: "invalid_passcode" })).toHaveCount(1);
});

test("duo_client.Admin pages through the Authentication Log with next_offset", async ({ tenant, front }) => {
  const authApp = await tenant.apiApp("auth-api");
  const adminApp = await tenant.apiApp("admin-api", ["adminapi_read_log"], "E2E Admin API logs");
  const unknown = [1, 2, 3, 4, 5].map(() => tenant.id("nobody"));
  // Five Auth API preauths of unknown users: five Authentication Log rows of this application.
  const preauths = await runDuoClient<Array<CallResult<Loose>>>(
    cfg(front, authApp),
    `result = [call(auth().preauth, username=u) for u in ${JSON.stringify(unknown)}]`,
  );
  for (const p of preauths) expect(p).toMatchObject({ ok: true, value: { result: "deny" } });
  const res = await runDuoClient<{
    pages: number;
    txids: string[];
    users: string[];
    total: number;
    first: Loose;
  }>(
    cfg(front, adminApp),
    `
a = admin()
now = int(time.time() * 1000)
kw = dict(api_version=2, mintime=now - 3600 * 1000, maxtime=now + 60000, limit="2", applications=["${authApp.ikey}"])
txids, users, pages, offset, total, first = [], [], 0, None, None, None
while True:
    page = a.get_authentication_log(**(dict(kw, next_offset=offset) if offset else kw))
    pages += 1
    first = first or page["authlogs"][0]
    total = page["metadata"]["total_objects"]
    txids += [r["txid"] for r in page["authlogs"]]
    users += [r["user"]["name"] for r in page["authlogs"]]
    offset = page["metadata"].get("next_offset")
    if not offset:
        break
result = {"pages": pages, "txids": txids, "users": users, "total": total, "first": first}
`,
  );
  expect(res.total).toBe(5);
  expect(new Set(res.txids).size).toBe(5);
  expect([...res.users].sort()).toEqual([...unknown].sort());
  expect(res.pages).toBe(3);
  expect(res.first).toMatchObject({
    event_type: "authentication",
    result: "failure",
    application: { key: authApp.ikey, name: authApp.name },
  });
});
