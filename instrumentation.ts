// Runs once when the server starts: creates the IdP signing key on first start and purges
// expired login transactions and replay entries every ten minutes; starts the Trusted
// Endpoints device check listeners when their ports are configured.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { ensureSigningKey } = await import("./lib/services/signing-keys/signing-keys");
  const { purgeExpired } = await import("./lib/db/sign-in-state");
  await ensureSigningKey().catch((e) => console.error("[startup] could not create the signing key", e));
  const { startDeviceCheckIfConfigured } = await import("./lib/services/endpoints/device-check-start");
  await startDeviceCheckIfConfigured().catch((e) => console.error("[startup] could not start the device check listeners", e));
  setInterval(() => void purgeExpired().catch((e) => console.error("[purge] failed", e)), 10 * 60_000).unref();
}
