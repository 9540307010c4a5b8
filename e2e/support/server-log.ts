// The e2e server's output (e2e/start-server.mjs writes it to e2e/.data/server.log), read the
// way an operator reads a server's log: the first-run setup code is printed there.
import { readFileSync } from "node:fs";
import path from "node:path";

export const SERVER_LOG = path.join(__dirname, "..", ".data", "server.log");

/** The one-time setup code from the newest setup banner in the server's log. */
export function setupCodeFromServerLog(): string {
  const log = readFileSync(SERVER_LOG, "utf8");
  const codes = [...log.matchAll(/one-time setup code:\s+([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})/g)].map((m) => m[1]!);
  const code = codes.at(-1);
  if (!code) throw new Error(`no setup code in ${SERVER_LOG}`);
  return code;
}
