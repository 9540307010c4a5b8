// A process that writes the shared SQLite file through lib/db's libsql client, for
// lib/db/libsql-connections.test.ts: `rounds` times a transaction (insert, then count) and an
// insert outside one, each followed by a read of its own rows. Prints one JSON line.
import { HealthyConnectionsClient } from "../lib/db/libsql-connections.ts";

const [url, who, rounds] = [process.argv[2]!, process.argv[3]!, Number(process.argv[4])];
const client = new HealthyConnectionsClient({ url });
const errors: string[] = [];
let stale = 0;
for (let i = 0; i < rounds; i++) {
  try {
    const tx = await client.transaction("deferred");
    await tx.execute({ sql: "INSERT INTO writes (who, n) VALUES (?, ?)", args: [who, i] });
    await tx.execute({ sql: "SELECT count(*) AS c FROM writes", args: [] });
    await tx.commit();
    await client.execute({ sql: "INSERT INTO writes (who, n) VALUES (?, ?)", args: [who, -i] });
    const seen = await client.execute({ sql: "SELECT count(*) AS c FROM writes WHERE who = ?", args: [who] });
    if (Number(seen.rows[0]!.c) !== 2 * (i + 1)) stale++;
  } catch (e) {
    errors.push(String(e));
  }
}
client.close();
console.log(JSON.stringify({ who, errors: errors.slice(0, 3), errorCount: errors.length, stale }));
