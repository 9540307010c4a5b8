// SSO benchmark, in process: for an application with 5 attributes, parse and validate a
// signed HTTP-Redirect AuthnRequest (made by @node-saml/node-saml), build the signed
// Response and its auto-post page, 10,000 times; beside it, the rate of a bare RSA-SHA256
// signature with the same key. Each signing mode is printed as a ratio to its floor: the bare
// RSA rate divided by the signatures that mode makes (one or two), target >= 0.85; no memory growth.
// Run: npx tsx --expose-gc scripts/bench-sso.ts   (without --expose-gc RSS is noisier)
import { sign, verify, X509Certificate } from "node:crypto";
import { inflateRawSync } from "node:zlib";
import { SAML } from "@node-saml/node-saml";
import { generateKeyPair, toSigningKey } from "../lib/crypto/keys";
import {
  BINDING,
  LIMITS,
  NAMEID_FORMAT,
  buildResponse,
  parseAuthnRequest,
  renderPostForm,
  type InboundMessage,
  type ServiceProvider,
} from "../lib/saml";
import { parseXml } from "../lib/saml/xml";

const N = 10_000;
const WARMUP = 2000;
const REQUEST_POOL = 200;

const IDP_ENTITY_ID = "https://idp.bench.test/saml2/idp/bench/metadata";
const SSO_URL = "https://idp.bench.test/saml2/idp/bench/sso";
const SP_ENTITY_ID = "https://sp.bench.test/metadata";
const ACS_URL = "https://sp.bench.test/saml/acs";

const ATTRIBUTES = [
  { name: "uid", values: ["alice@example.com"] },
  { name: "email", values: ["alice@example.com"] },
  { name: "firstName", values: ["Alice"] },
  { name: "lastName", values: ["O'Hara & Sons <Ltd>"] },
  { name: "groups", values: ["Engineering", "VPN Users", "Admins"] },
];

interface InProcessResult {
  mode: string;
  signatures: number;
  /** Responses per CPU second if a response cost only its signatures (measured interleaved). */
  floorPerSecond: number;
  /** Per second of this process's CPU time, i.e. on one core whatever else the machine runs. */
  responsesPerSecond: number;
  responsesPerWallSecond: number;
  rssBefore: number;
  rssAfter: number;
  heapBefore: number;
  heapAfter: number;
}

/** Runs a full GC when node was started with --expose-gc. */
const gc = () => (globalThis as { gc?: () => void }).gc?.();
/** Bytes as megabytes. */
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Signed Redirect AuthnRequests from node-saml, as the raw query strings the route would get. */
async function makeRequests(spKeyPem: string, idpCertPem: string): Promise<InboundMessage[]> {
  const sp = new SAML({
    entryPoint: SSO_URL,
    issuer: SP_ENTITY_ID,
    callbackUrl: ACS_URL,
    idpCert: idpCertPem,
    privateKey: spKeyPem,
    signatureAlgorithm: "sha256",
  });
  const out: InboundMessage[] = [];
  for (let i = 0; i < REQUEST_POOL; i++) {
    const url = await sp.getAuthorizeUrlAsync(`relay-${i}`, undefined, {});
    out.push({ binding: "redirect", query: url.slice(url.indexOf("?") + 1) });
  }
  return out;
}

/** Runs N parse + build + render rounds in process and measures rate and memory. */
function benchInProcess(
  mode: { signResponse: boolean; signAssertion: boolean },
  requests: InboundMessage[],
  sp: ServiceProvider,
  idp: Parameters<typeof buildResponse>[0]["idp"],
): InProcessResult {
  const login = (i: number) => {
    const request = parseAuthnRequest(requests[i % requests.length]!, { sp, ssoUrl: SSO_URL });
    const now = new Date();
    const message = buildResponse({
      idp,
      ...mode,
      audience: sp.entityId,
      acsUrl: request.acs.url,
      inResponseTo: request.id,
      relayState: request.relayState,
      nameId: { value: "alice@example.com", format: NAMEID_FORMAT.emailAddress },
      session: { index: `_s${i}`, authnInstant: now, notOnOrAfter: new Date(now.getTime() + 8 * 3600_000), mfa: false },
      attributes: ATTRIBUTES,
      now,
    });
    return renderPostForm(message, "/sso/post.js").length;
  };
  for (let i = 0; i < WARMUP; i++) login(i);
  gc();
  const before = process.memoryUsage();
  // Interleaved with the floor (bare signatures, as many as the responses make) in batches, so
  // that both are measured under the same conditions on a shared machine.
  const signatures = Number(mode.signAssertion) + Number(mode.signResponse);
  const data = Buffer.alloc(800, "s");
  const BATCH = 250;
  let cpuMs = 0;
  let floorCpuMs = 0;
  let wallMs = 0;
  for (let done = 0; done < N; done += BATCH) {
    const w = performance.now();
    let c = process.cpuUsage();
    for (let i = done; i < done + BATCH; i++) login(i);
    c = process.cpuUsage(c);
    wallMs += performance.now() - w;
    cpuMs += (c.user + c.system) / 1000;
    let f = process.cpuUsage();
    for (let i = 0; i < BATCH * signatures; i++) sign("sha256", data, idp.key.privateKey);
    f = process.cpuUsage(f);
    floorCpuMs += (f.user + f.system) / 1000;
  }
  const seconds = wallMs / 1000;
  const cpu = { user: cpuMs * 1000, system: 0 };
  gc();
  const after = process.memoryUsage();
  const name = [mode.signAssertion && "Assertion", mode.signResponse && "Response"].filter(Boolean).join(" + ");
  return {
    mode: `sign ${name}`,
    signatures: Number(mode.signAssertion) + Number(mode.signResponse),
    responsesPerSecond: N / ((cpu.user + cpu.system) / 1e6),
    responsesPerWallSecond: N / seconds,
    floorPerSecond: N / (floorCpuMs / 1000),
    rssBefore: before.rss,
    rssAfter: after.rss,
    heapBefore: before.heapUsed,
    heapAfter: after.heapUsed,
  };
}

/** RSA-SHA256 signatures per CPU second over a SignedInfo-sized buffer with the same key. */
function bareSignaturesPerSecond(privateKey: Parameters<typeof sign>[2]): number {
  const data = Buffer.alloc(800, "s");
  for (let i = 0; i < 200; i++) sign("sha256", data, privateKey);
  const cpuStart = process.cpuUsage();
  const n = 5000;
  for (let i = 0; i < n; i++) sign("sha256", data, privateKey);
  const cpu = process.cpuUsage(cpuStart);
  return n / ((cpu.user + cpu.system) / 1e6);
}

/** CPU milliseconds per call of `f`, after a warm-up. */
function cpuMsEach(n: number, f: (i: number) => unknown): number {
  for (let i = 0; i < 500; i++) f(i);
  const start = process.cpuUsage();
  for (let i = 0; i < n; i++) f(i);
  const cpu = process.cpuUsage(start);
  return (cpu.user + cpu.system) / 1000 / n;
}

/** The inbound AuthnRequest's cost, whole and in parts: its RSA verify, inflate and XML parse. */
function requestParts(requests: InboundMessage[], sp: ServiceProvider, spPrivateKeyPem: string) {
  const xmls = requests.map((r) => {
    const encoded = new URLSearchParams(r.binding === "redirect" ? r.query : "").get("SAMLRequest")!;
    return Buffer.from(encoded, "base64");
  });
  const texts = xmls.map((raw) => inflateRawSync(raw).toString("utf8"));
  const data = Buffer.alloc(600, "q"); // about the signed query octets
  const signature = sign("sha256", data, spPrivateKeyPem);
  const spKey = new X509Certificate(sp.signingCertificates[0]!).publicKey;
  const at = (i: number) => i % requests.length;
  return {
    whole: cpuMsEach(N, (i) => parseAuthnRequest(requests[at(i)]!, { sp, ssoUrl: SSO_URL })),
    verify: cpuMsEach(N, () => verify("sha256", data, spKey, signature)),
    inflate: cpuMsEach(N, (i) => inflateRawSync(xmls[at(i)]!, { maxOutputLength: LIMITS.xmlBytes })),
    xml: cpuMsEach(N, (i) => parseXml(texts[at(i)]!)),
  };
}

/** Prints the in-process figures; an HTTP run can be added beside benchInProcess. */
async function main() {
  const idpKeys = generateKeyPair("Portcullis bench IdP");
  const spKeys = generateKeyPair("Bench SP");
  const key = toSigningKey(idpKeys.privateKeyPem, idpKeys.certificatePem);
  const idp = { entityId: IDP_ENTITY_ID, key, algorithm: "SHA256" as const };
  const sp: ServiceProvider = {
    entityId: SP_ENTITY_ID,
    acs: [{ index: 0, url: ACS_URL, binding: BINDING.post, isDefault: true }],
    nameIdFormats: [NAMEID_FORMAT.emailAddress],
    signingCertificates: [spKeys.certificatePem],
    requireSignedRequests: true,
  };
  const requests = await makeRequests(spKeys.privateKeyPem, idpKeys.certificatePem);
  if (!(globalThis as { gc?: unknown }).gc) console.log("(run with --expose-gc for steadier memory figures)");

  const bare = bareSignaturesPerSecond(key.privateKey);
  console.log(`node ${process.version}; N=${N}; signed HTTP-Redirect AuthnRequest in, 5 attributes out\n`);
  console.log(`bare RSA-2048 SHA-256 signature, same key: ${bare.toFixed(0)}/s (${(1000 / bare).toFixed(3)} ms)\n`);
  console.log(
    "rates are per CPU second (one core); wall-clock rate in brackets; floor = the bare rate / signatures made, measured interleaved with the responses\n",
  );
  console.log(
    "mode                       responses/s (wall)  ms each  floor/s  ratio to floor  RSS before -> after      heap before -> after",
  );
  const modes = [
    { signResponse: false, signAssertion: true },
    { signResponse: true, signAssertion: false },
    { signResponse: true, signAssertion: true },
  ];
  let assertionOnly: InProcessResult | undefined;
  for (const mode of modes) {
    const r = benchInProcess(mode, requests, sp, idp);
    assertionOnly ??= r;
    console.log(
      `${r.mode.padEnd(27)}${r.responsesPerSecond.toFixed(0).padStart(11)} ${`(${r.responsesPerWallSecond.toFixed(0)})`.padStart(7)}` +
        `  ${(1000 / r.responsesPerSecond).toFixed(3).padStart(7)}` +
        `  ${r.floorPerSecond.toFixed(0).padStart(7)}  ${(r.responsesPerSecond / r.floorPerSecond).toFixed(2).padStart(14)}` +
        `  ${`${mb(r.rssBefore)} -> ${mb(r.rssAfter)}`.padEnd(23)}` +
        `  ${mb(r.heapBefore)} -> ${mb(r.heapAfter)}`,
    );
  }
  const parts = requestParts(requests, sp, spKeys.privateKeyPem);
  const ms = (v: number) => `${v.toFixed(3)} ms`;
  const bareMs = 1000 / bare;
  const eachMs = 1000 / assertionOnly!.responsesPerSecond;
  const signatureMs = 1000 / assertionOnly!.floorPerSecond;
  // Parts measured alone are not the loop's parts exactly (caches, GC): the rest may come out at ~0.
  const rest = eachMs - signatureMs - parts.whole;
  console.log(
    `\nwhere a response's time goes (${assertionOnly!.mode}, ${ms(eachMs)} each): its signature ${ms(signatureMs)};` +
      ` the signed AuthnRequest ${ms(parts.whole)} (measured alone: its RSA-SHA256 verify ${ms(parts.verify)},` +
      ` inflate ${ms(parts.inflate)}, XML parse ${ms(parts.xml)}); the rest, ${rest > 0.001 ? ms(rest) : "within the noise"},` +
      ` builds and digests the Response and renders the page.`,
  );
  console.log(
    `a ratio of 0.85 with one ${ms(bareMs)} signature leaves ${ms(bareMs / 0.85 - bareMs)} for everything else;` +
      ` the request's own verify and inflate take ${ms(parts.verify + parts.inflate)} of it.`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
