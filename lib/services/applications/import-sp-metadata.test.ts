import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture } from "../../../test/fixtures/saml";
import { makeAdmin, thrown } from "../../../test/helpers";
import { certificateInfo } from "../../crypto/keys";
import { listAuditEntries } from "../../db/admin-audit-log";
import { findApplicationById } from "../../db/applications";
import { AppError } from "../../errors";
import { fetchMetadata, importSpMetadata, METADATA_URL_UNAVAILABLE } from "./import-sp-metadata";
import { protectApplication } from "./manage-applications";
import { BINDING_POST, NAMEID_FORMATS } from "./saml-options";

// The metadata servers of these tests listen on loopback, which the guarded fetch reaches only
// with the development setting (import-sp-metadata-ssrf.test.ts runs without it).
process.env.PORTCULLIS_OUTBOUND_ALLOW_LOOPBACK = "true";

const ORG = "c0cb726f-a187-4ef6-b89d-46749e1abd7a";
const WEBEX_XML = fixture(`idb-meta-${ORG}-SP.xml`);
const ENTITY_ID = `https://idbroker.webex.com/${ORG}`;
const ACS_MAIN = `https://idbroker.webex.com/idb/Consumer/metaAlias/${ORG}/sp`;
const ACS_US = `https://idbroker-b-us.webex.com/idb/Consumer/metaAlias/${ORG}/sp`;
const SLO = `https://idbroker.webex.com/idb/SPSloRedirect/metaAlias/${ORG}/sp`;
/** The signing certificate in the file (the first X509Certificate, in the use="signing" KeyDescriptor). */
const SIGNING_CERT_B64 = /<ds:X509Certificate>([^<]+)<\/ds:X509Certificate>/.exec(WEBEX_XML)![1]!.replace(/\s+/g, "");

function expectValidation(e: unknown): AppError {
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe("validation");
  return e as AppError;
}

async function webexApp() {
  const admin = await makeAdmin("APPLICATION_MANAGER");
  const app = await protectApplication(admin, "webex-control-hub");
  return { admin, app };
}

// A local metadata server on a random loopback port.
let server: Server;
let origin: string;
const BIG = "<!--" + "x".repeat(600 * 1024) + "-->";

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/webex.xml") {
      res.writeHead(200, { "Content-Type": "application/samlmetadata+xml" });
      res.end(WEBEX_XML);
    } else if (req.url === "/huge.xml") {
      // Streamed without Content-Length, in chunks: the size cap must hold while reading.
      res.writeHead(200, { "Content-Type": "application/xml" });
      let sent = 0;
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (sent < BIG.length) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      res.on("error", () => undefined);
      pump();
    } else if (req.url === "/moved") {
      res.writeHead(302, { Location: "/webex.xml" });
      res.end();
    } else if (req.url?.startsWith("/to?")) {
      res.writeHead(302, { Location: new URL(req.url, "http://x").searchParams.get("u")! });
      res.end();
    } else {
      res.writeHead(404, { "Content-Type": "text/plain" });
      res.end("not found");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("importSpMetadata from a file", () => {
  it("fills the Webex app's entity ID, POST ACS URLs, SLO URL and certificate, keeping the preset's NameID and attribute", async () => {
    const { admin, app } = await webexApp();
    const { app: imported, summary } = await importSpMetadata(admin, app.id, { xml: WEBEX_XML });
    expect(imported).toMatchObject({
      id: app.id,
      key: app.key,
      name: "Webex Control Hub",
      spEntityId: ENTITY_ID,
      acs: [
        { index: 0, url: ACS_MAIN, binding: BINDING_POST, isDefault: true },
        { index: 2, url: ACS_US, binding: BINDING_POST, isDefault: false },
      ],
      sloUrl: SLO,
      // Webex lists transient first: the default; the other two are answered on request.
      nameIdFormat: NAMEID_FORMATS.transient,
      nameIdFormatsAccepted: [NAMEID_FORMATS.unspecified, NAMEID_FORMATS.emailAddress],
      attributes: [{ source: "email", samlName: "uid" }],
      // The file says AuthnRequestsSigned="true" and carries the signing certificate.
      requireSignedRequests: true,
    });
    expect(imported.spCertificatePem).toContain("-----BEGIN CERTIFICATE-----");
    expect(certificateInfo(imported.spCertificatePem!).sha256Fingerprint).toBe(
      certificateInfo(SIGNING_CERT_B64).sha256Fingerprint,
    );
    expect(await findApplicationById(app.id)).toEqual(imported);
    expect(summary).toBe(
      `Imported Entity ID ${ENTITY_ID}, 2 ACS URLs, Single Logout URL, NameID format transient, unspecified, emailAddress, 1 signing certificate. Skipped 1 ACS URL that does not use HTTP-POST.`,
    );

    // Audited like a save from the form.
    const [row] = (await listAuditEntries({ limit: 100, action: "application.update" })).filter(
      (r) => r.targetLabel === "Webex Control Hub" && r.after?.includes(ENTITY_ID),
    );
    expect(row?.actorLabel).toBe(admin.email);
  });

  it("re-importing a changed file updates the same fields", async () => {
    const { admin, app } = await webexApp();
    await importSpMetadata(admin, app.id, { xml: WEBEX_XML });
    const ACS_EU = `https://idbroker-eu.webex.com/idb/Consumer/metaAlias/${ORG}/sp`;
    const SLO_EU = `https://idbroker-eu.webex.com/idb/SPSloRedirect/metaAlias/${ORG}/sp`;
    const changed = WEBEX_XML.replace(ACS_US, ACS_EU)
      .replace(/Location="https:\/\/idbroker\.webex\.com\/idb\/SPSloRedirect[^"]*"/g, `Location="${SLO_EU}"`)
      .replace(
        "</SPSSODescriptor>",
        `<AssertionConsumerService index="7" Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idbroker-ca.webex.com/acs"/></SPSSODescriptor>`,
      );
    const { app: updated } = await importSpMetadata(admin, app.id, { xml: changed });
    expect(updated.acs).toEqual([
      { index: 0, url: ACS_MAIN, binding: BINDING_POST, isDefault: true },
      { index: 2, url: ACS_EU, binding: BINDING_POST, isDefault: false },
      { index: 7, url: "https://idbroker-ca.webex.com/acs", binding: BINDING_POST, isDefault: false },
    ]);
    expect(updated.sloUrl).toBe(SLO_EU);
    expect(await findApplicationById(app.id)).toEqual(updated);
  });

  it("refuses a javascript: ACS location beside the file field and leaves the app unchanged", async () => {
    const { admin, app } = await webexApp();
    await importSpMetadata(admin, app.id, { xml: WEBEX_XML });
    const stored = await findApplicationById(app.id);
    const evil = WEBEX_XML.replace(`Location="${ACS_US}"`, `Location="javascript:alert(document.domain)"`);
    const e = expectValidation(await thrown(() => importSpMetadata(admin, app.id, { xml: evil })));
    expect(Object.keys(e.fieldErrors ?? {})).toEqual(["metadataFile"]);
    expect(e.fieldErrors!.metadataFile).toMatch(/absolute http:\/\/ or https:\/\/ URL/);
    expect(await findApplicationById(app.id)).toEqual(stored);
  });

  it("refuses a file with a DOCTYPE (XXE) and leaves the app unchanged", async () => {
    const { admin, app } = await webexApp();
    const stored = await findApplicationById(app.id);
    const doctype = WEBEX_XML.replace(
      '<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata"',
      '<!DOCTYPE EntityDescriptor [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata"',
    );
    const e = expectValidation(await thrown(() => importSpMetadata(admin, app.id, { xml: doctype })));
    expect(e.fieldErrors).toEqual({
      metadataFile: "The metadata contains a DOCTYPE or ENTITY declaration, which is not accepted.",
    });
    expect(await findApplicationById(app.id)).toEqual(stored);
  });

  it("refuses an empty file, and a Read-only actor", async () => {
    const { admin, app } = await webexApp();
    expect(
      expectValidation(await thrown(() => importSpMetadata(admin, app.id, { xml: "  " }))).fieldErrors,
    ).toHaveProperty("metadataFile");
    const readOnly = await makeAdmin("READ_ONLY");
    const e = await thrown(() => importSpMetadata(readOnly, app.id, { xml: WEBEX_XML }));
    expect((e as AppError).code).toBe("forbidden");
    expect((await findApplicationById(app.id))?.spEntityId).toBeNull();
  });
});

describe("importSpMetadata from a URL (fetchMetadata)", () => {
  it("downloads the metadata from a local http server and imports it", async () => {
    expect(await fetchMetadata(`${origin}/webex.xml`)).toBe(WEBEX_XML);
    const { admin, app } = await webexApp();
    const { app: imported } = await importSpMetadata(admin, app.id, { url: `${origin}/webex.xml` });
    expect(imported).toMatchObject({ spEntityId: ENTITY_ID, sloUrl: SLO });
  });

  it("follows an http redirect", async () => {
    expect(await fetchMetadata(`${origin}/moved`)).toBe(WEBEX_XML);
  });

  it("a 404 answer gives the generic text beside the URL field, and the exact cause to the Administrator Log", async () => {
    const { admin, app } = await webexApp();
    const e = expectValidation(
      await thrown(() => importSpMetadata(admin, app.id, { url: `${origin}/nothing-here.xml` })),
    );
    expect(e.fieldErrors).toEqual({ metadataUrl: METADATA_URL_UNAVAILABLE });
    expect((await findApplicationById(app.id))?.spEntityId).toBeNull();
    const [row] = await listAuditEntries({ limit: 10, action: "application.metadata_fetch_failed" });
    expect(row?.targetLabel).toBe(app.name);
    expect(JSON.parse(row!.after!)).toMatchObject({ code: "http_status", detail: "HTTP 404 Not Found" });
  });

  it("refuses a body over 512 KiB with the same text", async () => {
    const e = expectValidation(await thrown(() => fetchMetadata(`${origin}/huge.xml`)));
    expect(e.fieldErrors).toEqual({ metadataUrl: METADATA_URL_UNAVAILABLE });
  });

  it("a closed port reads exactly like an open one that answers something else", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const refused = expectValidation(await thrown(() => fetchMetadata(`http://127.0.0.1:${port}/x.xml`)));
    const answered = expectValidation(await thrown(() => fetchMetadata(`${origin}/nothing-here.xml`)));
    expect(refused.message).toBe(answered.message);
    expect(refused.fieldErrors).toEqual(answered.fieldErrors);
  });

  it.each([["http://10.0.0.1/md.xml"], ["http://169.254.169.254/latest/meta-data/"], ["http://[::ffff:192.168.1.1]/"]])(
    "refuses a redirect into %s with the same text, and imports nothing",
    async (target) => {
      const { admin, app } = await webexApp();
      const url = `${origin}/to?u=${encodeURIComponent(target)}`;
      const e = expectValidation(await thrown(() => importSpMetadata(admin, app.id, { url })));
      expect(e.fieldErrors).toEqual({ metadataUrl: METADATA_URL_UNAVAILABLE });
      expect((await findApplicationById(app.id))?.spEntityId).toBeNull();
    },
  );

  it.each([["file:///etc/passwd"], ["ftp://127.0.0.1/meta.xml"], ["javascript:alert(1)"], ["/relative/meta.xml"]])(
    "refuses the non-http URL %j beside the URL field",
    async (url) => {
      const { admin, app } = await webexApp();
      const e = expectValidation(await thrown(() => importSpMetadata(admin, app.id, { url })));
      expect(e.fieldErrors).toEqual({ metadataUrl: "The metadata URL must be an absolute http:// or https:// URL." });
    },
  );
});
