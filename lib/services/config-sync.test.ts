// Caches of configuration stay consistent across processes (workers of one server, several
// instances) through the configuration version in the database.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { beforeEach, describe, expect, it } from "vitest";
import { bumpConfigVersion, readConfigVersion } from "../db/config-version";
import { dbReady } from "../db/client";
import { makeApplication } from "../../test/helpers";
import { getApplicationConfig } from "./applications/application-config";
import {
  CHECK_INTERVAL_MS,
  configChanged,
  configEpoch,
  registerConfigCache,
  resetConfigSyncForTests,
  syncConfig,
} from "./config-sync";
import { getTenantSettings } from "./settings/tenant-settings";

const ROOT = path.join(__dirname, "..", "..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

beforeEach(() => resetConfigSyncForTests());

describe("config-sync", () => {
  it("clears every registered cache when another process wrote a new version, at the next check (at most CHECK_INTERVAL_MS later)", async () => {
    let clears = 0;
    registerConfigCache("test-cache", () => clears++);
    const t0 = 1_000_000;
    await syncConfig(t0); // first check: remembers the version, clears nothing
    expect(clears).toBe(0);
    await bumpConfigVersion(); // another process's change
    await syncConfig(t0 + CHECK_INTERVAL_MS - 1); // within the second: not read again
    expect(clears).toBe(0);
    const epoch = configEpoch();
    await syncConfig(t0 + CHECK_INTERVAL_MS);
    expect(clears).toBe(1);
    expect(configEpoch()).toBe(epoch + 1);
    await syncConfig(t0 + 3 * CHECK_INTERVAL_MS); // same version: nothing to clear
    expect(clears).toBe(1);
  });

  it("a change in this process clears at once and writes a new version for the others", async () => {
    let clears = 0;
    registerConfigCache("test-cache", () => clears++);
    await syncConfig(1);
    const before = await readConfigVersion();
    await configChanged();
    expect(clears).toBeGreaterThanOrEqual(1);
    const after = await readConfigVersion();
    expect(after).not.toBeNull();
    expect(after).not.toBe(before);
    // Its own change is not cleared a second time at the next check.
    const n = clears;
    await syncConfig(1 + CHECK_INTERVAL_MS);
    expect(clears).toBe(n);
  });

  it("the hot path reads an application from memory until a change is announced, then from the database", async () => {
    const app = await makeApplication("Cached app");
    const t0 = Date.now();
    expect((await getApplicationConfig(app.key, t0))?.name).toBe(app.name);
    // Written around the services (as another process's save is, seen from here).
    await (await dbReady()).application.update({ where: { id: app.id }, data: { name: "Renamed elsewhere" } });
    expect((await getApplicationConfig(app.key, t0 + 10))?.name).toBe(app.name); // memory
    await bumpConfigVersion(); // that process's configChanged()
    expect((await getApplicationConfig(app.key, t0 + 10 + CHECK_INTERVAL_MS))?.name).toBe("Renamed elsewhere");
  });

  it("a console save made by another process is in force here within the check interval", async () => {
    expect((await getTenantSettings()).tenantName).toBe("Portcullis");
    await syncConfig(); // as a running worker: it has seen the current version
    let seenAt: number | null = null;
    let writerDone = false;
    const writer = promisify(execFile)(TSX, [path.join(ROOT, "test", "config-writer.mts"), "Renamed Tenant"], {
      cwd: ROOT,
      env: process.env,
    }).finally(() => (writerDone = true));
    // Read as the hot path does, all along, while the other process starts and saves.
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && (!writerDone || Date.now() - (seenAt ?? Date.now()) < 3_000)) {
      if ((await getTenantSettings()).tenantName === "Renamed Tenant") {
        seenAt = Date.now();
        break;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    const { stdout } = await writer;
    const { savedAt } = JSON.parse(stdout) as { savedAt: number };
    expect(seenAt).not.toBeNull();
    expect(seenAt! - savedAt).toBeLessThanOrEqual(CHECK_INTERVAL_MS + 250);
  });
});
