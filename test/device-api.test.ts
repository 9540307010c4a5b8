// PUT /api/v1/trusted-endpoints/{integrationId}/devices, called as a management tool would.
import { beforeAll, describe, expect, it } from "vitest";
import { makeAdmin } from "./helpers";
import { PUT, GET } from "@/app/api/v1/trusted-endpoints/[integrationId]/devices/route";
import { addInventoryIntegration } from "@/lib/services/endpoints/integrations";
import { listEndpoints } from "@/lib/db/endpoints";

let id: string;
let token: string;

beforeAll(async () => {
  const r = await addInventoryIntegration(await makeAdmin("OWNER"), { name: "Jamf Pro" });
  id = r.integration.id;
  token = r.token;
});

const put = (body: string, headers: Record<string, string> = {}, integrationId = id) =>
  PUT(
    new Request(`http://localhost/api/v1/trusted-endpoints/${integrationId}/devices`, {
      method: "PUT",
      body,
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}`, ...headers },
    }),
    { params: Promise.resolve({ integrationId }) },
  );

describe("device API", () => {
  it("replaces the inventory and reports what changed", async () => {
    const res = await put(
      JSON.stringify({ devices: [{ deviceId: "MAC-1", hostname: "mac-1", os: "macOS 15" }, { deviceId: "MAC-2" }] }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ total: 2, added: 2, updated: 0, removed: 0, unknownOwners: [] });
    const again = await put(JSON.stringify({ devices: [{ deviceId: "MAC-2" }] }));
    expect(await again.json()).toMatchObject({ total: 1, removed: 1 });
    expect((await listEndpoints({ limit: 10, integrationId: id })).map((e) => e.deviceId)).toEqual(["MAC-2"]);
  });

  it("401 without or with a wrong token, or for an unknown integration", async () => {
    for (const res of [
      await put("{}", { Authorization: "" }),
      await put("{}", { Authorization: "Bearer pcte_nope" }),
      await put("{}", {}, "unknown-id"),
      await put("{}", { Authorization: `Basic ${token}` }),
    ]) {
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toContain("Bearer");
      expect(await res.json()).toEqual({
        error: { code: "unauthenticated", message: expect.stringContaining("Bearer") },
      });
    }
  });

  it("400 for invalid JSON or an invalid inventory, and nothing changes", async () => {
    expect((await put("{not json")).status).toBe(400);
    const res = await put(JSON.stringify({ devices: [{ deviceId: "ok-1" }, { deviceId: "bad id" }] }));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        code: "validation",
        message: expect.any(String),
        details: [{ path: "devices.1.deviceId", message: expect.stringContaining("device identifier") }],
      },
    });
    const dup = await put(JSON.stringify({ devices: [{ deviceId: "A-1" }, { deviceId: "a-1" }] }));
    expect(await dup.json()).toMatchObject({ error: { code: "validation", message: "“a-1” is listed twice." } });
    expect((await listEndpoints({ limit: 10, integrationId: id })).map((e) => e.deviceId)).toEqual(["MAC-2"]);
  });

  it("413 over 1 MiB, 415 for other content types, 405 for other methods", async () => {
    const big = JSON.stringify({
      devices: Array.from({ length: 40_000 }, (_, i) => ({ deviceId: `DEVICE-NUMBER-${i}` })),
    });
    expect((await put(big)).status).toBe(413);
    expect((await put("{}", { "Content-Type": "text/plain" })).status).toBe(415);
    const res = GET();
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("PUT");
  });
});
