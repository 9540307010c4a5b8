// Every core: the server runs several workers (node:cluster) behind one port, and a change
// made in the console through one worker is in force in the others by the time the save
// returns (lib/services/config-sync.ts: the primary has every other worker clear its caches
// before the saving worker answers). Each connection is served by one worker: a keep-alive
// connection whose /healthz names its worker reaches that worker with every later request.
import http from "node:http";
import { test, expect } from "./support/fixtures";
import { applicationForm, openApplication, saveApplication } from "./support/applications";

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** One keep-alive connection to the e2e server (a single socket: one worker serves it all). */
function connection(baseURL: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const { hostname, port } = new URL(baseURL);
  const get = (path: string) =>
    new Promise<Answer>((resolve, reject) => {
      http
        .get({ host: hostname, port, path, agent }, (res) => {
          let body = "";
          res.setEncoding("utf8");
          res.on("data", (d) => (body += d));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        })
        .on("error", reject);
    });
  return {
    get,
    async worker(): Promise<number> {
      const h = await get("/healthz");
      expect(h.status).toBe(200);
      return (JSON.parse(h.body) as { worker: number }).worker;
    },
    close: () => agent.destroy(),
  };
}

/** One open connection to each of two different workers. */
async function connectionsToTwoWorkers(baseURL: string) {
  const byWorker = new Map<number, ReturnType<typeof connection>>();
  for (let i = 0; i < 40 && byWorker.size < 2; i++) {
    const c = connection(baseURL);
    const w = await c.worker();
    expect(w, "each worker names itself").toBeGreaterThanOrEqual(1);
    if (byWorker.has(w)) c.close();
    else byWorker.set(w, c);
  }
  expect(byWorker.size, "new connections reach at least two workers").toBe(2);
  return [...byWorker.values()] as [ReturnType<typeof connection>, ReturnType<typeof connection>];
}

const downloadName = (a: Answer) => /filename="([^"]+)"/.exec(String(a.headers["content-disposition"]))?.[1];

test("an application renamed in the console through one worker is in force in every worker when the save returns", async ({
  tenant,
  consoleAs,
  baseURL,
}) => {
  const app = await tenant.app({ entityId: "https://workers.sp.test/", acsUrl: "https://workers.sp.test/acs" });
  const [a, b] = await connectionsToTwoWorkers(baseURL!);
  try {
    const metadata = new URL(app.metadataUrl).pathname + "?download";
    const stem = (name: string) => name.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 60);
    // Both workers have the application's configuration in memory.
    expect(downloadName(await a.get(metadata))).toBe(`${stem(app.name)}-metadata.xml`);
    expect(downloadName(await b.get(metadata))).toBe(`${stem(app.name)}-metadata.xml`);

    const page = await consoleAs("Owner");
    await openApplication(page, app.id);
    const renamed = `${app.name} renamed`;
    await applicationForm(page).name.fill(renamed);
    // Both workers keep serving the application while the save runs, so each has just read
    // its configuration (and the version) when the save returns.
    let saving = true;
    const busy = Promise.all(
      [a, b].map(async (c) => {
        while (saving) await c.get(metadata);
      }),
    );
    await saveApplication(page);
    saving = false;
    await busy;

    // Whichever worker served the save, both answer with the new name at once: no waiting
    // (before the relay the other worker kept its copy for up to 250 ms, before config-sync 30 s).
    for (const c of [a, b]) expect(downloadName(await c.get(metadata))).toBe(`${stem(renamed)}-metadata.xml`);
  } finally {
    a.close();
    b.close();
  }
});
