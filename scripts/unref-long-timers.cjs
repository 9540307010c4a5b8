// Preloaded into Prisma CLI processes (NODE_OPTIONS=--require): the CLI can linger 10-60 s
// after its work is done, held open by a long timer of its own. (The pg pool's idle
// connection is the other thing that held it open: scripts/prisma-pg-cli.mjs lets it exit.) A timer of 5 s or more no longer keeps the process alive; the
// work itself never waits on one.
"use strict";
const LONG_MS = 5000;
for (const name of ["setTimeout", "setInterval"]) {
  const original = globalThis[name];
  globalThis[name] = function (fn, ms, ...args) {
    const t = original.call(this, fn, ms, ...args);
    if (Number(ms) >= LONG_MS && t && typeof t.unref === "function") t.unref();
    return t;
  };
}
