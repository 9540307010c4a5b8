// A real SAML service provider on loopback, run inside the test process: a node:http server
// on 127.0.0.1 (a free port) around @node-saml/node-saml, configured the way real SPs are,
// from the IdP's metadata URL (SSO and SLO endpoints, every signing certificate listed).
// The browser really travels between this SP and the IdP; tests read what the SP's pages
// show, and may also look at what it recorded (validated profiles, logout messages).
//
//   GET  /login?binding=redirect|post&relay=…&acs=…  SP-initiated sign-in (acs: announce
//        another AssertionConsumerServiceURL, to test refusals)
//   POST /acs (any path under /acs)  validates the SAMLResponse: signature with the
//        certificates from metadata, audience, issuer, Destination and Recipient = this
//        ACS, InResponseTo = a request this SP sent (always, unless acceptUnsolicited)
//   GET  /logout?relay=…  SP-initiated Single Logout of the last signed-in profile
//   GET|POST /slo  a LogoutResponse ("Signed out") or a LogoutRequest from the IdP
//        (validated, recorded, answered with a LogoutResponse)
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { inflateRawSync } from "node:zlib";
import {
  SAML,
  ValidateInResponseTo,
  type CacheItem,
  type CacheProvider,
  type Profile,
  type SamlConfig,
} from "@node-saml/node-saml";
import { DOMParser } from "@xmldom/xmldom";

const FIXTURES = path.join(__dirname, "..", "..", "test", "fixtures", "saml");
/** The test SP's key pair (test/fixtures/saml; never trusted anywhere else). */
export const SP_KEY_PEM = readFileSync(path.join(FIXTURES, "sp-key.pem"), "utf8");
export const SP_CERT_PEM = readFileSync(path.join(FIXTURES, "sp-cert.pem"), "utf8");
/** The certificate's base64 DER body, as metadata carries it. */
export const SP_CERT_BASE64 = SP_CERT_PEM.replace(/-----(BEGIN|END) CERTIFICATE-----|\s+/g, "");

export const NS = {
  metadata: "urn:oasis:names:tc:SAML:2.0:metadata",
  protocol: "urn:oasis:names:tc:SAML:2.0:protocol",
  assertion: "urn:oasis:names:tc:SAML:2.0:assertion",
  dsig: "http://www.w3.org/2000/09/xmldsig#",
} as const;
export const BINDING_REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
export const NAMEID = {
  unspecified: "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified",
  emailAddress: "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
  transient: "urn:oasis:names:tc:SAML:2.0:nameid-format:transient",
  persistent: "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
} as const;

export type TestSpOptions = {
  /** Shown on the SP's pages, e.g. "Loopback SP A". */
  name: string;
  /** Entity ID (Issuer of its requests, expected Audience); default http://127.0.0.1:<port>/metadata. */
  entityId?: string;
  /** NameIDPolicy Format of its AuthnRequests; null (default): no NameIDPolicy. */
  identifierFormat?: string | null;
  /** Sign AuthnRequests (both bindings) and logout messages with sp-key.pem, RSA-SHA256 with SHA-256 digests. */
  signRequests?: boolean;
  /** Accept Responses without InResponseTo (IdP-initiated). Default: InResponseTo always required. */
  acceptUnsolicited?: boolean;
};

/** What an IdP's metadata told the SP. */
export type IdpMetadata = { entityId: string; ssoUrl: string; sloUrl: string; certificates: string[] };

/** A Response the SP accepted. */
export type SignIn = {
  acsUrl: string;
  nameId: string;
  nameIdFormat: string;
  nameQualifier?: string;
  spNameQualifier?: string;
  issuer: string;
  sessionIndex?: string;
  audience: string;
  destination: string;
  recipient: string;
  /** The Response's InResponseTo; null for IdP-initiated sign-in. */
  inResponseTo: string | null;
  /** The ID of the AuthnRequest this SP sent that InResponseTo matched (node-saml checked it). */
  matchedRequest: boolean;
  relayState?: string;
  attributes: Record<string, string[]>;
  profile: Profile;
};

export type LogoutRequestReceived = {
  id: string;
  issuer: string;
  nameId: string;
  nameIdFormat?: string;
  sessionIndex?: string;
  relayState?: string;
  signed: boolean;
};
export type LogoutResponseReceived = { inResponseTo: string | null; relayState?: string; signed: boolean };

/** A node-saml cache provider shared by the SAML instances of one SP (request IDs for InResponseTo). */
class MemoryCache implements CacheProvider {
  private items = new Map<string, CacheItem>();
  async saveAsync(key: string, value: string) {
    if (this.items.has(key)) return null;
    const item = { value, createdAt: Date.now() };
    this.items.set(key, item);
    return item;
  }
  async getAsync(key: string) {
    return this.items.get(key)?.value ?? null;
  }
  async removeAsync(key: string | null) {
    if (key === null || !this.items.has(key)) return null;
    const v = this.items.get(key)!.value;
    this.items.delete(key);
    return v;
  }
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const esc = (s: unknown) => String(s ?? "").replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

const parseXml = (xml: string) => new DOMParser().parseFromString(xml, "text/xml") as unknown as Document;
const first = (el: Document | Element, ns: string, local: string) =>
  (el.getElementsByTagNameNS(ns, local)[0] as Element | undefined) ?? null;
const text = (el: Element | null) => (el?.textContent ?? "").trim();

/** Reads an IdP's metadata: entity ID, HTTP-Redirect SSO and SLO locations, every signing certificate. */
export function parseIdpMetadata(xml: string): IdpMetadata {
  const doc = parseXml(xml);
  const root = doc.documentElement;
  if (root.namespaceURI !== NS.metadata || root.localName !== "EntityDescriptor") throw new Error("not SAML metadata");
  const idp = first(doc, NS.metadata, "IDPSSODescriptor");
  if (!idp) throw new Error("no IDPSSODescriptor");
  const location = (element: string) => {
    const el = Array.from(idp.getElementsByTagNameNS(NS.metadata, element)).find(
      (e) => e.getAttribute("Binding") === BINDING_REDIRECT,
    );
    if (!el) throw new Error(`no HTTP-Redirect ${element}`);
    return el.getAttribute("Location")!;
  };
  const certificates = Array.from(idp.getElementsByTagNameNS(NS.metadata, "KeyDescriptor"))
    .filter((kd) => !kd.getAttribute("use") || kd.getAttribute("use") === "signing")
    .flatMap((kd) =>
      Array.from(kd.getElementsByTagNameNS(NS.dsig, "X509Certificate")).map((c) => text(c).replace(/\s+/g, "")),
    );
  return {
    entityId: root.getAttribute("entityID")!,
    ssoUrl: location("SingleSignOnService"),
    sloUrl: location("SingleLogoutService"),
    certificates,
  };
}

function page(title: string, body: string): string {
  return (
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>` +
    `<style>body{font:15px/1.5 system-ui,sans-serif;margin:0;background:#f5f3ff;color:#1e1b4b}` +
    `header{background:#4c1d95;color:#fff;padding:12px 24px;font-weight:600}main{max-width:760px;margin:32px auto;background:#fff;` +
    `border:1px solid #ddd6fe;border-radius:10px;padding:24px 28px}h1{font-size:22px;margin:0 0 16px}dl{display:grid;` +
    `grid-template-columns:11rem 1fr;gap:6px 16px}dt{color:#6d28d9}dd{margin:0;font-family:ui-monospace,monospace;word-break:break-all}` +
    `table{border-collapse:collapse;width:100%}th,td{border-top:1px solid #ede9fe;padding:6px 8px;text-align:left;vertical-align:top}` +
    `td{font-family:ui-monospace,monospace;word-break:break-all}.error{color:#b91c1c}</style></head><body>${body}</body></html>`
  );
}

export class TestSp {
  readonly options: TestSpOptions;
  readonly baseUrl: string;
  readonly entityId: string;
  /** Responses this SP accepted, oldest first. */
  readonly signIns: SignIn[] = [];
  /** LogoutRequests the IdP sent to this SP. */
  readonly logoutRequests: LogoutRequestReceived[] = [];
  /** LogoutResponses that answered this SP's LogoutRequests. */
  readonly logoutResponses: LogoutResponseReceived[] = [];
  /** Every message this SP refused, with node-saml's or its own reason. */
  readonly errors: string[] = [];
  idp: IdpMetadata | undefined;
  /** The path the SP announces as its ACS (AssertionConsumerServiceURL). */
  acsPath = "/acs";

  private readonly server: http.Server;
  private readonly cache = new MemoryCache();
  private lastProfile: Profile | undefined;

  private constructor(server: http.Server, options: TestSpOptions) {
    this.server = server;
    this.options = options;
    const { port } = server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.entityId = options.entityId ?? `${this.baseUrl}/metadata`;
    server.on("request", (req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        this.errors.push(String(e));
        if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain" });
        res.end(String(e));
      });
    });
  }

  /** Starts an SP on a free loopback port. Configure it with useIdp() before signing in. */
  static async start(options: TestSpOptions): Promise<TestSp> {
    const server = http.createServer();
    // The browser keeps connections open; close them with the server.
    server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    return new TestSp(server, options);
  }

  get acsUrl() {
    return `${this.baseUrl}${this.acsPath}`;
  }
  get sloUrl() {
    return `${this.baseUrl}/slo`;
  }
  /** Where a person starts a sign-in at this SP. */
  loginUrl(opts: { binding?: "redirect" | "post"; relay?: string; acs?: string } = {}) {
    const q = new URLSearchParams({ binding: opts.binding ?? "redirect" });
    if (opts.relay !== undefined) q.set("relay", opts.relay);
    if (opts.acs !== undefined) q.set("acs", opts.acs);
    return `${this.baseUrl}/login?${q}`;
  }
  logoutUrl(relay?: string) {
    return `${this.baseUrl}/logout${relay === undefined ? "" : `?${new URLSearchParams({ relay })}`}`;
  }
  get lastSignIn(): SignIn | undefined {
    return this.signIns[this.signIns.length - 1];
  }

  /** Reads the IdP's metadata from its URL, as the SPs of the seeds do, and trusts what it lists. */
  async useIdp(metadataUrl: string): Promise<IdpMetadata> {
    const res = await fetch(metadataUrl);
    if (!res.ok) throw new Error(`metadata ${metadataUrl} answered ${res.status}`);
    this.idp = parseIdpMetadata(await res.text());
    return this.idp;
  }

  /** The node-saml instance for the current IdP metadata and ACS (or another announced ACS). */
  private saml(acsUrl = this.acsUrl, binding: "redirect" | "post" = "redirect"): SAML {
    const idp = this.idp;
    if (!idp) throw new Error(`${this.options.name}: call useIdp(metadataUrl) first`);
    const config: SamlConfig = {
      entryPoint: idp.ssoUrl,
      logoutUrl: idp.sloUrl,
      idpCert: idp.certificates,
      idpIssuer: idp.entityId,
      issuer: this.entityId,
      audience: this.entityId,
      callbackUrl: acsUrl,
      logoutCallbackUrl: this.sloUrl,
      identifierFormat: this.options.identifierFormat ?? null,
      wantAssertionsSigned: true,
      wantAuthnResponseSigned: true,
      validateInResponseTo: this.options.acceptUnsolicited
        ? ValidateInResponseTo.ifPresent
        : ValidateInResponseTo.always,
      cacheProvider: this.cache,
      acceptedClockSkewMs: 5_000,
      // node-saml deflates by default even for HTTP-POST, which the binding does not allow.
      skipRequestCompression: binding === "post",
    };
    if (this.options.signRequests) {
      // node-saml's defaults are SHA-1, which the IdP refuses by design.
      Object.assign(config, {
        privateKey: SP_KEY_PEM,
        publicCert: SP_CERT_PEM,
        signatureAlgorithm: "sha256",
        digestAlgorithm: "sha256",
      });
    }
    return new SAML(config);
  }

  /** An HTTP-Redirect AuthnRequest URL made directly (to replay it from the browser). */
  authorizeUrl(relay = ""): Promise<string> {
    return this.saml().getAuthorizeUrlAsync(relay, undefined, {});
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ------------------------------------------------------------------------- HTTP

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? "/", this.baseUrl);
    const html = (status: number, title: string, body: string) => {
      res.writeHead(status, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
      res.end(page(title, `<header>${esc(this.options.name)} · test service provider</header><main>${body}</main>`));
    };
    const redirect = (location: string) => {
      res.writeHead(302, { Location: location, "Cache-Control": "no-store" });
      res.end();
    };
    const fail = (what: string, e: unknown) => {
      const message = e instanceof Error ? e.message : String(e);
      this.errors.push(`${what}: ${message}`);
      html(
        400,
        `${what} failed`,
        `<h1>${esc(what)} failed</h1><p class="error" data-testid="sp-error">${esc(message)}</p>`,
      );
    };

    if (req.method === "GET" && url.pathname === "/login") {
      const relay = url.searchParams.get("relay") ?? "";
      const binding = url.searchParams.get("binding") === "post" ? "post" : "redirect";
      const saml = this.saml(url.searchParams.get("acs") ?? undefined, binding);
      if (binding === "post") {
        res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
        res.end(await saml.getAuthorizeFormAsync(relay, undefined, {}));
      } else {
        redirect(await saml.getAuthorizeUrlAsync(relay, undefined, {}));
      }
      return;
    }

    if (req.method === "POST" && url.pathname.startsWith("/acs")) {
      const form = new URLSearchParams(await readBody(req));
      const samlResponse = form.get("SAMLResponse") ?? "";
      const relayState = form.get("RelayState") ?? undefined;
      try {
        const signIn = await this.acceptResponse(`${this.baseUrl}${url.pathname}`, samlResponse, relayState);
        html(200, `Signed in to ${this.options.name}`, signedInBody(signIn));
      } catch (e) {
        fail("Sign-in", e);
      }
      return;
    }

    if (req.method === "GET" && url.pathname === "/logout") {
      if (!this.lastProfile) return html(200, "Not signed in", `<h1>Not signed in</h1>`);
      redirect(await this.saml().getLogoutUrlAsync(this.lastProfile, url.searchParams.get("relay") ?? "", {}));
      return;
    }

    if (url.pathname === "/slo" && (req.method === "GET" || req.method === "POST")) {
      try {
        const saml = this.saml();
        let fields: Record<string, string>;
        let result: { profile: Profile | null; loggedOut: boolean };
        let signed: boolean;
        if (req.method === "GET") {
          fields = Object.fromEntries(url.searchParams);
          const originalQuery = (req.url ?? "").split("?")[1] ?? "";
          signed = !!fields.Signature;
          // The IdP signs every logout message; node-saml would accept an unsigned one.
          if (!signed) throw new Error("the logout message is not signed");
          result = await saml.validateRedirectAsync(fields, originalQuery);
        } else {
          fields = Object.fromEntries(new URLSearchParams(await readBody(req)));
          signed = true; // node-saml checks the XML signature of POST messages
          result = fields.SAMLRequest
            ? await saml.validatePostRequestAsync(fields)
            : await saml.validatePostResponseAsync(fields);
        }
        const relayState = fields.RelayState;
        if (fields.SAMLRequest && result.profile) {
          // A LogoutRequest from the IdP: end the local session, answer with a LogoutResponse.
          const p = result.profile;
          this.logoutRequests.push({
            id: String(p.ID),
            issuer: p.issuer,
            nameId: p.nameID,
            nameIdFormat: p.nameIDFormat,
            sessionIndex: p.sessionIndex,
            relayState,
            signed,
          });
          this.lastProfile = undefined;
          redirect(await saml.getLogoutResponseUrlAsync(p, relayState ?? "", {}, true));
          return;
        }
        const xml = decodeRedirectOrPost(fields.SAMLResponse ?? "", req.method === "GET");
        this.logoutResponses.push({
          inResponseTo: parseXml(xml).documentElement.getAttribute("InResponseTo"),
          relayState,
          signed,
        });
        this.lastProfile = undefined;
        html(
          200,
          `Signed out of ${this.options.name}`,
          `<h1>Signed out</h1><dl><dt>RelayState</dt><dd data-testid="relay-state">${esc(relayState ?? "")}</dd></dl>`,
        );
      } catch (e) {
        fail("Sign-out", e);
      }
      return;
    }

    html(404, "Not found", `<h1>Not found</h1>`);
  }

  /** node-saml's validation, then the checks it leaves to the SP: Destination and Recipient. */
  private async acceptResponse(acsUrl: string, samlResponse: string, relayState: string | undefined): Promise<SignIn> {
    const { profile } = await this.saml(acsUrl).validatePostResponseAsync(
      relayState === undefined
        ? { SAMLResponse: samlResponse }
        : { SAMLResponse: samlResponse, RelayState: relayState },
    );
    if (!profile) throw new Error("the Response carries no assertion");
    const doc = parseXml(Buffer.from(samlResponse, "base64").toString("utf8"));
    const root = doc.documentElement;
    const destination = root.getAttribute("Destination") ?? "";
    if (destination !== acsUrl) throw new Error(`Destination "${destination}" is not this ACS (${acsUrl})`);
    const recipient = first(doc, NS.assertion, "SubjectConfirmationData")?.getAttribute("Recipient") ?? "";
    if (recipient !== acsUrl) throw new Error(`Recipient "${recipient}" is not this ACS (${acsUrl})`);
    const inResponseTo = root.getAttribute("InResponseTo") || null;
    const attributes: Record<string, string[]> = {};
    for (const [name, value] of Object.entries((profile.attributes ?? {}) as Record<string, unknown>))
      attributes[name] = (Array.isArray(value) ? value : [value]).map(String);
    const signIn: SignIn = {
      acsUrl,
      nameId: profile.nameID,
      nameIdFormat: profile.nameIDFormat,
      nameQualifier: profile.nameQualifier,
      spNameQualifier: profile.spNameQualifier,
      issuer: profile.issuer,
      sessionIndex: profile.sessionIndex,
      audience: text(first(doc, NS.assertion, "Audience")),
      destination,
      recipient,
      inResponseTo,
      // validateInResponseTo: node-saml refused any InResponseTo that is not a request ID it cached.
      matchedRequest: inResponseTo !== null,
      relayState,
      attributes,
      profile,
    };
    this.signIns.push(signIn);
    this.lastProfile = profile;
    return signIn;
  }
}

function decodeRedirectOrPost(value: string, deflated: boolean): string {
  const bytes = Buffer.from(value, "base64");
  return (deflated ? inflateRawSync(bytes) : bytes).toString("utf8");
}

function signedInBody(s: SignIn): string {
  const rows = Object.entries(s.attributes)
    .map(
      ([name, values]) =>
        `<tr data-testid="attribute" data-name="${esc(name)}"><th scope="row">${esc(name)}</th><td data-testid="attribute-value">${values.map(esc).join("<br>")}</td></tr>`,
    )
    .join("");
  return (
    `<h1>Signed in as <span data-testid="name-id">${esc(s.nameId)}</span></h1><dl>` +
    `<dt>NameID format</dt><dd data-testid="name-id-format">${esc(s.nameIdFormat)}</dd>` +
    `<dt>RelayState</dt><dd data-testid="relay-state">${esc(s.relayState ?? "")}</dd>` +
    `<dt>InResponseTo</dt><dd data-testid="in-response-to">${s.inResponseTo ? esc(s.inResponseTo) : "(none: IdP-initiated)"}</dd>` +
    `<dt>Issuer</dt><dd data-testid="issuer">${esc(s.issuer)}</dd>` +
    `<dt>Audience</dt><dd data-testid="audience">${esc(s.audience)}</dd>` +
    `<dt>SessionIndex</dt><dd data-testid="session-index">${esc(s.sessionIndex ?? "")}</dd></dl>` +
    `<h2>Attributes</h2>${rows ? `<table aria-label="Attributes">${rows}</table>` : "<p>None</p>"}`
  );
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > 1024 * 1024) {
        reject(new Error("body too large"));
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
