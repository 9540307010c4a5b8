// "Import metadata from URL" cannot be aimed inside (issue 10, finding 6). Without the
// development setting PORTCULLIS_OUTBOUND_ALLOW_LOOPBACK (off here, as in production), a URL on
// loopback or a private address is refused before any connection, with the same text as any
// other failure, and the application is unchanged. On the old code the loopback import succeeded.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture } from "../../../test/fixtures/saml";
import { makeAdmin, thrown } from "../../../test/helpers";
import { listAuditEntries } from "../../db/admin-audit-log";
import { findApplicationById } from "../../db/applications";
import { AppError } from "../../errors";
import { importSpMetadata, METADATA_URL_UNAVAILABLE } from "./import-sp-metadata";
import { protectApplication } from "./manage-applications";

const WEBEX_XML = fixture("idb-meta-c0cb726f-a187-4ef6-b89d-46749e1abd7a-SP.xml");

let server: Server;
let requests = 0;
let port: number;

beforeAll(async () => {
  server = createServer((_req, res) => {
    requests++;
    res.writeHead(200, { "Content-Type": "application/samlmetadata+xml" });
    res.end(WEBEX_XML);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("metadata by URL to an inside address", () => {
  it.each([
    ["loopback by address", () => `http://127.0.0.1:${port}/metadata.xml`],
    ["loopback over https", () => `https://127.0.0.1:${port}/metadata.xml`],
    ["loopback by name", () => `http://localhost:${port}/metadata.xml`],
    ["IPv6 loopback", () => `http://[::1]:${port}/metadata.xml`],
    ["a private address", () => "https://10.0.0.1/metadata.xml"],
    ["the cloud metadata service", () => "http://169.254.169.254/latest/meta-data/"],
    ["an IPv4-mapped private address", () => "https://[::ffff:172.16.0.1]/metadata.xml"],
  ])("is refused (%s) with the generic text, and nothing changes", async (_label, url) => {
    const admin = await makeAdmin("APPLICATION_MANAGER");
    const app = await protectApplication(admin, "webex-control-hub");
    const before = requests;
    const e = await thrown(() => importSpMetadata(admin, app.id, { url: url() }));
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).fieldErrors).toEqual({ metadataUrl: METADATA_URL_UNAVAILABLE });
    expect(requests, "no request reached the loopback server").toBe(before);
    expect(await findApplicationById(app.id)).toEqual(app);
    const [row] = await listAuditEntries({ limit: 1, action: "application.metadata_fetch_failed" });
    expect(JSON.parse(row!.after!)).toMatchObject({ code: "address_not_allowed" });
  });
});
