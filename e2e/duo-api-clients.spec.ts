// Duo's own Debian clients against Portcullis, unchanged, over real TLS (Debian's nginx in
// front of the e2e server, a throw-away test CA): python3-duo-client's duo_client.Admin and
// duo_client.Auth, and login_duo from login-duo 1.11. The API applications are protected in
// the console as an administrator would (Protect an Application, Generate secret key,
// permissions, Save); every outcome is checked as the client reports it and in the logs.
import { test, expect, type Page } from "@playwright/test";
import { authFile, OWNER } from "./support/accounts";
import { card } from "./support/applications";
import { field, heading } from "./support/console";
import { createUsers, removeApplications, testTotpSecret } from "./support/directory";
import { endUserPasscode, endUserWrongPasscode } from "./support/hosted-sign-in";
import { runDuoClient, runLoginDuo, type CallResult } from "./support/duo-clients";
import { startTlsFront, type TlsFront } from "./support/tls-front";
import { shot } from "./support/screenshots";

const PORT = Number(process.env.PORTCULLIS_E2E_PORT ?? 3100);
const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

test.describe.configure({ mode: "serial" });
test.use({ storageState: authFile(OWNER.key), viewport: { width: 1366, height: 900 } });

// JSON as the Python client printed it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

type ApiApp = { id: string; ikey: string; skey: string; hostname: string };

let front: TlsFront;
const created: string[] = [];

test.beforeAll(async () => {
  front = await startTlsFront(`http://127.0.0.1:${PORT}`);
});

test.afterAll(async () => {
  await front?.stop();
  await removeApplications(created);
});

/** Applications → Protect an Application → <entry> → Generate secret key (shown once) → permissions → Save. */
async function protectApi(page: Page, entry: "Admin API" | "Auth API", name: string, grants: string[] = []) {
  await page.goto("/admin/applications/protect");
  await expect(heading(page, "Protect an Application")).toBeVisible();
  const row = page.getByTestId("catalog-entry").filter({ has: page.getByText(entry, { exact: true }) });
  await expect(row).toContainText("Protection type: API");
  await row.getByRole("button", { name: `Protect ${entry}` }).click();
  await expect(page).toHaveURL(/\/admin\/applications\/[^/?]+\?protected=1$/);
  const id = /\/admin\/applications\/([^/?]+)/.exec(page.url())![1]!;
  created.push(id);
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
  return { id, ikey, skey, hostname } satisfies ApiApp;
}

const cfg = (app: ApiApp) => ({ ikey: app.ikey, skey: app.skey, port: front.port, caFile: front.caFile });

let adminApp: ApiApp;
let readOnlyApp: ApiApp;
let authApp: ApiApp;

test("Protect an Application gives Admin API and Auth API applications with a secret key shown once", async ({
  page,
}) => {
  adminApp = await protectApi(page, "Admin API", `E2E Admin API ${RUN}`, [
    "Grant read resource",
    "Grant write resource",
    "Grant read log",
    "Grant read information",
    "Grant applications",
  ]);
  expect(adminApp.hostname).toBe("localhost");
  readOnlyApp = await protectApi(page, "Admin API", `E2E Admin API read-only ${RUN}`, ["Grant read resource"]);
  authApp = await protectApi(page, "Auth API", `E2E Auth API ${RUN}`);
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
});

test("duo_client.Admin creates, lists, modifies and deletes a user and a group, paging through users", async ({
  page,
}) => {
  type Out = Record<string, CallResult<Loose>>;
  const out = await runDuoClient<Out>(
    cfg(adminApp),
    `
run = "${RUN}"
a = admin()
paged = duo_client.Admin(ikey=cfg["ikey"], skey=cfg["skey"], host="localhost", port=cfg["port"], ca_certs=cfg["caFile"], paging_limit=2)
result = {}
result["create"] = call(a.add_user, "duo-" + run + "-jane", realname="Jane Doe", email="jane." + run + "@example.com", aliases="alias1=jd-" + run)
uid = result["create"]["value"]["user_id"] if result["create"]["ok"] else ""
for i in range(3):
    call(a.add_user, "duo-" + run + "-page" + str(i))
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
everyone = call(lambda: [u["username"] for u in paged.get_users_iterator()])
result["all"] = {"ok": everyone["ok"], "value": [n for n in everyone.get("value", []) if run in n]}
result["duplicate"] = call(a.add_user, "duo-" + run + "-jane")
result["delete_user"] = call(a.delete_user, uid)
result["after_delete"] = call(a.get_user_by_id, uid)
result["delete_group"] = call(a.delete_group, gid)
result["after_group_delete"] = call(a.get_group, gid, api_version=2)
for u in a.get_users_by_name("duo-" + run + "-page0") + a.get_users_by_name("duo-" + run + "-page1") + a.get_users_by_name("duo-" + run + "-page2"):
    a.delete_user(u["user_id"])
`,
  );
  const v = (k: string) => {
    const r = out[k]!;
    expect(r, k).toMatchObject({ ok: true });
    return (r as { value: Loose }).value;
  };
  const jane = v("create");
  expect(jane).toMatchObject({
    username: `duo-${RUN}-jane`,
    realname: "Jane Doe",
    email: `jane.${RUN}@example.com`,
    status: "active",
    is_enrolled: false,
    alias1: `jd-${RUN}`,
    groups: [],
  });
  expect(v("by_name")).toEqual([expect.objectContaining({ user_id: jane.user_id })]);
  expect(v("modify")).toMatchObject({ realname: "Jane Q. Doe", status: "bypass" });
  expect(v("group")).toMatchObject({ name: `Duo group ${RUN}`, desc: "made by duo_client", status: "Active" });
  expect(v("user_groups")).toEqual([expect.objectContaining({ group_id: v("group").group_id })]);
  expect(v("group_users")).toEqual([{ user_id: jane.user_id, username: `duo-${RUN}-jane` }]);
  expect(v("modify_group")).toMatchObject({ name: `Duo group ${RUN} renamed`, status: "Bypass" });
  expect(v("get_group")).toMatchObject({ name: `Duo group ${RUN} renamed` });
  expect(v("page1")).toHaveLength(2);
  // duo_client's iterator followed metadata.next_offset two users at a time through every user.
  expect([...v("all")].sort()).toEqual(
    [0, 1, 2]
      .map((i) => `duo-${RUN}-page${i}`)
      .concat(`duo-${RUN}-jane`)
      .sort(),
  );
  expect(out.duplicate).toMatchObject({ ok: false, status: 400, data: { stat: "FAIL", code: 40003 } });
  expect(v("delete_user")).toBe("");
  expect(out.after_delete).toMatchObject({ ok: false, status: 404, data: { stat: "FAIL", code: 40401 } });
  expect(out.after_group_delete).toMatchObject({ ok: false, status: 404, data: { code: 40401 } });

  // The Administrator Log shows each call and each change under the application's name.
  await page.goto("/admin/reports/administrator-log");
  const main = page.getByRole("main");
  await expect(main.getByText(`Admin API: E2E Admin API ${RUN} (${adminApp.ikey})`).first()).toBeVisible();
  const byApp = main.getByRole("row").filter({ hasText: `(${adminApp.ikey})` });
  await expect(byApp.filter({ hasText: "User deleted (to trash)" }).first()).toBeVisible();
  await expect(
    byApp.filter({ hasText: "Admin API call" }).filter({ hasText: "DELETE /admin/v1/users/" }).first(),
  ).toBeVisible();
});

test("Admin API refusals: wrong secret, unknown key, stale date, missing permission; nothing changes", async () => {
  const res = await runDuoClient<Record<string, CallResult>>(
    {
      ...cfg(adminApp),
      ...({
        auth_ikey: authApp.ikey,
        auth_skey: authApp.skey,
        ro_ikey: readOnlyApp.ikey,
        ro_skey: readOnlyApp.skey,
      } as object),
    },
    `
run = "${RUN}"
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

const authUser = `duo-auth-${RUN}`;

test("duo_client.Auth: ping, check, preauth and a passcode that lets the user in once", async () => {
  await createUsers([
    {
      username: authUser,
      email: `${authUser}@example.com`,
      realName: "Duo Auth User",
      password: "Unused-Passw0rd-2026",
      groups: [],
      totpSecret: testTotpSecret(authUser),
    },
  ]);
  const good = await endUserPasscode(authUser);
  const res = await runDuoClient<Record<string, CallResult<Loose>>>(
    cfg(authApp),
    `
a = auth()
result = {}
result["ping"] = call(a.ping)
result["check"] = call(a.check)
result["bad_check"] = call(auth(skey="y" * 40).check)
result["preauth"] = call(a.preauth, username="${authUser}")
result["unknown"] = call(a.preauth, username="nobody-${RUN}")
result["push"] = call(a.auth, "push", username="${authUser}", device="auto")
result["allow"] = call(a.auth, "passcode", username="${authUser}", passcode="${good}")
result["replay"] = call(a.auth, "passcode", username="${authUser}", passcode="${good}")
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
}) => {
  const ok = await runLoginDuo(
    { ...cfg(authApp), dir: front.dir },
    { user: authUser, typed: await endUserPasscode(authUser), remoteIp: "198.51.100.23" },
  );
  expect(ok.stdout, ok.stderr).toContain("PORTCULLIS-LOGIN-OK");
  expect(ok.code).toBe(0);
  const wrong = await runLoginDuo(
    { ...cfg(authApp), dir: front.dir },
    { user: authUser, typed: endUserWrongPasscode(authUser), remoteIp: "198.51.100.24" },
  );
  expect(wrong.stdout).not.toContain("PORTCULLIS-LOGIN-OK");
  expect(wrong.code).not.toBe(0);

  await page.goto(`/admin/reports/authentication-log?application=${authApp.id}`);
  const rows = page.getByTestId("authlog-row");
  await expect(rows.filter({ hasText: "198.51.100.23" }).filter({ hasText: "valid_passcode" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "198.51.100.24" }).filter({ hasText: "invalid_passcode" })).toHaveCount(1);
});

test("duo_client.Admin pages through the Authentication Log with next_offset", async () => {
  const res = await runDuoClient<{
    pages: number;
    txids: string[];
    total: number;
    first: Loose;
  }>(
    cfg(adminApp),
    `
a = admin()
now = int(time.time() * 1000)
kw = dict(api_version=2, mintime=now - 3600 * 1000, maxtime=now + 60000, limit="2", applications=["${authApp.ikey}"])
txids, pages, offset, total, first = [], 0, None, None, None
while True:
    page = a.get_authentication_log(**(dict(kw, next_offset=offset) if offset else kw))
    pages += 1
    first = first or page["authlogs"][0]
    total = page["metadata"]["total_objects"]
    txids += [r["txid"] for r in page["authlogs"]]
    offset = page["metadata"].get("next_offset")
    if not offset:
        break
result = {"pages": pages, "txids": txids, "total": total, "first": first}
`,
  );
  expect(res.total).toBeGreaterThanOrEqual(5);
  expect(res.txids).toHaveLength(res.total);
  expect(new Set(res.txids).size).toBe(res.total);
  expect(res.pages).toBe(Math.ceil(res.total / 2));
  expect(res.first).toMatchObject({
    event_type: "authentication",
    application: { key: authApp.ikey, name: `E2E Auth API ${RUN}` },
  });
});
