// Seeds a Portcullis instance started by a test (e2e/support/portcullis-instance.ts): the
// upstream identity provider of e2e/auth-sources.spec.ts, the shared database of
// e2e/scale-out.spec.ts. Run as `node scripts/with-env.mjs tsx e2e/support/instance-seed.mts
// '<json>'` with that instance's PORTCULLIS_DATA_DIR, DATABASE_URL and PORTCULLIS_BASE_URL;
// prints one JSON line.
//   { op: "init", users: [...], apps: [name...], admins?: [...], tenantName? }  settings, signing
//       key, an Owner (no second factor yet: enrolled at first sign-in), the admins
//       ({ email, name, role, password }), the users (Bypass status: a password only), and one
//       generic SAML application per name
//   { op: "configure", appId, name, spEntityId, acsUrl, signResponse? }  points an application
//       at a service provider (the Assertion is signed; the Response too with signResponse)
import { hashPassword } from "../../lib/crypto/password.ts";
import { dbReady } from "../../lib/db/client.ts";
import { ensureGlobalPolicy } from "../../lib/db/policies.ts";
import { writeSettings } from "../../lib/db/settings.ts";
import { insertUser } from "../../lib/db/users.ts";
import { DEFAULT_GLOBAL_POLICY_SETTINGS, serializePolicySettings } from "../../lib/policy/settings.ts";
import type { Actor } from "../../lib/services/actor.ts";
import { idpUrls } from "../../lib/services/applications/idp-urls.ts";
import { protectApplication, saveApplication } from "../../lib/services/applications/manage-applications.ts";
import { ensureSigningKey, getSigningMaterial } from "../../lib/services/signing-keys/signing-keys.ts";
import { env } from "../../lib/env.ts";

const BINDING_POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
const EMAIL = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";
const db = await dbReady();
const base = env().PORTCULLIS_BASE_URL.replace(/\/+$/, "");

const OWNER = { email: "owner@instance.test", password: "Instance-owner-Passw0rd-2026" };

async function owner(): Promise<Actor> {
  const found = await db.admin.findFirst({ where: { role: "OWNER" } });
  const a =
    found ??
    (await db.admin.create({
      data: {
        email: OWNER.email,
        emailNormalized: OWNER.email,
        name: "Instance Owner",
        role: "OWNER",
        passwordHash: await hashPassword(OWNER.password),
      },
    }));
  return { adminId: a.id, email: a.email, role: "OWNER", ip: "127.0.0.1" };
}

type AppConfig = { name: string; spEntityId: string; acsUrl: string; signResponse?: boolean };

async function configure(actor: Actor, id: string, c: AppConfig) {
  return saveApplication(actor, id, {
    name: c.name,
    notes: "",
    spEntityId: c.spEntityId,
    acs: [{ index: 1, url: c.acsUrl, binding: BINDING_POST, isDefault: true }],
    sloUrl: "",
    spLoginUrl: "",
    defaultRelayState: "",
    nameIdFormat: EMAIL,
    nameIdAttribute: "email",
    signatureAlgorithm: "SHA256",
    signResponse: c.signResponse ?? false, // by default as Entra ID signs: the Assertion only
    signAssertion: true,
    attributes: [
      { source: "email", samlName: "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress" },
      { source: "realName", samlName: "http://schemas.microsoft.com/identity/claims/displayname" },
    ],
    requireSignedRequests: false,
    spCertificatePem: "",
    userAccess: "ALL",
    permittedGroupIds: [],
  });
}

const input = JSON.parse(process.argv[2] ?? "{}");
const actor = await owner();
let out: unknown;
if (input.op === "init") {
  await writeSettings({
    tenantName: input.tenantName ?? "Upstream IdP",
    publicBaseUrl: base,
    "setup.completedAt": new Date().toISOString(),
  });
  await ensureGlobalPolicy(serializePolicySettings(DEFAULT_GLOBAL_POLICY_SETTINGS));
  await ensureSigningKey();
  for (const a of (input.admins ?? []) as Array<{ email: string; name: string; role: string; password: string }>)
    await db.admin.create({
      data: {
        email: a.email,
        emailNormalized: a.email.toLowerCase(),
        name: a.name,
        role: a.role,
        passwordHash: await hashPassword(a.password),
      },
    });
  for (const u of input.users as Array<{ username: string; email: string; realName: string; password: string }>)
    await insertUser({ ...u, status: "BYPASS", passwordHash: await hashPassword(u.password) });
  const apps = [];
  for (const name of input.apps as string[]) {
    const created = await protectApplication(actor, "generic-saml");
    const { app } = await configure(actor, created.id, {
      name,
      spEntityId: `urn:placeholder:${created.id}`,
      acsUrl: "https://placeholder.invalid/acs",
    });
    apps.push({ id: app.id, key: app.key, ...idpUrls(base, app.key) });
  }
  out = { apps, certificatePem: (await getSigningMaterial()).activeCertificatePem, owner: OWNER };
} else if (input.op === "configure") {
  await configure(actor, input.appId, input);
  out = { ok: true };
} else throw new Error(`unknown op ${input.op}`);
process.stdout.write(`${JSON.stringify(out)}\n`);
process.exit(0);
