// recordSsoRoundTrip: the writes of a round trip answered with the SSO session, in one
// transaction, and the replay rule of claimReplayKey (refused while recorded, reused once expired).
import { describe, expect, it } from "vitest";
import { makeApplication } from "../../../test/helpers";
import { endUser, proved } from "../../../test/sign-in";
import { createSsoSession } from "../../login/session";
import { storageId } from "../../login/transaction";
import { dbReady } from "../../db/client";
import { uniqueViolationFields } from "../../db/errors";
import { recordSsoRoundTrip } from "../../db/sign-in-state";

async function roundTrip(
  key: string,
  expiresAt: Date,
  now: Date,
  sessionIndex = `_${Math.random().toString(36).slice(2)}`,
) {
  const app = await makeApplication(`Round trip ${Math.random().toString(36).slice(2, 8)}`);
  const user = await endUser({ totp: false });
  const session = await createSsoSession(user.id, proved("pwd"));
  const result = await recordSsoRoundTrip(
    {
      replay: { key, expiresAt },
      participant: {
        sessionId: storageId(session.token),
        applicationId: app.id,
        sessionIndex,
        nameId: user.username,
        nameIdFormat: "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified",
      },
      authLog: {
        userId: user.id,
        username: user.username,
        applicationId: app.id,
        result: "SUCCESS",
        reason: "sso_session",
      },
      traces: [],
    },
    now,
  );
  const db = await dbReady();
  const logged = await db.authLog.count({ where: { applicationId: app.id } });
  const participants = await db.ssoParticipant.count({ where: { applicationId: app.id } });
  return { result, logged, participants };
}

describe("recordSsoRoundTrip", () => {
  it("writes the replay entry, the participant and the log row together; the same ID again writes nothing", async () => {
    const now = new Date();
    const later = new Date(now.getTime() + 180_000);
    expect(await roundTrip("sp|_id-1", later, now)).toEqual({ result: "ok", logged: 1, participants: 1 });
    expect(await roundTrip("sp|_id-1", later, now)).toEqual({ result: "replayed", logged: 0, participants: 0 });
  });

  it("a conflict other than the request ID is an error, not reported as a replay", async () => {
    const later = new Date(Date.now() + 180_000);
    await roundTrip("sp|_id-3", later, new Date(), "_same-index");
    const error = await roundTrip("sp|_id-4", later, new Date(), "_same-index").catch((e: unknown) => e);
    expect(uniqueViolationFields(error)).toEqual(["sessionIndex"]);
    // Rolled back whole: the request ID was not recorded, so it is not a replay now.
    expect(await roundTrip("sp|_id-4", later, new Date())).toEqual({ result: "ok", logged: 1, participants: 1 });
  });

  it("reuses an ID whose replay entry has expired, and writes the round trip", async () => {
    const then = new Date(Date.now() - 600_000);
    expect((await roundTrip("sp|_id-2", new Date(then.getTime() + 1_000), then)).result).toBe("ok");
    const now = new Date();
    expect(await roundTrip("sp|_id-2", new Date(now.getTime() + 180_000), now)).toEqual({
      result: "ok",
      logged: 1,
      participants: 1,
    });
  });
});
