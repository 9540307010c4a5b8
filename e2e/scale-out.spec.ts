// Scale-out (README "Scale out"): two Portcullis instances on different ports share one
// PostgreSQL (a throwaway cluster, scripts/pg-cluster.mjs) behind Debian's nginx, with the
// same secrets and the public base URL of the proxy, one worker each. nginx sends the SAML
// SSO endpoint and the console to instance A and everything else (the hosted sign-in pages,
// the metadata) to instance B, and names the instance that answered in X-Served-By. So:
//   - a sign-in begun on A (the AuthnRequest) is finished on B, and the SP accepts the Response;
//   - an application renamed in the console on A is in force on B within a second;
//   - an AuthnRequest ID answered by A is refused as a replay by B;
//   - an administrator's failed passwords on either instance add up to one throttle.
// Nothing here is the e2e server's: its own tenant, users and service provider.
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { applicationForm, openApplication, saveApplication } from "./support/applications";
import { alerts, signIn, submitPassword, THROTTLED, WRONG_CREDENTIALS } from "./support/console";
import {
  enterIdentifier,
  enterPassword,
  expectRequestRefused,
  expectSignInPage,
  expectSpSignedIn,
} from "./support/hosted-sign-in";
import { freePort, startNginx, type Nginx } from "./support/nginx";
import { PortcullisInstance, newSecrets } from "./support/portcullis-instance";
import { NAMEID, TestSp } from "./support/test-sp";

test.describe.configure({ mode: "serial" });

const HOST = "127.0.0.3"; // not the e2e server's 127.0.0.1: no cookie of it reaches these
const USER = {
  username: "casey.scale",
  email: "casey@scale-out.test",
  realName: "Casey Scale",
  password: "Scale-out-Passw0rd-2026",
};
const HELPDESK = {
  email: "helpdesk@scale-out.test",
  name: "Help Desk Scale",
  role: "HELP_DESK",
  password: "Scale-out-helpdesk-2026",
};

type App = { id: string; key: string; entityId: string; ssoUrl: string; metadataUrl: string };

type Cluster = Awaited<ReturnType<(typeof import("../scripts/pg-cluster.mjs"))["startCluster"]>>;
let pg: Cluster | undefined;
let a: PortcullisInstance;
let b: PortcullisInstance;
let front: Nginx | undefined;
let frontOrigin: string;
let sp: TestSp | undefined;
let app: App;
let owner: { email: string; password: string };
const appName = "Scale-out Mail";

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const { startCluster } = await import("../scripts/pg-cluster.mjs");
  pg = await startCluster({ prefix: "portcullis-scale-out-pg-" });
  const [frontPort, portA, portB] = [await freePort(HOST), await freePort(HOST), await freePort(HOST)];
  frontOrigin = `http://${HOST}:${frontPort}`;
  const secrets = newSecrets();
  const instance = (port: number) =>
    new PortcullisInstance({
      host: HOST,
      port,
      baseUrl: frontOrigin,
      databaseUrl: pg!.url("postgres"),
      secrets,
      // nginx connects from 127.0.0.3 (proxy_bind); the browser's own requests come from 127.0.0.1.
      env: { PORTCULLIS_TRUSTED_PROXIES: HOST },
    });
  a = instance(portA);
  b = instance(portB);
  a.migrate();
  sp = await TestSp.start({ name: "Scale-out SP", identifierFormat: NAMEID.emailAddress });
  const seeded = a.seed<{ apps: App[]; owner: typeof owner }>({
    op: "init",
    tenantName: "Scale-out",
    users: [USER],
    admins: [HELPDESK],
    apps: [appName],
  });
  app = seeded.apps[0]!;
  owner = seeded.owner;
  a.seed({
    op: "configure",
    appId: app.id,
    name: appName,
    spEntityId: sp.entityId,
    acsUrl: sp.acsUrl,
    signResponse: true,
  });
  await Promise.all([a.start(), b.start()]);
  const proxy = (to: string) => `proxy_pass ${to};`;
  front = await startNginx({
    what: "nginx in front of the two instances",
    host: HOST,
    port: frontPort,
    servers: `  server {
    listen ${HOST}:${frontPort};
    client_max_body_size 1m;
    proxy_bind ${HOST};
    proxy_set_header Host $host:$server_port;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto http;
    add_header X-Served-By $upstream_addr always;
    location ~ ^/saml2/idp/[^/]+/sso$ { ${proxy(a.origin)} }
    location /admin { ${proxy(a.origin)} }
    location / { ${proxy(b.origin)} }
  }`,
  });
  await sp.useIdp(app.metadataUrl);
});

test.afterAll(async () => {
  await Promise.allSettled([front?.stop(), a?.stop(), b?.stop(), sp?.stop()]);
  pg?.stop();
});

/** A browser context on the proxy's origin that records which instance answered each request (but static files). */
async function viaFront(browser: Browser) {
  const context = await browser.newContext({ baseURL: frontOrigin });
  const served: Array<{ method: string; path: string; by: string }> = [];
  context.on("response", (r) => {
    const u = new URL(r.url());
    if (u.origin === frontOrigin && !u.pathname.startsWith("/_next/"))
      served.push({ method: r.request().method(), path: u.pathname, by: r.headers()["x-served-by"] ?? "" });
  });
  return { context, page: await context.newPage(), served };
}

const instanceOf = (by: string) => (by === new URL(a.origin).host ? "A" : by === new URL(b.origin).host ? "B" : by);

test("a sign-in begun on instance A (its AuthnRequest) is finished on instance B", async ({ browser }) => {
  const { context, page, served } = await viaFront(browser);
  try {
    const before = sp!.signIns.length;
    await page.goto(sp!.loginUrl());
    await expectSignInPage(page, appName);
    await enterIdentifier(page, USER.username);
    await enterPassword(page, USER.password);
    await expectSpSignedIn(page, sp!, USER.email);
    // node-saml checked the signatures and that InResponseTo is the request it sent.
    expect(sp!.signIns).toHaveLength(before + 1);
    expect(sp!.lastSignIn?.nameId).toBe(USER.email);

    const byPath = served.map((s) => `${s.method} ${s.path} ${instanceOf(s.by)}`);
    expect(byPath[0], "the AuthnRequest reached instance A").toMatch(/^GET \/saml2\/idp\/[^/]+\/sso A$/);
    // The sign-in pages, and /resume that answers the SP with the Response: all instance B.
    const after = byPath.slice(1);
    expect(after, "the sign-in steps").toContainEqual(expect.stringMatching(/^POST \/sso\/login\S* B$/));
    expect(after, "the Response").toContainEqual(expect.stringMatching(/^GET \/saml2\/idp\/[^/]+\/resume B$/));
    for (const step of after) expect(step, `every step after the AuthnRequest: ${byPath.join(", ")}`).toMatch(/ B$/);
  } finally {
    await context.close();
  }
});

test("an application renamed in the console on instance A is in force on instance B within a second", async ({
  browser,
}) => {
  const metadata = `${new URL(app.metadataUrl).pathname}?download`;
  const fileName = async () => {
    const r = await fetch(`${b.origin}${metadata}`);
    expect(r.status).toBe(200);
    return /filename="([^"]+)"/.exec(r.headers.get("content-disposition") ?? "")?.[1];
  };
  const stem = (name: string) => `${name.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 60)}-metadata.xml`;
  const { context, page, served } = await viaFront(browser);
  try {
    await signIn(page, owner);
    const current = (await fileName())!;
    expect(current, "instance B serves the application (and has it in memory)").toMatch(/-metadata\.xml$/);
    const renamed = `Renamed ${Date.now().toString(36)}`;
    await openApplication(page, app.id);
    await applicationForm(page).name.fill(renamed);
    await saveApplication(page);
    expect(served.filter((s) => s.path.startsWith("/admin")).map((s) => instanceOf(s.by))).not.toContain("B");
    await expect.poll(fileName, { timeout: 1_000, intervals: [50] }).toBe(stem(renamed));
    // Put the name back for the other tests (they look for it on the sign-in page).
    await applicationForm(page).name.fill(appName);
    await saveApplication(page);
    await expect.poll(fileName, { timeout: 1_000, intervals: [50] }).toBe(current);
  } finally {
    await context.close();
  }
});

test("an AuthnRequest answered by instance A is refused as a replay by instance B", async ({ browser }) => {
  const context: BrowserContext = await browser.newContext();
  try {
    const page: Page = await context.newPage();
    const url = await sp!.authorizeUrl("replay");
    expect(url.startsWith(`${frontOrigin}/saml2/idp/`)).toBe(true);
    await page.goto(url); // nginx: instance A
    await expectSignInPage(page, appName);
    await page.goto(url.replace(frontOrigin, b.origin)); // the same request, straight to B
    await expectRequestRefused(page);
  } finally {
    await context.close();
  }
});

test("an administrator's failed passwords on both instances add up to one throttle", async ({ browser }) => {
  const { context, page } = await viaFront(browser);
  try {
    const onB = await context.newPage();
    await onB.goto(`${b.origin}/admin/login`);
    await page.goto("/admin/login"); // nginx: instance A
    for (let i = 1; i <= 5; i++) {
      const where = i % 2 ? onB : page;
      await submitPassword(where, HELPDESK.email, `wrong-password-${i}`);
      await expect(alerts(where)).toHaveText(WRONG_CREDENTIALS);
    }
    for (const where of [page, onB]) {
      await submitPassword(where, HELPDESK.email, HELPDESK.password);
      await expect(alerts(where)).toHaveText(THROTTLED);
    }
  } finally {
    await context.close();
  }
});
