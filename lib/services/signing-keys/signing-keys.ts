// The IdP's signing keys (Settings > Certificates): created on first start, rotated without
// downtime — create a next key (published in metadata beside the active one), promote it
// (the old one stays published as previous), then retire the old one.
import { randomUUID } from "node:crypto";
import { AppError } from "../../errors";
import { certificateInfo, generateKeyPair, pemToBase64Der, toSigningKey, type SigningKey } from "../../crypto/keys";
import { sealSecret, unsealSecret } from "../../crypto/secrets";
import {
  findActiveKeyWithSecret,
  findKeysInState,
  insertSigningKey,
  listSigningKeys,
  promoteNextKey,
  setKeyState,
  type SigningKeyRow,
} from "../../db/signing-keys";
import { insertSettingOnce } from "../../db/settings";
import { assertCan, audit, type Actor } from "../actor";
import { getTenantSettings } from "../settings/tenant-settings";
import { configChanged, registerConfigCache, syncConfig } from "../config-sync";

const CONTEXT = (id: string) => `signing-key:${id}`;
const MATERIAL_TTL_MS = 60_000; // backstop: config-sync makes rotations visible everywhere within ~1 s

export type SigningMaterial = {
  key: SigningKey;
  activeCertificatePem: string;
  activeNotAfter: Date;
  /** Base64 DER of every published certificate: active first, then next and previous. */
  publishedCertificates: string[];
};

async function createKey(state: "ACTIVE" | "NEXT"): Promise<SigningKeyRow> {
  const { tenantName } = await getTenantSettings();
  const pair = generateKeyPair(`Portcullis ${tenantName}`.slice(0, 64));
  const info = certificateInfo(pair.certificatePem);
  const id = randomUUID();
  return insertSigningKey({
    id,
    state,
    privateKeySealed: sealSecret(pair.privateKeyPem, CONTEXT(id)),
    certificatePem: pair.certificatePem,
    sha1Fingerprint: info.sha1Fingerprint,
    sha256Fingerprint: info.sha256Fingerprint,
    notBefore: info.notBefore,
    notAfter: info.notAfter,
  });
}

let bootstrap: Promise<void> | undefined;

/** Creates the first signing key once per tenant (a settings latch guards concurrent starts). */
export function ensureSigningKey(): Promise<void> {
  bootstrap ??= (async () => {
    if ((await findKeysInState(["ACTIVE"])).length) return;
    if (await insertSettingOnce("signing-key.bootstrapped", new Date().toISOString())) {
      await createKey("ACTIVE");
      return;
    }
    // Another process is creating it; if it died before finishing, this one creates the key.
    for (let i = 0; i < 50; i++) {
      if ((await findKeysInState(["ACTIVE"])).length) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    await createKey("ACTIVE");
  })().catch((e) => {
    bootstrap = undefined;
    throw e;
  });
  return bootstrap;
}

// Kept on globalThis (one per process): the route handlers that sign and the server actions
// that rotate keys are bundled separately by Next, and each would otherwise have its own copy.
const shared = globalThis as unknown as {
  portcullisSigningMaterial?: { current?: { value: Promise<SigningMaterial>; at: number } };
};
const cached = (shared.portcullisSigningMaterial ??= {});
registerConfigCache("signing-material", () => (cached.current = undefined));

/** Signing key and published certificates for the hot path, cached in memory. */
export async function getSigningMaterial(now = Date.now()): Promise<SigningMaterial> {
  await syncConfig(now);
  const material = cached.current;
  if (material && now - material.at < MATERIAL_TTL_MS) return material.value;
  const value = (async () => {
    await ensureSigningKey();
    const active = await findActiveKeyWithSecret();
    if (!active) throw new Error("no active signing key");
    const published = await findKeysInState(["ACTIVE", "NEXT", "PREVIOUS"]);
    const order = { ACTIVE: 0, NEXT: 1, PREVIOUS: 2 } as Record<string, number>;
    published.sort((a, b) => (order[a.state] ?? 9) - (order[b.state] ?? 9));
    return {
      key: toSigningKey(unsealSecret(active.privateKeySealed, CONTEXT(active.id)), active.certificatePem),
      activeCertificatePem: active.certificatePem,
      activeNotAfter: active.notAfter,
      publishedCertificates: published.map((k) => pemToBase64Der(k.certificatePem)),
    };
  })();
  cached.current = { value, at: now };
  value.catch(() => {
    if (cached.current?.value === value) cached.current = undefined;
  });
  return value;
}

function invalidate(): Promise<void> {
  return configChanged();
}

export async function listKeysForConsole(actor: Actor): Promise<SigningKeyRow[]> {
  assertCan(actor, "settings:view");
  await ensureSigningKey();
  const keys = await listSigningKeys();
  // Published keys, then the five most recently retired.
  return keys.filter((k) => k.state !== "RETIRED").concat(keys.filter((k) => k.state === "RETIRED").slice(0, 5));
}

// Rotation steps run one at a time in this process (a double-click must not make two next
// keys); promotion is also guarded in the database (promoteNextKey).
let rotation: Promise<unknown> = Promise.resolve();
function serialized<T>(fn: () => Promise<T>): Promise<T> {
  const run = rotation.then(fn, fn);
  rotation = run.catch(() => undefined);
  return run;
}

export function createNextKey(actor: Actor): Promise<void> {
  assertCan(actor, "settings:manage");
  return serialized(() => createNextKeyNow(actor));
}

async function createNextKeyNow(actor: Actor): Promise<void> {
  if ((await findKeysInState(["NEXT"])).length)
    throw new AppError("conflict", "A next key already exists. Promote it or retire it first.");
  if ((await findKeysInState(["PREVIOUS"])).length)
    throw new AppError(
      "conflict",
      "Retire the previous certificate first: service providers would otherwise have three to trust.",
    );
  const k = await createKey("NEXT");
  await invalidate();
  await audit(actor, {
    action: "signing_key.create_next",
    targetType: "signing_key",
    targetId: k.id,
    targetLabel: k.sha256Fingerprint,
    after: { state: "NEXT", notAfter: k.notAfter.toISOString() },
  });
}

export function promoteKey(actor: Actor): Promise<void> {
  assertCan(actor, "settings:manage");
  return serialized(() => promoteKeyNow(actor));
}

async function promoteKeyNow(actor: Actor): Promise<void> {
  const noNext = () => new AppError("conflict", "There is no next key to promote. Create one first.");
  const [next] = await findKeysInState(["NEXT"]);
  if (!next) throw noNext();
  const [active] = await findKeysInState(["ACTIVE"]);
  if (!(await promoteNextKey(next.id))) throw noNext();
  await invalidate();
  await audit(actor, {
    action: "signing_key.promote",
    targetType: "signing_key",
    targetId: next.id,
    targetLabel: next.sha256Fingerprint,
    before: { active: active?.sha256Fingerprint ?? null },
    after: { active: next.sha256Fingerprint, previous: active?.sha256Fingerprint ?? null },
  });
}

/** Retires the previous key (after a promotion) or discards a next key that was never promoted. */
export function retireKey(actor: Actor, id: string): Promise<void> {
  assertCan(actor, "settings:manage");
  return serialized(() => retireKeyNow(actor, id));
}

async function retireKeyNow(actor: Actor, id: string): Promise<void> {
  const [k] = (await findKeysInState(["PREVIOUS", "NEXT"])).filter((r) => r.id === id);
  if (!k)
    throw new AppError(
      "conflict",
      "Only the previous key or an unpromoted next key can be retired. The active key always stays.",
    );
  await setKeyState(id, "RETIRED");
  await invalidate();
  await audit(actor, {
    action: "signing_key.retire",
    targetType: "signing_key",
    targetId: id,
    targetLabel: k.sha256Fingerprint,
    before: { state: k.state },
    after: { state: "RETIRED" },
  });
}

/** One certificate (PEM) for download; retired ones included. */
export async function certificateForDownload(actor: Actor, id: string): Promise<{ pem: string; sha1: string } | null> {
  assertCan(actor, "settings:view");
  const k = (await listSigningKeys()).find((r) => r.id === id);
  return k ? { pem: k.certificatePem, sha1: k.sha1Fingerprint } : null;
}
