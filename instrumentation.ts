// Runs once when the server starts: creates the IdP signing key on first start, prints the
// one-time setup code while no administrator exists (the operator reads it here), and purges
// expired login transactions and replay entries every ten minutes, and with them users
// deleted more than 7 days ago, used or expired password reset links and expired remembered
// devices; starts the Trusted Endpoints device check listeners when their ports are configured;
// tells the Portcullis server (server.mjs) what its response headers depend on and how to answer
// the SSO endpoint and the metadata URL without Next's request pipeline.
//
// With several workers (server.mjs, node:cluster) every worker runs this; the setup code, the
// device check listeners and the purge job are once-per-server jobs and run in worker 1 only
// (runsServerJobs): one setup code (a second would replace the first), one listener per device
// check port, one purge. Worker 1 is forked again with its index if it dies.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { registerHttpPolicy } = await import("./lib/services/settings/http-policy");
  registerHttpPolicy();
  if (process.env.NODE_ENV === "production") {
    // The SSO endpoint (HTTP-Redirect) and the metadata URL, answered by server.mjs directly.
    const { registerFastRoutes } = await import("./app/_server/fast-routes");
    registerFastRoutes();
  }
  const { ensureSigningKey } = await import("./lib/services/signing-keys/signing-keys");
  await ensureSigningKey().catch((e) => console.error("[startup] could not create the signing key", e));
  const { runsServerJobs } = await import("./lib/http/server-config.mjs");
  if (!runsServerJobs(process.env)) return;
  const { printSetupCodeIfNeeded } = await import("./lib/services/setup/first-run");
  await printSetupCodeIfNeeded().catch((e) => console.error("[startup] could not issue the setup code", e));
  const { startDeviceCheckIfConfigured } = await import("./lib/services/endpoints/device-check-start");
  await startDeviceCheckIfConfigured().catch((e) =>
    console.error("[startup] could not start the device check listeners", e),
  );
  const { purgeExpiredState } = await import("./lib/services/maintenance");
  const purge = () => purgeExpiredState();
  void purge().catch((e) => console.error("[purge] failed", e));
  setInterval(() => void purge().catch((e) => console.error("[purge] failed", e)), 10 * 60_000).unref();
}
