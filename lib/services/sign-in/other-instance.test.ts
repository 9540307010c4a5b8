// Two instances on one database (README "Scale out"): everything a sign-in keeps between its
// requests is in the database, so another process (test/other-instance.mts: the same services
// the SSO route handlers call, on the same DATABASE_URL and secrets) finishes a sign-in begun
// here, and refuses an AuthnRequest ID this process already answered. Runs on SQLite and on
// PostgreSQL like every unit test.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { inflateRawSync } from "node:zlib";
import { SAML, ValidateInResponseTo } from "@node-saml/node-saml";
import { beforeAll, describe, expect, it } from "vitest";
import { queryOf } from "../../../test/fixtures/saml";
import { idpUrlsFor } from "../../../test/helpers";
import { applicationWithPolicy, CTX, endUser, PASSWORD } from "../../../test/sign-in";
import type { ApplicationRecord } from "../../db/applications";
import { listRecentAuthLogs } from "../../db/auth-log";
import { findKeysInState } from "../../db/signing-keys";
import { identify, verifyPassword } from "./hosted-login";
import { applicationMetadata, receiveAuthnRequest } from "./saml-sso";

const ROOT = path.join(__dirname, "..", "..", "..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

type Answer = { kind?: string; txId?: string; SAMLResponse?: string; error?: string };

/** One step answered by the other instance. */
async function otherInstance(op: Record<string, string>): Promise<Answer> {
  const { stdout } = await promisify(execFile)(
    TSX,
    [path.join(ROOT, "test", "other-instance.mts"), JSON.stringify(op)],
    {
      cwd: ROOT,
      env: process.env,
    },
  );
  return JSON.parse(stdout.trim().split("\n").pop()!) as Answer;
}

let app: ApplicationRecord;
let sp: SAML;

beforeAll(async () => {
  // The password alone is enough here: what is tested is where the state lives.
  app = await applicationWithPolicy("Two Instances", { authenticationPolicy: { action: "bypass_2fa" } });
  await applicationMetadata(app.key); // creates the signing key
  const acs = app.acs.find((a) => a.isDefault)!.url;
  sp = new SAML({
    entryPoint: idpUrlsFor("https://idp.test", app).ssoUrl,
    issuer: app.spEntityId!,
    callbackUrl: acs,
    audience: app.spEntityId!,
    idpIssuer: idpUrlsFor("https://idp.test", app).entityId,
    idpCert: (await findKeysInState(["ACTIVE"]))[0]!.certificatePem,
    identifierFormat: app.nameIdFormat,
    validateInResponseTo: ValidateInResponseTo.never,
  });
});

describe("two instances on one database", () => {
  it("an AuthnRequest ID answered by this instance is refused as a replay by the other", async () => {
    const query = queryOf(await sp.getAuthorizeUrlAsync("", undefined, {}));
    expect((await receiveAuthnRequest(app.key, { binding: "redirect", query }, CTX)).kind).toBe("login");

    const again = await otherInstance({ op: "receive", appKey: app.key, query });
    expect(again).toMatchObject({ kind: "error" });
    const logged = (await listRecentAuthLogs(50)).find(
      (r) => r.reason === "replayed_request" && r.applicationId === app.id,
    );
    expect(logged).toMatchObject({ result: "FAILURE", ip: "198.51.100.31" });
  });

  it("a sign-in begun on this instance (request, identifier, password) finishes on the other with a valid Response", async () => {
    const user = await endUser({ totp: false });
    const url = await sp.getAuthorizeUrlAsync("", undefined, {});
    const xml = inflateRawSync(Buffer.from(new URL(url).searchParams.get("SAMLRequest")!, "base64")).toString("utf8");
    const requestId = /ID="([^"]+)"/.exec(xml)![1]!;
    const step = await receiveAuthnRequest(app.key, { binding: "redirect", query: queryOf(url) }, CTX);
    expect(step.kind).toBe("login");
    const txId = (step as { txId: string }).txId;
    await identify(txId, user.username, CTX);
    const pw = await verifyPassword(txId, PASSWORD, CTX);
    expect(pw.outcome.kind).toBe("done");

    // The browser's next request (/resume) reaches the other instance.
    const done = await otherInstance({ op: "complete", appKey: app.key, txId, ssoToken: pw.session!.token });
    expect(done.kind).toBe("post");
    const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: done.SAMLResponse! });
    expect(profile?.nameID).toBe(`${user.username}@example.com`); // the default NameID: the email
    expect(profile?.inResponseTo).toBe(requestId);

    // The transaction is used up on both: the same step again on the other instance is not answered.
    const twice = await otherInstance({ op: "complete", appKey: app.key, txId, ssoToken: pw.session!.token });
    expect(twice.kind).not.toBe("post");
  });
});
