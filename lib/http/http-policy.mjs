// What the server needs to know from the application for its response headers, asked per
// request: whether the public base URL is https (HSTS) and which other origins the hosted
// pages may submit forms to (the device check). The application registers the provider at
// start (instrumentation.ts); the server only calls it. Kept on globalThis under a symbol
// because the server loads this module natively and the Next bundle has its own copy; one
// provider per process (each worker of a cluster registers its own, backed by the database).
const KEY = Symbol.for("portcullis.httpPolicy");

/** Registers the provider (the application does this once per process). */
export function provideHttpPolicy(provider) {
  globalThis[KEY] = provider;
}

/** The current policy, or null before the application registered its provider or when it fails. */
export async function currentHttpPolicy() {
  const provider = globalThis[KEY];
  if (typeof provider !== "function") return null;
  try {
    return await provider();
  } catch (e) {
    console.error("[http-policy] provider failed", e);
    return null;
  }
}
