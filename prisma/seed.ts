// Demo tenant: an Owner administrator and the tenant name, created once on an empty
// database. Run by `npm run demo`; prints how to sign in.
import { countAdmins, findAdminCredentialsByEmail, insertAdmin } from "../lib/db/admins";
import { writeSettings } from "../lib/db/settings";
import { findGroupIdByName, findUserIdByUsername, insertGroup, insertUser } from "../lib/db/users";
import { hashPassword } from "../lib/crypto/password";
import { env } from "../lib/env";

export const DEMO_OWNER = { email: "owner@demo.portcullis.test", name: "Demo Owner", password: "Portcullis-demo-2026" };
export const DEMO_USER = {
  username: "demo",
  email: "demo@demo.portcullis.test",
  realName: "Demo User",
  password: "Demo-user-2026",
};

async function main() {
  if ((await countAdmins()) === 0) {
    await writeSettings({ tenantName: "Portcullis Demo", "setup.completedAt": new Date().toISOString() });
    await insertAdmin({
      email: DEMO_OWNER.email,
      name: DEMO_OWNER.name,
      role: "OWNER",
      passwordHash: await hashPassword(DEMO_OWNER.password),
    });
    console.log("Seeded the demo tenant.");
  }
  if (!(await findUserIdByUsername(DEMO_USER.username))) {
    const group =
      (await findGroupIdByName("Employees")) ??
      (await insertGroup({ name: "Employees", description: "Everyone at the demo company" })).id;
    await insertUser({ ...DEMO_USER, passwordHash: await hashPassword(DEMO_USER.password), groupIds: [group] });
  }
  const owner = await findAdminCredentialsByEmail(DEMO_OWNER.email);
  const base = env().PORTCULLIS_BASE_URL;
  if (owner) {
    console.log(
      [
        "",
        "  Portcullis demo tenant",
        `  Console:  ${base}/admin`,
        `  Email:    ${DEMO_OWNER.email}`,
        `  Password: ${DEMO_OWNER.password}`,
        `  End user: ${DEMO_USER.username} / ${DEMO_USER.password} (sign in at ${base}/sso/login)`,
        "            At first sign-in the end user enrolls an authenticator app or a passkey",
        "            (Global Policy: Require enrollment, Require 2FA), then manages them at /sso/portal.",
        owner.totpSecretSealed
          ? "  Second factor: the authenticator app you enrolled at first sign-in."
          : "  Second factor: at first sign-in you scan a QR code with an authenticator app.",
        "",
      ].join("\n"),
    );
  } else {
    console.log(`The tenant already has administrators; sign in at ${base}/admin.`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
