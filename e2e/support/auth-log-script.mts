// Authentication Log rows and end users for the Authentication Log and Dashboard specs,
// written straight into the e2e database (a real tenant gets its rows from sign-ins; the
// specs make those too, but paging needs more rows than sign-ins can make quickly). Run by
// e2e/support/auth-log.ts as
//   PORTCULLIS_DATA_DIR=<abs e2e/.data> node scripts/with-env.mjs tsx e2e/support/auth-log-script.mts '<json>'
// Input: { users?: [{ username, status }], rows?: { username, count, start (ISO), stepMs, ties, result, reason,
//   factor?, applicationName?, ip?, endpointId? } }
// Users that exist are left as they are. Prints one JSON line: { users: name -> id, inserted }.
import { dbReady } from "../../lib/db/client.ts";
import { findUserIdByUsername, insertUser } from "../../lib/db/users.ts";

type Input = {
  users?: { username: string; status: string }[];
  rows?: {
    username: string;
    count: number;
    start: string;
    stepMs: number;
    ties?: number;
    result: string;
    reason: string;
    factor?: string;
    applicationName?: string;
    ip?: string;
    endpointId?: string;
  };
};

const input = JSON.parse(process.argv[2] ?? "{}") as Input;
const users: Record<string, string> = {};
for (const u of input.users ?? []) {
  users[u.username] =
    (await findUserIdByUsername(u.username)) ??
    (
      await insertUser({
        username: u.username,
        email: `${u.username}@e2e.example.com`,
        realName: u.username,
        status: u.status,
      })
    ).id;
}
let inserted = 0;
if (input.rows) {
  const r = input.rows;
  const start = new Date(r.start).getTime();
  const db = await dbReady();
  // Every `ties`-th group of rows shares one timestamp, so paging crosses equal times.
  const data = Array.from({ length: r.count }, (_, i) => ({
    createdAt: new Date(start + Math.floor(i / (r.ties ?? 1)) * r.stepMs),
    username: r.username,
    result: r.result,
    reason: r.reason,
    factor: r.factor ?? "password",
    applicationName: r.applicationName ?? null,
    endpointId: r.endpointId ?? null,
    ip: r.ip ?? `192.0.2.${(i % 250) + 1}`,
    userAgent:
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
    detail: JSON.stringify({ sequence: i }),
  }));
  inserted = (await db.authLog.createMany({ data })).count;
}
console.log(JSON.stringify({ users, inserted }));
process.exit(0);
