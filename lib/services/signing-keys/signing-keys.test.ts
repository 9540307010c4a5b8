import { KeyObject, sign, verify, X509Certificate } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { makeAdmin, thrown } from "../../../test/helpers";
import { pemToBase64Der } from "../../crypto/keys";
import { listAuditEntries } from "../../db/admin-audit-log";
import { dbReady } from "../../db/client";
import { readSettings } from "../../db/settings";
import { findKeysInState, listSigningKeys, type SigningKeyRow } from "../../db/signing-keys";
import { AppError } from "../../errors";
import {
  createNextKey,
  ensureSigningKey,
  getSigningMaterial,
  listKeysForConsole,
  promoteKey,
  retireKey,
  type SigningMaterial,
} from "./signing-keys";

type SigningKeysModule = typeof import("./signing-keys");

/** A fresh instance of the module, as another server process would have: its own bootstrap promise and cache. */
async function anotherProcess(): Promise<SigningKeysModule> {
  vi.resetModules();
  return import("./signing-keys");
}

const activeKeys = () => findKeysInState(["ACTIVE"]);
const byState = async () => Object.fromEntries((await listSigningKeys()).map((k) => [k.id, k.state]));

function expectAppError(e: unknown, code: string): AppError {
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe(code);
  return e as AppError;
}

/** The material's private key signs, and the given key's certificate verifies the signature. */
function signsAs(material: SigningMaterial, key: SigningKeyRow): boolean {
  const data = Buffer.from("SignedInfo to sign");
  const signature = sign("sha256", data, material.key.privateKey);
  return verify("sha256", data, new X509Certificate(key.certificatePem).publicKey, signature);
}

async function auditsFor(action: string, targetLabel: string) {
  return (await listAuditEntries({ limit: 200, action })).filter(
    (r) => r.action === action && r.targetLabel === targetLabel,
  );
}

// One database for the file; the tests run in order and follow a key's life: bootstrap, next, promote, retire.
describe("bootstrap of the first signing key", () => {
  it("creates exactly one ACTIVE key when called five times concurrently", async () => {
    expect(await listSigningKeys()).toEqual([]);
    await Promise.all([
      ensureSigningKey(),
      ensureSigningKey(),
      ensureSigningKey(),
      ensureSigningKey(),
      ensureSigningKey(),
    ]);
    const keys = await listSigningKeys();
    expect(keys).toHaveLength(1);
    expect(keys[0]!.state).toBe("ACTIVE");
    expect(await readSettings(["signing-key.bootstrapped"])).toHaveProperty(["signing-key.bootstrapped"]);
  });

  it("a second process started later sees the key (and the latch) and creates none", async () => {
    const [before] = await activeKeys();
    const other = await anotherProcess();
    expect(other.ensureSigningKey).not.toBe(ensureSigningKey);
    await other.ensureSigningKey();
    expect((await listSigningKeys()).map((k) => k.id)).toEqual([before!.id]);
  });

  it("two processes starting together on a tenant without a key create exactly one (the settings latch)", async () => {
    // Back to a tenant that never had a key.
    const db = await dbReady();
    await db.signingKey.deleteMany({});
    await db.setting.deleteMany({ where: { key: "signing-key.bootstrapped" } });

    const a = await anotherProcess();
    const b = await anotherProcess();
    expect(a.ensureSigningKey).not.toBe(b.ensureSigningKey);
    await Promise.all([
      a.ensureSigningKey(),
      b.ensureSigningKey(),
      a.ensureSigningKey(),
      b.ensureSigningKey(),
      b.ensureSigningKey(),
    ]);
    const keys = await listSigningKeys();
    expect(keys).toHaveLength(1);
    expect(keys[0]!.state).toBe("ACTIVE");
  });
});

describe("getSigningMaterial", () => {
  it("returns a KeyObject private key whose certificate is the ACTIVE row's", async () => {
    const [active] = await activeKeys();
    const material = await getSigningMaterial();
    expect(material.key.privateKey).toBeInstanceOf(KeyObject);
    expect(material.key.privateKey.type).toBe("private");
    expect(material.key.privateKey.asymmetricKeyType).toBe("rsa");
    expect(material.activeCertificatePem).toBe(active!.certificatePem);
    expect(material.key.certificate).toBe(pemToBase64Der(active!.certificatePem));
    expect(material.activeNotAfter).toEqual(active!.notAfter);
    expect(material.publishedCertificates).toEqual([pemToBase64Der(active!.certificatePem)]);
    expect(signsAs(material, active!)).toBe(true);
  });

  it("is cached: a second call gives the same material", async () => {
    expect(await getSigningMaterial()).toBe(await getSigningMaterial());
  });
});

describe("rotation", () => {
  it("createNextKey publishes a NEXT key after the active one, and audits it", async () => {
    const owner = await makeAdmin("OWNER");
    const [active] = await activeKeys();
    await createNextKey(owner);
    const [next] = await findKeysInState(["NEXT"]);
    expect(next).toBeDefined();
    expect(next!.id).not.toBe(active!.id);

    const material = await getSigningMaterial();
    expect(material.publishedCertificates).toEqual([
      pemToBase64Der(active!.certificatePem),
      pemToBase64Der(next!.certificatePem),
    ]);
    // The active key still signs.
    expect(material.activeCertificatePem).toBe(active!.certificatePem);
    expect(signsAs(material, active!)).toBe(true);

    const [row] = await auditsFor("signing_key.create_next", next!.sha256Fingerprint);
    expect(row).toMatchObject({ actorLabel: owner.email, targetType: "signing_key" });
    expect(JSON.parse(row!.after!)).toEqual({ state: "NEXT", notAfter: next!.notAfter.toISOString() });
  });

  it("refuses a second NEXT key (conflict)", async () => {
    const owner = await makeAdmin("OWNER");
    const before = await byState();
    expectAppError(await thrown(() => createNextKey(owner)), "conflict");
    expect(await byState()).toEqual(before);
  });

  it("refuses a Read-only actor to create, promote or retire, changing nothing", async () => {
    const readOnly = await makeAdmin("READ_ONLY");
    const before = await byState();
    const audits = (await listAuditEntries({ limit: 1000, action: "signing_key." })).length;
    const [next] = await findKeysInState(["NEXT"]);
    expectAppError(await thrown(() => createNextKey(readOnly)), "forbidden");
    expectAppError(await thrown(() => promoteKey(readOnly)), "forbidden");
    expectAppError(await thrown(() => retireKey(readOnly, next!.id)), "forbidden");
    expect(await byState()).toEqual(before);
    expect((await listAuditEntries({ limit: 1000, action: "signing_key." })).length).toBe(audits);
    // Viewing is allowed.
    expect((await listKeysForConsole(readOnly)).map((k) => k.state).sort()).toEqual(["ACTIVE", "NEXT"]);
  });

  it("promoteKey: NEXT becomes ACTIVE and signs at once, the old ACTIVE stays published as PREVIOUS", async () => {
    const admin = await makeAdmin("ADMINISTRATOR");
    const [oldActive] = await activeKeys();
    const [next] = await findKeysInState(["NEXT"]);
    await getSigningMaterial(); // warm the cache: promotion must invalidate it

    await promoteKey(admin);
    expect(await byState()).toEqual({ [oldActive!.id]: "PREVIOUS", [next!.id]: "ACTIVE" });

    const material = await getSigningMaterial();
    expect(material.activeCertificatePem).toBe(next!.certificatePem);
    expect(material.key.certificate).toBe(pemToBase64Der(next!.certificatePem));
    expect(signsAs(material, next!)).toBe(true);
    expect(signsAs(material, oldActive!)).toBe(false);
    expect(material.publishedCertificates).toEqual([
      pemToBase64Der(next!.certificatePem),
      pemToBase64Der(oldActive!.certificatePem),
    ]);

    const [row] = await auditsFor("signing_key.promote", next!.sha256Fingerprint);
    expect(row?.actorLabel).toBe(admin.email);
    expect(JSON.parse(row!.before!)).toEqual({ active: oldActive!.sha256Fingerprint });
    expect(JSON.parse(row!.after!)).toEqual({
      active: next!.sha256Fingerprint,
      previous: oldActive!.sha256Fingerprint,
    });
  });

  it("refuses to promote when there is no NEXT key", async () => {
    const before = await byState();
    expectAppError(await thrown(async () => promoteKey(await makeAdmin("OWNER"))), "conflict");
    expect(await byState()).toEqual(before);
  });

  it("refuses to retire the ACTIVE key", async () => {
    const [active] = await activeKeys();
    const before = await byState();
    expectAppError(await thrown(async () => retireKey(await makeAdmin("OWNER"), active!.id)), "conflict");
    expect(await byState()).toEqual(before);
    expect((await getSigningMaterial()).activeCertificatePem).toBe(active!.certificatePem);
  });

  it("retireKey(previous): RETIRED and no longer published, audited", async () => {
    const owner = await makeAdmin("OWNER");
    const [active] = await activeKeys();
    const [previous] = await findKeysInState(["PREVIOUS"]);
    await getSigningMaterial();

    await retireKey(owner, previous!.id);
    expect(await byState()).toEqual({ [previous!.id]: "RETIRED", [active!.id]: "ACTIVE" });
    const retired = (await listSigningKeys()).find((k) => k.id === previous!.id);
    expect(retired?.retiredAt).toBeInstanceOf(Date);

    const material = await getSigningMaterial();
    expect(material.publishedCertificates).toEqual([pemToBase64Der(active!.certificatePem)]);
    expect(signsAs(material, active!)).toBe(true);

    const [row] = await auditsFor("signing_key.retire", previous!.sha256Fingerprint);
    expect(row?.actorLabel).toBe(owner.email);
    expect(JSON.parse(row!.before!)).toEqual({ state: "PREVIOUS" });
    expect(JSON.parse(row!.after!)).toEqual({ state: "RETIRED" });

    // A retired key cannot be retired again.
    expectAppError(await thrown(() => retireKey(owner, previous!.id)), "conflict");
  });

  it("an unpromoted NEXT key can be discarded; no new NEXT key while a PREVIOUS one is published", async () => {
    const owner = await makeAdmin("OWNER");
    const [first] = await activeKeys();
    await createNextKey(owner);
    const [discarded] = await findKeysInState(["NEXT"]);
    await retireKey(owner, discarded!.id);
    expect((await getSigningMaterial()).publishedCertificates).toHaveLength(1);

    await createNextKey(owner);
    const [second] = await findKeysInState(["NEXT"]);
    await promoteKey(owner);
    expectAppError(await thrown(() => createNextKey(owner)), "conflict");
    await retireKey(owner, first!.id);
    await createNextKey(owner);
    const [third] = await findKeysInState(["NEXT"]);
    await promoteKey(owner);
    expect(await byState()).toMatchObject({
      [first!.id]: "RETIRED",
      [second!.id]: "PREVIOUS",
      [third!.id]: "ACTIVE",
      [discarded!.id]: "RETIRED",
    });
    expect(await activeKeys()).toHaveLength(1);
    expect((await getSigningMaterial()).publishedCertificates).toEqual([
      pemToBase64Der(third!.certificatePem),
      pemToBase64Der(second!.certificatePem),
    ]);
  });
});
