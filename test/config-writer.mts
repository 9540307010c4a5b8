// Another Portcullis process for lib/services/config-sync.test.ts: saves the tenant name
// through the same service the console calls (as an Owner), on the database DATABASE_URL names.
import { insertAdmin } from "../lib/db/admins.ts";
import { updateTenantSettings, getTenantSettings } from "../lib/services/settings/tenant-settings.ts";

const tenantName = process.argv[2]!;
const admin = await insertAdmin({
  email: `owner-${Date.now()}@example.com`,
  name: "Writer",
  role: "OWNER",
  passwordHash: "not-used",
});
const current = await getTenantSettings();
await updateTenantSettings(
  { adminId: admin.id, email: admin.email, role: "OWNER", ip: "192.0.2.20" },
  { tenantName, publicBaseUrl: current.publicBaseUrl },
);
console.log(JSON.stringify({ saved: tenantName, savedAt: Date.now() }));
process.exit(0);
