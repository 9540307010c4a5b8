// The guarded outbound fetch against real loopback servers (the only servers a test can run):
// loopback is refused unless the development setting allows it, every other inside range is
// refused before any connection, redirects are re-checked, the connection goes to the address
// that was checked (no second lookup), and size, time and redirect caps hold.
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import type { TLSSocket } from "node:tls";
import { afterEach, describe, expect, it } from "vitest";
import { createDeviceCa, issueServerCertificate } from "../endpoints/device-certificates";
import { guardedFetch, OutboundFetchError, type Resolver } from "./guarded-fetch";
import { isPublicAddress } from "./outbound-address";

const servers: (http.Server | https.Server)[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

async function serve(handler: http.RequestListener, server: http.Server | https.Server = http.createServer()) {
  server.on("request", handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return (server.address() as AddressInfo).port;
}

const opts = { maxBytes: 64 * 1024, timeoutMs: 3_000 };

async function failure(p: Promise<unknown>): Promise<OutboundFetchError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof OutboundFetchError) return e;
    throw e;
  }
  throw new Error("the fetch succeeded");
}

/** A resolver that answers from a table and counts its lookups. */
function table(entries: Record<string, string[]>) {
  const calls: string[] = [];
  const resolve: Resolver = async (name) => {
    calls.push(name);
    const list = entries[name];
    if (!list) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: "ENOTFOUND" });
    return list.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  return { resolve, calls };
}

describe("isPublicAddress", () => {
  it.each([
    "127.0.0.1",
    "127.8.9.10",
    "::1",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "0.0.0.0",
    "::",
    "10.0.0.1",
    "172.16.5.4",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "169.254.170.2",
    "100.64.0.1",
    "100.100.100.200",
    "192.0.0.192",
    "168.63.129.16",
    "fd00:ec2::254",
    "fc00::1",
    "fe80::1",
    "ff02::1",
    "224.0.0.1",
    "239.255.255.250",
    "255.255.255.255",
    "240.0.0.1",
    "198.18.0.1",
    "192.0.2.10",
    "2001:db8::1",
    "2002:7f00:1::1",
    "2001:0:4136:e378:8000:63bf:3fff:fdd2",
    "64:ff9b::7f00:1",
    "::127.0.0.1",
    "not-an-ip",
  ])("%s is inside (refused)", (ip) => expect(isPublicAddress(ip)).toBe(false));

  it.each(["93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])(
    "%s is public",
    (ip) => expect(isPublicAddress(ip)).toBe(true),
  );
});

describe("guardedFetch", () => {
  it("refuses loopback without the development setting, by address and by name", async () => {
    const port = await serve((_, res) => res.end("secret"));
    for (const url of [`http://127.0.0.1:${port}/`, `https://127.0.0.1:${port}/`, `http://[::1]:${port}/`]) {
      const e = await failure(guardedFetch(url, { ...opts, allowLoopback: false }));
      expect(e.code, url).toBe("address_not_allowed");
    }
    const { resolve } = table({ "localhost.example": ["127.0.0.1"] });
    const e = await failure(
      guardedFetch(`https://localhost.example:${port}/`, { ...opts, allowLoopback: false, resolve }),
    );
    expect(e.code).toBe("address_not_allowed");
    expect(e.detail).toBe("localhost.example -> 127.0.0.1");
  });

  it("with the development setting, fetches loopback over http", async () => {
    const port = await serve((req, res) => res.end(`hello ${req.headers.host}`));
    const r = await guardedFetch(`http://127.0.0.1:${port}/x`, { ...opts, allowLoopback: true });
    expect([r.status, r.body.toString()]).toEqual([200, `hello 127.0.0.1:${port}`]);
  });

  it("refuses private, link-local, metadata and mapped addresses before connecting", async () => {
    for (const url of [
      "https://10.0.0.1/",
      "https://169.254.169.254/latest/meta-data/",
      "https://[fd00:ec2::254]/",
      "https://[::ffff:192.168.0.1]/",
      "https://100.64.0.1/",
      "https://0.0.0.0/",
    ]) {
      const e = await failure(guardedFetch(url, { ...opts, allowLoopback: true }));
      expect(e.code, url).toBe("address_not_allowed");
    }
  });

  it("checks every address a name resolves to", async () => {
    const { resolve } = table({ "mixed.example": ["93.184.216.34", "10.1.2.3"] });
    const e = await failure(guardedFetch("https://mixed.example/", { ...opts, resolve }));
    expect([e.code, e.detail]).toEqual(["address_not_allowed", "mixed.example -> 10.1.2.3"]);
  });

  it("refuses plain http to a public address and other schemes", async () => {
    const { resolve } = table({ "sp.example": ["93.184.216.34"] });
    expect((await failure(guardedFetch("http://sp.example/metadata", { ...opts, resolve }))).code).toBe(
      "scheme_not_allowed",
    );
    expect((await failure(guardedFetch("file:///etc/passwd", opts))).code).toBe("scheme_not_allowed");
    expect((await failure(guardedFetch("https://user:pw@sp.example/", { ...opts, resolve }))).code).toBe(
      "credentials_in_url",
    );
    expect((await failure(guardedFetch("not a url", opts))).code).toBe("invalid_url");
  });

  it("reports a name that does not resolve as dns_failed", async () => {
    const { resolve } = table({});
    const e = await failure(guardedFetch("https://api.amp.cisco.invalid/", { ...opts, resolve }));
    expect([e.code, e.host, e.detail]).toEqual(["dns_failed", "api.amp.cisco.invalid", "ENOTFOUND"]);
  });

  it("re-checks every redirect: a redirect into a private or metadata address is refused", async () => {
    for (const target of ["http://10.0.0.1/", "https://169.254.169.254/", "http://[::ffff:a00:1]/"]) {
      const port = await serve((_, res) => {
        res.writeHead(302, { Location: target });
        res.end();
      });
      const e = await failure(guardedFetch(`http://127.0.0.1:${port}/start`, { ...opts, allowLoopback: true }));
      expect(e.code, target).toBe("address_not_allowed");
    }
  });

  it("follows at most 3 redirects and drops credentials when the origin changes", async () => {
    let seen: http.IncomingHttpHeaders | undefined;
    const final = await serve((req, res) => {
      seen = req.headers;
      res.end("done");
    });
    const hop = await serve((req, res) => {
      const n = Number(new URL(req.url!, "http://x").searchParams.get("n"));
      res.writeHead(307, { Location: n > 1 ? `/?n=${n - 1}` : `http://127.0.0.1:${final}/end` });
      res.end();
    });
    const r = await guardedFetch(`http://127.0.0.1:${hop}/?n=3`, {
      ...opts,
      allowLoopback: true,
      headers: { Authorization: "Basic c2VjcmV0", Accept: "text/plain" },
    });
    expect(r.body.toString()).toBe("done");
    expect(r.url).toBe(`http://127.0.0.1:${final}/end`);
    expect(seen?.authorization).toBeUndefined();
    expect(seen?.accept).toBe("text/plain");
    const e = await failure(guardedFetch(`http://127.0.0.1:${hop}/?n=4`, { ...opts, allowLoopback: true }));
    expect(e.code).toBe("too_many_redirects");
    const none = await failure(
      guardedFetch(`http://127.0.0.1:${hop}/?n=1`, { ...opts, allowLoopback: true, maxRedirects: 0 }),
    );
    expect(none.code).toBe("too_many_redirects");
  });

  it("connects to the address it checked, once resolved, keeping Host and the TLS server name", async () => {
    const ca = createDeviceCa("Outbound test CA");
    const cert = issueServerCertificate(ca, ["metadata.sp.test"]);
    let sni: string | false | undefined;
    let host: string | undefined;
    const server = https.createServer({ cert: cert.certificatePem, key: cert.privateKeyPem });
    server.on("secureConnection", (s: TLSSocket) => (sni = (s as TLSSocket & { servername?: string }).servername));
    const port = await serve((req, res) => {
      host = req.headers.host;
      res.end("<EntityDescriptor/>");
    }, server);
    // A rebinding resolver would answer differently the second time: it is asked once.
    const { resolve, calls } = table({ "metadata.sp.test": ["127.0.0.1"] });
    const r = await guardedFetch(`https://metadata.sp.test:${port}/md`, {
      ...opts,
      allowLoopback: true,
      resolve,
      ca: ca.certificatePem,
    });
    expect(r.body.toString()).toBe("<EntityDescriptor/>");
    expect(calls).toEqual(["metadata.sp.test"]);
    expect(sni).toBe("metadata.sp.test");
    expect(host).toBe(`metadata.sp.test:${port}`);
  });

  it("caps the response size, declared or streamed", async () => {
    const declared = await serve((_, res) => {
      res.writeHead(200, { "Content-Length": String(10 * 1024 * 1024) });
      res.end();
    });
    const streamed = await serve((_, res) => {
      res.write(Buffer.alloc(40 * 1024));
      res.end(Buffer.alloc(40 * 1024));
    });
    for (const port of [declared, streamed]) {
      const e = await failure(guardedFetch(`http://127.0.0.1:${port}/`, { ...opts, allowLoopback: true }));
      expect(e.code).toBe("too_large");
    }
  });

  it("gives up at the deadline", async () => {
    const port = await serve(() => {
      /* never answers */
    });
    const started = Date.now();
    const e = await failure(
      guardedFetch(`http://127.0.0.1:${port}/`, { ...opts, timeoutMs: 300, allowLoopback: true }),
    );
    expect(e.code).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("a closed port is connect_failed, never an answer", async () => {
    const port = await serve(() => undefined);
    await new Promise((r) => servers.pop()!.close(r));
    const e = await failure(guardedFetch(`http://127.0.0.1:${port}/`, { ...opts, allowLoopback: true }));
    expect(e.code).toBe("connect_failed");
  });
});
