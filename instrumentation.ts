// Runs once when the server starts: creates the IdP signing key on first start and purges
// expired login transactions and replay entries every ten minutes, and with them users
// deleted more than 7 days ago, used or expired password reset links and expired remembered
// devices; starts the Trusted Endpoints device check listeners when their ports are configured.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { ensureSigningKey } = await import("./lib/services/signing-keys/signing-keys");
  await ensureSigningKey().catch((e) => console.error("[startup] could not create the signing key", e));
  const { startDeviceCheckIfConfigured } = await import("./lib/services/endpoints/device-check-start");
  await startDeviceCheckIfConfigured().catch((e) =>
    console.error("[startup] could not start the device check listeners", e),
  );
  const { purgeExpiredState } = await import("./lib/services/maintenance");
  const purge = () => purgeExpiredState();
  void purge().catch((e) => console.error("[purge] failed", e));
  setInterval(() => void purge().catch((e) => console.error("[purge] failed", e)), 10 * 60_000).unref();
}
