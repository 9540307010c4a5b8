// WebAuthn round trips with a software authenticator built here: an ES256 key pair from
// node:crypto, clientDataJSON and authenticatorData assembled by hand, attestation "none"
// encoded with the CBOR encoder that ships with @simplewebauthn/server.
import { createHash, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { isoCBOR } from "@simplewebauthn/server/helpers";
import { describe, expect, it } from "vitest";
import {
  authenticationOptions,
  registrationOptions,
  relyingParty,
  verifyAuthentication,
  verifyRegistration,
  webauthnUserHandle,
  type RelyingParty,
  type StoredWebAuthnCredential,
} from "./webauthn";

const rp = relyingParty({ tenantName: "Acme Corp", publicBaseUrl: "https://sso.acme.example/portcullis" });
const USER_ID = "cm_user_1";
const b64 = (b: Uint8Array | Buffer) => Buffer.from(b).toString("base64url");
const sha256 = (b: string | Uint8Array) => createHash("sha256").update(b).digest();

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;

/** A software authenticator holding one ES256 credential. */
class SoftAuthenticator {
  private readonly key: KeyObject;
  private readonly publicJwk: { x: string; y: string };
  counter: number;

  constructor(
    startCounter = 0,
    readonly credentialId = b64(Buffer.from(Array.from({ length: 16 }, (_, i) => i * 7))),
    private readonly userHandle = webauthnUserHandle(USER_ID),
  ) {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    this.key = privateKey;
    this.publicJwk = publicKey.export({ format: "jwk" }) as { x: string; y: string };
    this.counter = startCounter;
  }

  private cosePublicKey(): Uint8Array {
    return isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2], // kty: EC2
        [3, -7], // alg: ES256
        [-1, 1], // crv: P-256
        [-2, new Uint8Array(Buffer.from(this.publicJwk.x, "base64url"))],
        [-3, new Uint8Array(Buffer.from(this.publicJwk.y, "base64url"))],
      ]),
    );
  }

  private static clientData(type: string, challenge: string, origin: string): string {
    return b64(Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false })));
  }

  private static counterBytes(n: number): Buffer {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  }

  /** navigator.credentials.create(), with what a browser would put in clientDataJSON. */
  create(o: { challenge: string; origin: string; rpId: string; type?: string }) {
    const credId = Buffer.from(this.credentialId, "base64url");
    const credLen = Buffer.alloc(2);
    credLen.writeUInt16BE(credId.length);
    const authData = Buffer.concat([
      sha256(o.rpId),
      Buffer.from([FLAG_UP | FLAG_UV | FLAG_AT]),
      SoftAuthenticator.counterBytes(this.counter),
      Buffer.alloc(16), // AAGUID: zeros (attestation "none")
      credLen,
      credId,
      Buffer.from(this.cosePublicKey()),
    ]);
    const attestationObject = isoCBOR.encode(
      new Map<string, string | Uint8Array | Map<string, string>>([
        ["fmt", "none"],
        ["attStmt", new Map<string, string>()],
        ["authData", new Uint8Array(authData)],
      ]),
    );
    return {
      id: this.credentialId,
      rawId: this.credentialId,
      type: "public-key",
      response: {
        clientDataJSON: SoftAuthenticator.clientData(o.type ?? "webauthn.create", o.challenge, o.origin),
        attestationObject: b64(attestationObject),
        transports: ["internal", "hybrid", "bogus"],
      },
      clientExtensionResults: {},
      authenticatorAttachment: "platform",
    };
  }

  /** navigator.credentials.get(): bumps the counter unless told which one to report. */
  get(o: {
    challenge: string;
    origin: string;
    rpId: string;
    counter?: number;
    signWith?: KeyObject;
    userHandle?: Uint8Array | null;
    flags?: number;
  }) {
    if (o.counter === undefined) this.counter += 1;
    const counter = o.counter ?? this.counter;
    const authData = Buffer.concat([
      sha256(o.rpId),
      Buffer.from([o.flags ?? FLAG_UP | FLAG_UV]),
      SoftAuthenticator.counterBytes(counter),
    ]);
    const clientDataJSON = SoftAuthenticator.clientData("webauthn.get", o.challenge, o.origin);
    const signature = sign(
      "sha256",
      Buffer.concat([authData, sha256(Buffer.from(clientDataJSON, "base64url"))]),
      o.signWith ?? this.key,
    );
    const handle = o.userHandle === undefined ? this.userHandle : o.userHandle;
    return {
      id: this.credentialId,
      rawId: this.credentialId,
      type: "public-key",
      response: {
        clientDataJSON,
        authenticatorData: b64(authData),
        signature: b64(signature),
        ...(handle ? { userHandle: b64(handle) } : {}),
      },
      clientExtensionResults: {},
    };
  }
}

async function register(auth: SoftAuthenticator, party: RelyingParty = rp): Promise<StoredWebAuthnCredential> {
  const options = await registrationOptions(party, { id: USER_ID, username: "alice" }, []);
  const result = await verifyRegistration(
    party,
    auth.create({ challenge: options.challenge, origin: party.origin, rpId: party.id }),
    options.challenge,
  );
  if (!result.ok) throw new Error(`registration failed: ${result.reason} ${result.detail}`);
  return result.credential;
}

describe("relying party and user handle", () => {
  it("takes the RP ID and origin from the public base URL, the name from the tenant", () => {
    expect(rp).toEqual({ name: "Acme Corp", id: "sso.acme.example", origin: "https://sso.acme.example" });
    expect(relyingParty({ tenantName: "Dev", publicBaseUrl: "http://localhost:3000" })).toEqual({
      name: "Dev",
      id: "localhost",
      origin: "http://localhost:3000",
    });
  });

  it("derives a stable, opaque 32-byte user handle", () => {
    const a = webauthnUserHandle(USER_ID);
    expect(a).toHaveLength(32);
    expect(b64(webauthnUserHandle(USER_ID))).toBe(b64(a));
    expect(b64(webauthnUserHandle("cm_user_2"))).not.toBe(b64(a));
    expect(Buffer.from(a).toString("latin1")).not.toContain(USER_ID);
  });
});

describe("registration", () => {
  it("offers options for the tenant and user, excluding existing credentials", async () => {
    const existing: StoredWebAuthnCredential[] = [
      { credentialId: "AAEC", publicKey: "x", counter: 3, transports: "usb,nfc" },
    ];
    const o = await registrationOptions(rp, { id: USER_ID, username: "alice", displayName: "Alice Liddell" }, existing);
    expect(o.rp).toEqual({ name: "Acme Corp", id: "sso.acme.example" });
    expect(o.user).toEqual({ id: b64(webauthnUserHandle(USER_ID)), name: "alice", displayName: "Alice Liddell" });
    expect(o.excludeCredentials).toEqual([{ id: "AAEC", type: "public-key", transports: ["usb", "nfc"] }]);
    expect(o.authenticatorSelection).toMatchObject({
      residentKey: "preferred",
      userVerification: "preferred",
      requireResidentKey: false,
    });
    expect(o.attestation).toBe("none");
    expect(o.pubKeyCredParams.map((p) => p.alg)).toEqual([-8, -7, -257]);
    expect(o.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await registrationOptions(rp, { id: USER_ID, username: "alice" }, [])).challenge).not.toBe(o.challenge);
  });

  it("returns the credential to store: id, COSE public key, counter and known transports", async () => {
    const auth = new SoftAuthenticator(5);
    const options = await registrationOptions(rp, { id: USER_ID, username: "alice" }, []);
    const result = await verifyRegistration(
      rp,
      auth.create({ challenge: options.challenge, origin: rp.origin, rpId: rp.id }),
      options.challenge,
    );
    expect(result).toMatchObject({
      ok: true,
      credential: { credentialId: auth.credentialId, counter: 5, transports: "internal,hybrid" },
      userVerified: true,
      aaguid: "00000000-0000-0000-0000-000000000000",
    });
    if (result.ok) expect(Buffer.from(result.credential.publicKey, "base64url")[0]).toBe(0xa5); // a CBOR map of 5 entries
  });

  it.each([
    ["a wrong origin", { origin: "https://evil.example" }, "origin_mismatch"],
    ["the origin with another port", { origin: "https://sso.acme.example:8443" }, "origin_mismatch"],
    ["a wrong RP ID", { rpId: "evil.example" }, "rp_id_mismatch"],
    ["a parent-domain RP ID", { rpId: "acme.example" }, "rp_id_mismatch"],
    ["a wrong challenge", { challenge: "c29tZXRoaW5nLWVsc2U" }, "challenge_mismatch"],
    ["an authentication sent as a registration", { type: "webauthn.get" }, "wrong_type"],
  ])("refuses %s", async (_name, change, reason) => {
    const options = await registrationOptions(rp, { id: USER_ID, username: "alice" }, []);
    const response = new SoftAuthenticator().create({
      challenge: options.challenge,
      origin: rp.origin,
      rpId: rp.id,
      ...change,
    });
    expect(await verifyRegistration(rp, response, options.challenge)).toMatchObject({ ok: false, reason });
  });

  it.each([
    ["null", null],
    ["a string", "nope"],
    ["no response", { id: "AA", rawId: "AA", type: "public-key" }],
    [
      "non-base64url data",
      { id: "AA", rawId: "AA", type: "public-key", response: { clientDataJSON: "<script>", attestationObject: "AA" } },
    ],
  ])("refuses %s as malformed", async (_name, response) => {
    expect(await verifyRegistration(rp, response, "abc")).toMatchObject({ ok: false, reason: "malformed" });
  });

  it("refuses garbage attestation data", async () => {
    const options = await registrationOptions(rp, { id: USER_ID, username: "alice" }, []);
    const response = new SoftAuthenticator().create({ challenge: options.challenge, origin: rp.origin, rpId: rp.id });
    response.response.attestationObject = b64(Buffer.from("not cbor at all"));
    expect(await verifyRegistration(rp, response, options.challenge)).toMatchObject({ ok: false });
  });
});

describe("authentication", () => {
  it("completes a full registration + authentication round trip, counting up", async () => {
    const auth = new SoftAuthenticator();
    const stored = await register(auth);
    expect(stored.counter).toBe(0);

    const options = await authenticationOptions(rp, [stored]);
    expect(options).toMatchObject({
      rpId: "sso.acme.example",
      userVerification: "preferred",
      allowCredentials: [{ id: stored.credentialId, type: "public-key", transports: ["internal", "hybrid"] }],
    });
    const first = await verifyAuthentication(
      rp,
      auth.get({ challenge: options.challenge, origin: rp.origin, rpId: rp.id }),
      options.challenge,
      [stored],
      USER_ID,
    );
    expect(first).toEqual({
      ok: true,
      credentialId: stored.credentialId,
      newCounter: 1,
      previousCounter: 0,
      userVerified: true,
    });

    const next = await authenticationOptions(rp, [stored]);
    const updated = { ...stored, counter: 1 };
    expect(
      await verifyAuthentication(
        rp,
        auth.get({ challenge: next.challenge, origin: rp.origin, rpId: rp.id }),
        next.challenge,
        [updated],
        USER_ID,
      ),
    ).toMatchObject({ ok: true, newCounter: 2, previousCounter: 1 });
  });

  it("accepts an authenticator that never counts (both counters 0) and one without a user handle", async () => {
    const auth = new SoftAuthenticator();
    const stored = await register(auth);
    const o = await authenticationOptions(rp, [stored]);
    expect(
      await verifyAuthentication(
        rp,
        auth.get({ challenge: o.challenge, origin: rp.origin, rpId: rp.id, counter: 0, userHandle: null }),
        o.challenge,
        [stored],
        USER_ID,
      ),
    ).toMatchObject({ ok: true, newCounter: 0 });
  });

  it("accepts a security key without user verification (preferred, not required), and says so", async () => {
    const auth = new SoftAuthenticator();
    const stored = await register(auth);
    const o = await authenticationOptions(rp, [stored]);
    const r = await verifyAuthentication(
      rp,
      auth.get({ challenge: o.challenge, origin: rp.origin, rpId: rp.id, flags: FLAG_UP }),
      o.challenge,
      [stored],
      USER_ID,
    );
    expect(r).toMatchObject({ ok: true, userVerified: false });
  });

  it("refuses an assertion without user presence", async () => {
    const auth = new SoftAuthenticator();
    const stored = await register(auth);
    const o = await authenticationOptions(rp, [stored]);
    const r = await verifyAuthentication(
      rp,
      auth.get({ challenge: o.challenge, origin: rp.origin, rpId: rp.id, flags: FLAG_UV }),
      o.challenge,
      [stored],
      USER_ID,
    );
    expect(r).toMatchObject({ ok: false, reason: "invalid", detail: expect.stringMatching(/not present/) });
  });

  it.each([
    ["a replayed counter (equal to the stored one)", 7, 7],
    ["a stale counter (lower than the stored one)", 7, 3],
    ["a counter that fell back to 0", 7, 0],
  ])("refuses %s", async (_name, storedCounter, reported) => {
    const auth = new SoftAuthenticator();
    const stored = { ...(await register(auth)), counter: storedCounter };
    const o = await authenticationOptions(rp, [stored]);
    const r = await verifyAuthentication(
      rp,
      auth.get({ challenge: o.challenge, origin: rp.origin, rpId: rp.id, counter: reported }),
      o.challenge,
      [stored],
      USER_ID,
    );
    expect(r).toMatchObject({ ok: false, reason: "counter_not_increased" });
  });

  it("refuses the very same assertion twice once the counter is stored", async () => {
    const auth = new SoftAuthenticator();
    const stored = await register(auth);
    const o = await authenticationOptions(rp, [stored]);
    const assertion = auth.get({ challenge: o.challenge, origin: rp.origin, rpId: rp.id });
    const first = await verifyAuthentication(rp, assertion, o.challenge, [stored], USER_ID);
    expect(first.ok).toBe(true);
    const after = { ...stored, counter: first.ok ? first.newCounter : 0 };
    expect(await verifyAuthentication(rp, assertion, o.challenge, [after], USER_ID)).toMatchObject({
      ok: false,
      reason: "counter_not_increased",
    });
  });

  it.each([
    ["a wrong origin", { origin: "https://evil.example" }, "origin_mismatch"],
    ["an http origin for an https RP", { origin: "http://sso.acme.example" }, "origin_mismatch"],
    ["a wrong RP ID", { rpId: "evil.example" }, "rp_id_mismatch"],
    ["a wrong challenge", { challenge: "b3RoZXItY2hhbGxlbmdl" }, "challenge_mismatch"],
  ])("refuses %s", async (_name, change, reason) => {
    const auth = new SoftAuthenticator();
    const stored = await register(auth);
    const o = await authenticationOptions(rp, [stored]);
    const r = await verifyAuthentication(
      rp,
      auth.get({ challenge: o.challenge, origin: rp.origin, rpId: rp.id, ...change }),
      o.challenge,
      [stored],
      USER_ID,
    );
    expect(r).toMatchObject({ ok: false, reason });
  });

  it("refuses a signature made with another key", async () => {
    const auth = new SoftAuthenticator();
    const stored = await register(auth);
    const o = await authenticationOptions(rp, [stored]);
    const other = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
    const r = await verifyAuthentication(
      rp,
      auth.get({ challenge: o.challenge, origin: rp.origin, rpId: rp.id, signWith: other }),
      o.challenge,
      [stored],
      USER_ID,
    );
    expect(r).toMatchObject({ ok: false, reason: "bad_signature" });
  });

  it("refuses a credential that is not one of the user's", async () => {
    const mine = await register(new SoftAuthenticator());
    const stranger = new SoftAuthenticator(0, "c3RyYW5nZXI");
    const o = await authenticationOptions(rp, [mine]);
    const r = await verifyAuthentication(
      rp,
      stranger.get({ challenge: o.challenge, origin: rp.origin, rpId: rp.id }),
      o.challenge,
      [mine],
      USER_ID,
    );
    expect(r).toMatchObject({ ok: false, reason: "unknown_credential" });
  });

  it("refuses a passkey whose user handle is another user's", async () => {
    const auth = new SoftAuthenticator();
    const stored = await register(auth);
    const o = await authenticationOptions(rp, [stored]);
    const r = await verifyAuthentication(
      rp,
      auth.get({ challenge: o.challenge, origin: rp.origin, rpId: rp.id, userHandle: webauthnUserHandle("cm_user_2") }),
      o.challenge,
      [stored],
      USER_ID,
    );
    expect(r).toMatchObject({ ok: false, reason: "user_handle_mismatch" });
  });

  it("refuses a registration response or garbage as malformed", async () => {
    const auth = new SoftAuthenticator();
    const stored = await register(auth);
    const o = await authenticationOptions(rp, [stored]);
    expect(
      await verifyAuthentication(
        rp,
        auth.create({ challenge: o.challenge, origin: rp.origin, rpId: rp.id }),
        o.challenge,
        [stored],
        USER_ID,
      ),
    ).toMatchObject({ ok: false, reason: "malformed" });
    expect(
      await verifyAuthentication(
        rp,
        { id: "AA", rawId: "AB", type: "public-key", response: {} },
        o.challenge,
        [stored],
        USER_ID,
      ),
    ).toMatchObject({ ok: false, reason: "malformed" });
  });
});
