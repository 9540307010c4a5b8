// Trusted Endpoints services against a real database, the real device check listeners and
// the loopback Cisco Secure Endpoint fake.
import https from "node:https";
import http from "node:http";
import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeAdmin, thrown } from "@/test/helpers";
import { startFakeCisco, type FakeCisco } from "@/test/fakes/cisco-secure-endpoint";
import { AppError } from "@/lib/errors";
import { dbReady } from "@/lib/db/client";
import { findActiveDeviceCaWithKey, listEndpoints } from "@/lib/db/endpoints";
import { unsealSecret } from "@/lib/crypto/secrets";
import { createDeviceCa, issueDeviceCertificate } from "@/lib/endpoints/device-certificates";
import {
  addInventoryIntegration,
  authenticateDeviceApi,
  clearInventory,
  getIntegration,
  listIntegrationsForConsole,
  removeIntegration,
  renameIntegration,
  replaceInventoryFromApi,
  replaceInventoryFromText,
  rotateDeviceApiToken,
  setIntegrationEnabled,
} from "./integrations";
import { ensureDeviceCa, issueCertificate, revokeCertificate } from "./device-ca";
import { saveDeviceCheckSettings } from "./device-check-settings";
import { startDeviceCheckServers, type DeviceCheckServers } from "./device-check";
import {
  assessEndpoint,
  deviceCheckUrl,
  endpointContext,
  identifyEndpoint,
  identifyProof,
  redeemDeviceAssertion,
} from "./sign-in-endpoint";
import { API_KEY_AGAIN, getCiscoIntegration, saveCiscoIntegration, testCiscoIntegration } from "./cisco-integration";
import { clearCiscoCache } from "./cisco-cache";
import { listEndpointsForConsole } from "./endpoints-list";

// The Cisco Secure Endpoint fake listens on loopback over http, which the guarded outbound
// fetch reaches only with the development setting.
process.env.PORTCULLIS_OUTBOUND_ALLOW_LOOPBACK = "true";

const entry = (deviceId: string, more: Record<string, string> = {}) => ({
  deviceId,
  hostname: null,
  os: null,
  owner: null,
  serialNumber: null,
  ...more,
});

let owner: Awaited<ReturnType<typeof makeAdmin>>;
let cisco: FakeCisco;
let servers: DeviceCheckServers;

beforeAll(async () => {
  owner = await makeAdmin("OWNER");
  cisco = await startFakeCisco();
  servers = await startDeviceCheckServers({ tlsPort: 0, proxyPort: 0, host: "127.0.0.1" });
});
afterAll(async () => {
  await servers?.close();
  await cisco?.close();
});

describe("permissions", () => {
  it("lets Owner, Administrator and Application Manager manage; Read-only and User Manager only view; Help Desk nothing", async () => {
    for (const role of ["ADMINISTRATOR", "APPLICATION_MANAGER"] as const) {
      const a = await makeAdmin(role);
      await expect(addInventoryIntegration(a, { name: `Jamf ${role}` })).resolves.toHaveProperty("token");
    }
    for (const role of ["READ_ONLY", "USER_MANAGER"] as const) {
      const a = await makeAdmin(role);
      await expect(listIntegrationsForConsole(a)).resolves.toBeInstanceOf(Array);
      expect(await thrown(() => addInventoryIntegration(a, { name: "No" }))).toMatchObject({ code: "forbidden" });
      expect(
        await thrown(() =>
          saveCiscoIntegration(a, { clientId: "x", apiKey: "y", region: "api.amp.cisco.com", baseUrl: "" }),
        ),
      ).toMatchObject({ code: "forbidden" });
    }
    const helpDesk = await makeAdmin("HELP_DESK");
    expect(await thrown(() => listIntegrationsForConsole(helpDesk))).toMatchObject({ code: "forbidden" });
    expect(await thrown(() => listEndpointsForConsole(helpDesk, {}))).toMatchObject({ code: "forbidden" });
  });
});

describe("Management Tools inventories", () => {
  it("replaces an inventory from the console atomically and audits it", async () => {
    const { integration } = await addInventoryIntegration(owner, { name: "Intune" });
    const r1 = await replaceInventoryFromText(
      owner,
      integration.id,
      "device_id,hostname,os\nWIN-1,win-1,Windows 11\nWIN-2,win-2,Windows 11\n",
    );
    expect(r1).toMatchObject({ total: 2, added: 2, removed: 0 });
    const r2 = await replaceInventoryFromText(owner, integration.id, "WIN-2\nWIN-3\n");
    expect(r2).toMatchObject({ total: 2, added: 1, updated: 1, removed: 1 });
    const rows = await listEndpoints({ limit: 50, integrationId: integration.id });
    expect(rows.map((r) => r.deviceId).sort()).toEqual(["WIN-2", "WIN-3"]);
    const win1 = (await listEndpoints({ limit: 50, q: "WIN-1" }))[0]!;
    expect(win1).toMatchObject({ trusted: false, integration: null, hostname: "win-1" });
    const audit = await (
      await dbReady()
    ).adminAuditLog.findMany({ where: { action: "endpoints.inventory_replace", targetId: integration.id } });
    expect(audit).toHaveLength(2);
    // Bad input changes nothing.
    const bad = await thrown(() => replaceInventoryFromText(owner, integration.id, "WIN-9\nnot valid!\n"));
    expect(bad).toMatchObject({ code: "validation", fieldErrors: { inventory: expect.stringContaining("Line 2") } });
    expect((await listEndpoints({ limit: 50, integrationId: integration.id })).map((r) => r.deviceId).sort()).toEqual([
      "WIN-2",
      "WIN-3",
    ]);
    await clearInventory(owner, integration.id);
    expect(await listEndpoints({ limit: 50, integrationId: integration.id })).toHaveLength(0);
  });

  it("refuses a device that another integration's inventory already lists", async () => {
    const a = (await addInventoryIntegration(owner, { name: "Jamf" })).integration;
    const b = (await addInventoryIntegration(owner, { name: "Workspace ONE" })).integration;
    await replaceInventoryFromText(owner, a.id, "MAC-1\nMAC-2\n");
    const e = await thrown(() => replaceInventoryFromText(owner, b.id, "MAC-2\nMAC-3\n"));
    expect(e).toMatchObject({ code: "conflict", message: expect.stringContaining("MAC-2") });
    expect(await listEndpoints({ limit: 50, integrationId: b.id })).toHaveLength(0);
  });

  it("device API: the bearer token shown once authenticates; a rotated or wrong one does not", async () => {
    const { integration, token } = await addInventoryIntegration(owner, { name: "MDM" });
    const row = await (
      await dbReady()
    ).endpointIntegration.findUnique({ where: { id: integration.id }, omit: { apiTokenHash: false } });
    expect(row!.apiTokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.apiTokenHash).not.toContain(token);
    const authed = await authenticateDeviceApi(integration.id, token);
    await expect(replaceInventoryFromApi(authed, [entry("API-1"), entry("API-2")], "192.0.2.1")).resolves.toMatchObject(
      { total: 2, added: 2 },
    );
    expect(await thrown(() => authenticateDeviceApi(integration.id, "pcte_wrong"))).toMatchObject({
      code: "unauthenticated",
    });
    expect(await thrown(() => authenticateDeviceApi("nope", token))).toMatchObject({ code: "unauthenticated" });
    const rotated = await rotateDeviceApiToken(owner, integration.id);
    expect(await thrown(() => authenticateDeviceApi(integration.id, token))).toBeInstanceOf(AppError);
    await expect(
      replaceInventoryFromApi(await authenticateDeviceApi(integration.id, rotated), [entry("API-2")], null),
    ).resolves.toMatchObject({ total: 1, removed: 1 });
    const audit = await (
      await dbReady()
    ).adminAuditLog.findFirst({
      where: { action: "endpoints.inventory_replace", targetId: integration.id },
      orderBy: { createdAt: "desc" },
    });
    expect(audit).toMatchObject({ actorLabel: "device API (MDM)" });
    expect(JSON.stringify(await (await dbReady()).adminAuditLog.findMany())).not.toContain(rotated);
  });
});

// ------------------------------------------------------------------ device identity

function get(
  url: string,
  opts: https.RequestOptions & { headers?: Record<string, string> } = {},
): Promise<{ status: number; location: string | null }> {
  const lib = url.startsWith("https:") ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(url, { method: "GET", ...opts }, (res) => {
      res.resume();
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, location: (res.headers.location as string | undefined) ?? null }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

const assertionFrom = (location: string | null) => new URL(location!).searchParams.get("device_assertion");

describe("device certificates and the device check", () => {
  let integrationId: string;
  let bundle: { pkcs12Base64: string; password: string; certificateId: string };
  let caPem: string;
  const tx = "login-transaction-1";

  beforeAll(async () => {
    const { integration } = await addInventoryIntegration(owner, { name: "Corporate laptops" });
    integrationId = integration.id;
    const issued = await issueCertificate(owner, integrationId, { method: "bundle", deviceId: "LAPTOP-42", days: "" });
    if (issued.method !== "bundle") throw new Error("expected a bundle");
    bundle = issued;
    caPem = (await ensureDeviceCa()).certificatePem;
  });

  async function checkTls(withCertificate: boolean) {
    const url = `https://127.0.0.1:${servers.tls!.port}/device-check?b=${encodeURIComponent(new URL((await deviceCheckUrlFor(tx))!).searchParams.get("b")!)}&r=%2Fsso%2Flogin`;
    return get(url, {
      ca: caPem,
      ...(withCertificate && { pfx: Buffer.from(bundle.pkcs12Base64, "base64"), passphrase: bundle.password }),
    });
  }
  async function deviceCheckUrlFor(txId: string) {
    return deviceCheckUrl(txId, "/sso/login");
  }

  it("creates the device CA once and records the issued certificate", async () => {
    const db = await dbReady();
    expect(await db.deviceCa.count()).toBe(1);
    const cert = await db.deviceCertificate.findUnique({
      where: { id: bundle.certificateId },
      include: { endpoint: true },
    });
    expect(cert).toMatchObject({ revokedAt: null, endpoint: { deviceId: "LAPTOP-42", integrationId, trusted: true } });
    const ca = await db.deviceCa.findFirst({ omit: {} });
    expect(ca!.privateKeySealed).toMatch(/^v1\./);
    const audit = await db.adminAuditLog.findFirst({ where: { action: "endpoints.certificate_issue" } });
    expect(audit!.after).not.toContain(bundle.password);
  });

  it("identifies a browser by its TLS client certificate; trusted once the integration is enabled", async () => {
    await saveDeviceCheckSettings(owner, {
      deviceCheckUrl: `https://127.0.0.1:${servers.tls!.port}`,
      trustedProxies: "",
      clientCertHeader: "X-Client-Cert",
    });
    const res = await checkTls(true);
    expect(res.status).toBe(303);
    expect(res.location).toMatch(/^http:\/\/localhost:3000\/sso\/login\?device_assertion=/);
    const assertion = assertionFrom(res.location);
    const before = await identifyEndpoint({ transactionId: tx, deviceAssertion: assertion });
    expect(before).toMatchObject({
      identified: true,
      trusted: false,
      deviceId: "LAPTOP-42",
      via: "tls",
      reason: "integration_disabled",
    });
    await setIntegrationEnabled(owner, integrationId, true);
    expect(await identifyEndpoint({ transactionId: tx, deviceAssertion: assertion })).toMatchObject({
      identified: true,
      trusted: true,
      via: "tls",
      reason: null,
    });
    // Bound to the transaction.
    expect(await identifyEndpoint({ transactionId: "another-transaction", deviceAssertion: assertion })).toMatchObject({
      identified: false,
      reason: "invalid_assertion",
    });
    expect(await identifyEndpoint({ transactionId: tx })).toMatchObject({
      identified: false,
      reason: "no_device_check",
    });
    // Redeemed when the browser returns, kept in the transaction, identified again at policy time.
    const proof = redeemDeviceAssertion({ transactionId: tx, deviceAssertion: assertion });
    expect(proof).toMatchObject({ deviceId: "LAPTOP-42", via: "tls", reason: null });
    expect(await identifyProof(JSON.parse(JSON.stringify(proof)))).toMatchObject({ identified: true, trusted: true });
    const ctx = await endpointContext({ proof, blockCompromised: false, userId: null });
    expect(ctx.context).toEqual({ identified: true, trusted: true, compromised: null });
  });

  it("a browser without a certificate is checked but not identified", async () => {
    const res = await checkTls(false);
    expect(await identifyEndpoint({ transactionId: tx, deviceAssertion: assertionFrom(res.location) })).toMatchObject({
      identified: false,
      trusted: false,
      reason: "no_certificate",
    });
  });

  it("refuses bad return paths and bindings (no open redirect)", async () => {
    const base = `http://127.0.0.1:${servers.proxy!.port}/device-check`;
    expect((await get(`${base}?b=${"a".repeat(32)}&r=${encodeURIComponent("https://evil.example/")}`)).status).toBe(
      400,
    );
    expect((await get(`${base}?b=${"a".repeat(32)}&r=${encodeURIComponent("//evil.example/sso/login")}`)).status).toBe(
      400,
    );
    expect((await get(`${base}?b=short&r=%2Fsso%2Flogin`)).status).toBe(400);
  });

  describe("through a reverse proxy header", () => {
    const viaProxy = async (pem: string) => {
      const b = new URL((await deviceCheckUrl(tx, "/sso/login"))!).searchParams.get("b")!;
      const res = await get(`http://127.0.0.1:${servers.proxy!.port}/device-check?b=${b}&r=%2Fsso%2Flogin`, {
        headers: { "X-Client-Cert": encodeURIComponent(pem) },
      });
      return identifyEndpoint({ transactionId: tx, deviceAssertion: assertionFrom(res.location) });
    };
    let certPem: string;
    beforeAll(async () => {
      const issued = await issueCertificate(owner, integrationId, {
        method: "csr",
        deviceId: "DESKTOP-7",
        days: "30",
        csrPem: csr(),
      });
      if (issued.method !== "csr") throw new Error("expected a certificate");
      certPem = issued.certificatePem;
    });

    it("is ignored from a peer outside the trusted proxies", async () => {
      await saveDeviceCheckSettings(owner, {
        deviceCheckUrl: "https://device.example.com",
        trustedProxies: "10.0.0.0/8",
        clientCertHeader: "X-Client-Cert",
      });
      expect(await viaProxy(certPem)).toMatchObject({ identified: false, reason: "untrusted_proxy" });
    });

    it("is accepted from a trusted proxy address", async () => {
      await saveDeviceCheckSettings(owner, {
        deviceCheckUrl: "https://device.example.com",
        trustedProxies: "10.0.0.0/8\n127.0.0.1",
        clientCertHeader: "X-Client-Cert",
      });
      expect(await viaProxy(certPem)).toMatchObject({
        identified: true,
        trusted: true,
        deviceId: "DESKTOP-7",
        via: "proxy",
      });
    });

    it("refuses expired, foreign-CA, unknown and revoked certificates", async () => {
      const caRow = await findActiveDeviceCaWithKey();
      const ca = {
        certificatePem: caRow!.certificatePem,
        privateKeyPem: unsealSecret(caRow!.privateKeySealed, `device-ca:${caRow!.id}`),
      };
      const pub = generateKeyPairSync("rsa", { modulusLength: 2048 })
        .publicKey.export({ type: "spki", format: "pem" })
        .toString();
      const expired = issueDeviceCertificate(ca, "DESKTOP-7", pub, { days: 1, now: new Date("2025-01-01T00:00:00Z") });
      expect(await viaProxy(expired.certificatePem)).toMatchObject({ identified: false, reason: "expired" });
      const foreign = issueDeviceCertificate(createDeviceCa("Elsewhere"), "DESKTOP-7", pub);
      expect(await viaProxy(foreign.certificatePem)).toMatchObject({ identified: false, reason: "wrong_ca" });
      const unrecorded = issueDeviceCertificate(ca, "UNKNOWN-DEVICE", pub);
      expect(await viaProxy(unrecorded.certificatePem)).toMatchObject({
        identified: false,
        reason: "unknown_certificate",
      });

      const cert = await (
        await dbReady()
      ).deviceCertificate.findFirst({ where: { endpoint: { deviceId: "DESKTOP-7" } } });
      await revokeCertificate(owner, cert!.id);
      expect(await viaProxy(certPem)).toMatchObject({ identified: false, reason: "revoked" });
      expect(await thrown(() => revokeCertificate(owner, cert!.id))).toMatchObject({ code: "conflict" });
    });

    it("validates the settings beside each field", async () => {
      expect(
        await thrown(() =>
          saveDeviceCheckSettings(owner, {
            deviceCheckUrl: "",
            trustedProxies: "10.0.0.0/99",
            clientCertHeader: "X-Client-Cert",
          }),
        ),
      ).toMatchObject({ fieldErrors: { trustedProxies: expect.stringContaining("10.0.0.0/99") } });
      expect(
        await thrown(() =>
          saveDeviceCheckSettings(owner, {
            deviceCheckUrl: "javascript:x",
            trustedProxies: "",
            clientCertHeader: "X-Client-Cert",
          }),
        ),
      ).toMatchObject({ fieldErrors: { deviceCheckUrl: expect.any(String) } });
      expect(
        await thrown(() =>
          saveDeviceCheckSettings(owner, { deviceCheckUrl: "", trustedProxies: "", clientCertHeader: "Authorization" }),
        ),
      ).toMatchObject({ fieldErrors: { clientCertHeader: expect.any(String) } });
    });
  });

  it("refuses to issue for a device in another integration's inventory, or with a bad CSR", async () => {
    const other = (await addInventoryIntegration(owner, { name: "Other" })).integration;
    expect(
      await thrown(() => issueCertificate(owner, other.id, { method: "bundle", deviceId: "LAPTOP-42" })),
    ).toMatchObject({ fieldErrors: { deviceId: expect.stringContaining("another integration") } });
    expect(
      await thrown(() => issueCertificate(owner, other.id, { method: "csr", deviceId: "NEW-1", csrPem: "nope" })),
    ).toMatchObject({ fieldErrors: { csrPem: expect.any(String) } });
    expect(
      await thrown(() => issueCertificate(owner, other.id, { method: "bundle", deviceId: "bad id" })),
    ).toMatchObject({ fieldErrors: { deviceId: expect.any(String) } });
  });
});

function csr(): string {
  // A CSR made with node-forge (as an MDM would send one).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const forge = require("node-forge") as typeof import("node-forge");
  const keys = forge.pki.rsa.generateKeyPair(2048);
  const c = forge.pki.createCertificationRequest();
  c.publicKey = keys.publicKey;
  c.setSubject([{ name: "commonName", value: "ignored" }]);
  c.sign(keys.privateKey, forge.md.sha256.create());
  return forge.pki.certificationRequestToPem(c);
}

// ------------------------------------------------------------------ Cisco Secure Endpoint

describe("Cisco Secure Endpoint", () => {
  const form = () => ({
    clientId: cisco.clientId,
    apiKey: cisco.apiKey,
    region: "api.amp.cisco.com",
    baseUrl: cisco.url,
  });

  it("Test Integration fills the hostname; a wrong key shows the API's error", async () => {
    cisco.addComputer("laptop-42.corp.example.com");
    await expect(testCiscoIntegration(owner, form())).resolves.toEqual({
      hostname: new URL(cisco.url).host,
      computers: 1,
    });
    expect(cisco.requests.at(-1)).toBe("GET /v1/computers?limit=1");
    const e = await thrown(() => testCiscoIntegration(owner, { ...form(), apiKey: "wrong-key" }));
    expect(e).toMatchObject({
      code: "validation",
      message: "Cisco Secure Endpoint answered: 401 Unauthorized: Unknown API key or Client ID",
    });
    expect(await thrown(() => testCiscoIntegration(owner, { ...form(), baseUrl: "http://10.0.0.1" }))).toMatchObject({
      fieldErrors: { baseUrl: expect.any(String) },
    });
    expect(await thrown(() => testCiscoIntegration(owner, { ...form(), region: "api.example.com" }))).toMatchObject({
      fieldErrors: { region: expect.any(String) },
    });
  });

  it("does not say Cisco answered when nothing was reached", async () => {
    expect(
      await thrown(() => testCiscoIntegration(owner, { ...form(), baseUrl: "https://api.amp.cisco.invalid" })),
    ).toMatchObject({
      code: "validation",
      message: "Couldn't reach api.amp.cisco.invalid (DNS lookup failed). Check the region, DNS or proxy.",
    });
    expect(await thrown(() => testCiscoIntegration(owner, { ...form(), baseUrl: "https://10.0.0.1" }))).toMatchObject({
      message: "Couldn't reach 10.0.0.1 (not a public https address). Check the region, DNS or proxy.",
    });
  });

  it("gives up after 3 seconds", async () => {
    cisco.delayMs = 3_500;
    try {
      const started = Date.now();
      expect(await thrown(() => testCiscoIntegration(owner, form()))).toMatchObject({
        message: `Couldn't reach ${new URL(cisco.url).host} (no connection within 3 s). Check the region, DNS or proxy.`,
      });
      expect(Date.now() - started).toBeLessThan(3_400);
    } finally {
      cisco.delayMs = 0;
    }
  });

  it("saves only working credentials, seals the API key and never returns it", async () => {
    expect(await thrown(() => saveCiscoIntegration(owner, { ...form(), apiKey: "wrong-key" }))).toMatchObject({
      code: "validation",
    });
    expect(await getCiscoIntegration(owner)).toBeNull();
    const saved = await saveCiscoIntegration(owner, form());
    expect(saved).toMatchObject({ enabled: false, hostname: new URL(cisco.url).host, clientId: cisco.clientId });
    expect(saved).not.toHaveProperty("apiKeySealed");
    const row = await (
      await dbReady()
    ).endpointIntegration.findUnique({ where: { id: saved.id }, omit: { apiKeySealed: false } });
    expect(row!.apiKeySealed).toMatch(/^v1\./);
    expect(row!.apiKeySealed).not.toContain(cisco.apiKey);
    // Editing with an empty API key keeps the stored one.
    await expect(saveCiscoIntegration(owner, { ...form(), apiKey: "" })).resolves.toMatchObject({ id: saved.id });
    const log = JSON.stringify(await (await dbReady()).adminAuditLog.findMany({ where: { targetId: saved.id } }));
    expect(log).not.toContain(cisco.apiKey);
  });

  it("never sends the stored API key to a new region or base URL: the key must be entered again", async () => {
    const attacker = await startFakeCisco();
    try {
      await saveCiscoIntegration(owner, form());
      for (const change of [{ baseUrl: attacker.url }, { region: "api.eu.amp.cisco.com", baseUrl: "" }]) {
        for (const call of [saveCiscoIntegration, testCiscoIntegration]) {
          const e = await thrown(() => call(owner, { ...form(), ...change, apiKey: "" }));
          expect(e).toMatchObject({ code: "validation", fieldErrors: { apiKey: API_KEY_AGAIN } });
        }
      }
      expect(attacker.requests, "nothing reached the new host").toEqual([]);
      expect((await getCiscoIntegration(owner))?.baseUrl).toBe(cisco.url);
      // With the key typed again, the new host is used.
      await expect(
        testCiscoIntegration(owner, {
          ...form(),
          baseUrl: attacker.url,
          clientId: attacker.clientId,
          apiKey: attacker.apiKey,
        }),
      ).resolves.toMatchObject({ hostname: new URL(attacker.url).host });
    } finally {
      await attacker.close();
    }
  });

  it("asks whether an identified endpoint is compromised, caches the answer 60 s, and fails soft", async () => {
    const { integration } = await addInventoryIntegration(owner, { name: "EDR devices" });
    await replaceInventoryFromText(owner, integration.id, "device_id,hostname\nPC-9,pc-9.corp.example.com\n");
    await setIntegrationEnabled(owner, integration.id, true);
    const pc9 = (await listEndpoints({ limit: 1, q: "PC-9" }))[0]!;
    const id = { identified: true, endpointId: pc9.id };
    const ciscoRow = (await getCiscoIntegration(owner))!;

    expect(await assessEndpoint(id, { blockCompromised: true })).toEqual({
      compromised: null,
      checkedVia: "no_integration",
    });
    await setIntegrationEnabled(owner, ciscoRow.id, true);
    expect(await assessEndpoint(id, { blockCompromised: false })).toEqual({
      compromised: null,
      checkedVia: "not_requested",
    });
    expect(await assessEndpoint({ identified: false, endpointId: null }, { blockCompromised: true })).toEqual({
      compromised: null,
      checkedVia: "not_identified",
    });

    const computer = cisco.addComputer("pc-9.corp.example.com", { compromised: true });
    expect(await assessEndpoint(id, { blockCompromised: true })).toEqual({
      compromised: true,
      checkedVia: "cisco_secure_endpoint",
    });
    expect(cisco.requests.at(-1)).toBe("GET /v1/computers?hostname[]=pc-9.corp.example.com");
    const seen = cisco.requests.length;
    cisco.setCompromised(computer.connector_guid, false);
    expect(await assessEndpoint(id, { blockCompromised: true })).toEqual({ compromised: true, checkedVia: "cache" });
    expect(cisco.requests.length).toBe(seen);
    clearCiscoCache();
    expect(await assessEndpoint(id, { blockCompromised: true })).toEqual({
      compromised: false,
      checkedVia: "cisco_secure_endpoint",
    });
    // The connector GUID learnt the first time is used afterwards.
    expect(cisco.requests.at(-1)).toBe(`GET /v1/computers/${computer.connector_guid}`);
    const listed = (await listEndpointsForConsole(owner, { q: "PC-9" })).rows[0]!;
    expect(listed).toMatchObject({
      edrStatus: "NOT_COMPROMISED",
      trustedNow: true,
      integration: { name: "EDR devices" },
    });

    clearCiscoCache();
    cisco.delayMs = 3_500;
    try {
      expect(await assessEndpoint(id, { blockCompromised: true })).toEqual({
        compromised: null,
        checkedVia: "cisco_secure_endpoint",
        error: expect.stringContaining("Couldn't reach"),
      });
    } finally {
      cisco.delayMs = 0;
    }
  });

  it("endpointContext gives lib/policy's endpoint context and records last seen", async () => {
    expect(await endpointContext({ transactionId: "t", deviceAssertion: null, blockCompromised: true })).toEqual({
      context: { identified: false, trusted: false, compromised: null },
      endpointId: null,
      detail: { deviceId: null, via: null, reason: "no_device_check", checkedVia: "not_identified" },
    });
  });
});

describe("integrations", () => {
  it("renames an inventory integration (validated, audited)", async () => {
    const { integration } = await addInventoryIntegration(owner, { name: "Old name" });
    expect(await thrown(() => renameIntegration(owner, integration.id, { name: " " }))).toMatchObject({
      fieldErrors: { name: "Enter a name." },
    });
    await renameIntegration(owner, integration.id, { name: "New name" });
    expect(await getIntegration(owner, integration.id)).toMatchObject({ name: "New name" });
    const entry = await (
      await dbReady()
    ).adminAuditLog.findFirst({ where: { action: "endpoints.integration_update", targetId: integration.id } });
    expect(JSON.parse(entry!.after!)).toEqual({ name: "New name" });
    const readOnly = await makeAdmin("READ_ONLY");
    expect(await thrown(() => renameIntegration(readOnly, integration.id, { name: "X" }))).toMatchObject({
      code: "forbidden",
    });
  });

  it("removing an integration keeps its endpoints, untrusted", async () => {
    const { integration } = await addInventoryIntegration(owner, { name: "Short-lived" });
    await replaceInventoryFromText(owner, integration.id, "TEMP-1\n");
    await removeIntegration(owner, integration.id);
    expect(await thrown(() => getIntegration(owner, integration.id))).toMatchObject({ code: "not_found" });
    expect((await listEndpoints({ limit: 1, q: "TEMP-1" }))[0]).toMatchObject({ trusted: false, integration: null });
  });
});
