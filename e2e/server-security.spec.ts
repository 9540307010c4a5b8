// What the Portcullis server (server.mjs) adds in the browser (issue 10, finding 8):
//  - the hosted pages and the console carry a nonce-based Content-Security-Policy, a fresh
//    nonce per response; Next's scripts carry it and run, injected markup's inline script does not;
//  - the optional HTTPS listener (PORTCULLIS_TLS_CERT/KEY; the e2e server's port + 1002) serves
//    the same application.
import { readFileSync } from "node:fs";
import https from "node:https";
import path from "node:path";
import type { Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { field } from "./support/console";

const CSP_SCRIPT = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)' 'strict-dynamic'(;|$)/;

async function openWithPolicy(page: Page, path: string) {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  const res = await page.goto(path);
  const csp = res!.headers()["content-security-policy"] ?? "";
  const nonce = CSP_SCRIPT.exec(csp)?.[1];
  return { csp, nonce, violations };
}

for (const [where, path, ready] of [
  ["the hosted sign-in page", "/sso/login", "Username or email"],
  ["the console's sign-in page", "/admin/login", "Email"],
] as const) {
  test(`${where} has a nonce-based Content-Security-Policy that Next's scripts satisfy`, async ({ page }) => {
    const { csp, nonce, violations } = await openWithPolicy(page, path);
    expect(nonce, csp).toBeTruthy();
    for (const directive of [
      "default-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "img-src 'self' data:",
    ])
      expect(csp).toContain(directive);
    expect(csp.split(";").find((d) => d.trim().startsWith("script-src"))).not.toMatch(/unsafe-inline|unsafe-eval/);

    // Every script Next rendered carries this response's nonce, and the page is interactive.
    const scriptNonces = await page
      .locator("script")
      .evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
    expect(scriptNonces.length).toBeGreaterThan(0);
    expect(new Set(scriptNonces)).toEqual(new Set([nonce]));
    await expect(field(page, ready)).toBeVisible();
    await page.waitForFunction(() => document.readyState === "complete");

    // Injected markup's inline script does not run: an event handler in HTML that reached the
    // page (as an injection would) is refused. (A script element created by script is trusted
    // under 'strict-dynamic' by design, so the probe is markup, not page.addScriptTag.)
    await page.evaluate(() =>
      document.body.insertAdjacentHTML(
        "beforeend",
        '<img id="csp-probe" alt="" src="/csp-probe-missing.png" onerror="window.__injected = true">',
      ),
    );
    await page.waitForFunction(() => (document.getElementById("csp-probe") as HTMLImageElement | null)?.complete);
    expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
    await expect.poll(() => violations.some((v) => /inline event handler/i.test(v))).toBe(true);

    // The next response has another nonce.
    const again = await openWithPolicy(page, path);
    expect(again.nonce).not.toBe(nonce);
  });
}

test("the hosted sign-in works under the policy: the identifier step answers without a violation", async ({ page }) => {
  const { violations } = await openWithPolicy(page, "/sso/login");
  await field(page, "Username or email").fill("nobody-csp@e2e.example.com");
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await expect(field(page, "Password")).toBeVisible();
  expect(violations).toEqual([]);
});

test("the optional HTTPS listener serves the same application", async ({}, info) => {
  const port = Number(new URL(String(info.project.use.baseURL)).port) + 1002;
  const ca = readFileSync(path.join(__dirname, ".data", "tls", "cert.pem"));
  const get = (p: string) =>
    new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
      https
        .get({ host: "127.0.0.1", port, path: p, ca }, (res) => {
          let body = "";
          res.on("data", (d) => (body += d));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        })
        .on("error", reject);
    });
  const health = await get("/healthz");
  expect(health.status).toBe(200);
  expect(JSON.parse(health.body)).toMatchObject({ ok: true });
  const login = await get("/sso/login");
  expect(login.status).toBe(200);
  expect(String(login.headers["content-security-policy"])).toMatch(CSP_SCRIPT);
});
