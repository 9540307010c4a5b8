// Finding 8 (at rest): a copy of the database is not a session hijack. SSO session and login
// transaction IDs are stored as SHA-256 hashes of the cookie value; the cookie keeps the
// random value, and the stored value presented as a cookie opens nothing.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { dbReady } from "../db/client";
import { endUser, proved } from "../../test/sign-in";
import { createSsoSession, resolveSsoSession } from "./session";
import { beginLogin, loadLogin } from "./transaction";

const sha256 = (v: string) => createHash("sha256").update(v).digest("hex");

describe("sign-in state at rest", () => {
  it("stores a login transaction under the hash of its cookie value", async () => {
    const cookie = await beginLogin(
      { applicationId: null, requestId: null, acsUrl: null, acsBinding: null, relayState: null, forceAuthn: false },
      { ip: null, userAgent: null },
    );
    const ids = (await (await dbReady()).loginTransaction.findMany({ select: { id: true } })).map((r) => r.id);
    expect(ids).not.toContain(cookie);
    expect(ids).toContain(sha256(cookie));
    expect(await loadLogin(cookie)).not.toBeNull();
    expect(await loadLogin(sha256(cookie))).toBeNull(); // the stored value is not a cookie
  });

  it("stores an SSO session under the hash of its cookie value", async () => {
    const user = await endUser();
    const cookie = (await createSsoSession(user.id, proved("pwd", "totp"))).token;
    const ids = (await (await dbReady()).ssoSession.findMany({ select: { id: true } })).map((r) => r.id);
    expect(ids).not.toContain(cookie);
    expect(ids).toContain(sha256(cookie));
    expect(await resolveSsoSession(cookie)).not.toBeNull();
    expect(await resolveSsoSession(sha256(cookie))).toBeNull();
  });
});
