// Test helpers that go through the real repositories (no mocks): administrators as actors.
import type { Role } from "../lib/authz";
import { hashPassword } from "../lib/crypto/password";
import { insertAdmin } from "../lib/db/admins";
import type { AdminActor } from "../lib/services/actor";
import { insertApplication, type ApplicationRecord, type ApplicationWrite } from "../lib/db/applications";
import { newApplicationKey } from "../lib/services/applications/manage-applications";
import { BINDING_POST, NAMEID_FORMATS } from "../lib/services/applications/saml-options";

let n = 0;

/** Inserts an administrator with a real argon2id hash and returns it as an Actor. */
export async function makeAdmin(
  role: Role,
  opts: { email?: string; password?: string; name?: string } = {},
): Promise<AdminActor & { password: string }> {
  n += 1;
  const email = opts.email ?? `${role.toLowerCase()}-${n}@example.com`;
  const password = opts.password ?? `correct horse battery ${n}`;
  const row = await insertAdmin({
    email,
    name: opts.name ?? `Test ${role} ${n}`,
    role,
    passwordHash: await hashPassword(password),
  });
  return { adminId: row.id, email: row.email, role, ip: "192.0.2.10", password };
}

/** Runs `fn` and returns the error it throws (fails the test when it does not throw). */
export async function thrown(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected the call to throw, but it returned");
}

/** Inserts a configured SAML application whose SP lives at https://<name>.sp.test (entity ID …/metadata, ACS …/acs). */
export async function makeApplication(
  name: string,
  overrides: Partial<ApplicationWrite> = {},
): Promise<ApplicationRecord> {
  const host = `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.sp.test`;
  return insertApplication(newApplicationKey(), "generic-saml", {
    name,
    notes: null,
    spEntityId: `https://${host}/metadata`,
    acs: [{ index: 1, url: `https://${host}/acs`, binding: BINDING_POST, isDefault: true }],
    sloUrl: null,
    spLoginUrl: null,
    defaultRelayState: null,
    nameIdFormat: NAMEID_FORMATS.emailAddress,
    nameIdFormatsAccepted: [],
    nameIdAttribute: "email",
    signatureAlgorithm: "SHA256",
    signResponse: true,
    signAssertion: true,
    requireSignedRequests: false,
    spCertificatePem: null,
    userAccess: "ALL",
    attributes: [],
    permittedGroupIds: [],
    ...overrides,
  });
}

/** The IdP URLs of an application under the test tenant's base URL. */
export const idpUrlsFor = (base: string, app: ApplicationRecord) => ({
  entityId: `${base}/saml2/idp/${app.key}/metadata`,
  ssoUrl: `${base}/saml2/idp/${app.key}/sso`,
  sloUrl: `${base}/saml2/idp/${app.key}/slo`,
});
