import { afterEach, describe, expect, it, vi } from "vitest";
import { makeAdmin, thrown } from "../../../test/helpers";
import { listAuditEntries } from "../../db/admin-audit-log";
import { findAdminById, findAdminCredentialsById } from "../../db/admins";
import { unsealSecret } from "../../crypto/secrets";
import { AppError } from "../../errors";
import { TOTP_PERIOD, totpCode } from "../../mfa/totp";
import { unlockAdministrator } from "../admins/manage-admins";
import {
  ADMIN_PASSCODE_LOCK_MS,
  ADMIN_PASSCODE_MAX_FAILURES,
  completeAdminSignIn,
  ENROLL_TICKET_TTL_MS,
  PasscodeRefused,
  passcodeLockedMessage,
  redeemAdminGrant,
  startAdminSignIn,
  THROTTLED,
  TICKET_EXPIRED,
  verifyAdminPasscode,
  WRONG_CREDENTIALS,
  WRONG_PASSCODE,
  type SignInStep,
} from "./sign-in";

const STEP_MS = TOTP_PERIOD * 1000;

function expectAppError(e: unknown, code: string, message: string) {
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe(code);
  expect((e as AppError).message).toBe(message);
}

/** A 6-digit code that is valid for none of the steps the server could accept now. */
function wrongCode(secret: string): string {
  const valid = new Set([-2, -1, 0, 1, 2].map((d) => totpCode(secret, Date.now() + d * STEP_MS)));
  for (let i = 0; ; i++) {
    const c = String(123456 + i * 7919)
      .padStart(6, "0")
      .slice(-6);
    if (!valid.has(c)) return c;
  }
}

async function failedLogins(targetLabel: string) {
  return (await listAuditEntries({ limit: 500, action: "admin.login_failed" })).filter(
    (r) => r.targetLabel === targetLabel,
  );
}

/** Signs a fresh administrator in for the first time (enrollment); returns it and its TOTP secret. */
async function enrolledAdmin(ip?: string) {
  const admin = await makeAdmin("ADMINISTRATOR");
  const start = await startAdminSignIn({ email: admin.email, password: admin.password }, ip);
  if (start.step !== "enroll") throw new Error("expected enrollment");
  await completeAdminSignIn({ ticket: start.ticket, code: totpCode(start.secret) }, ip);
  return { admin, secret: start.secret };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("administrator sign-in (real database)", () => {
  it("refuses a wrong password with the generic message and logs admin.login_failed", async () => {
    const admin = await makeAdmin("OWNER");
    const e = await thrown(() => startAdminSignIn({ email: admin.email, password: "not the password" }, "203.0.113.1"));
    expectAppError(e, "unauthenticated", WRONG_CREDENTIALS);

    const rows = await failedLogins(admin.email);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: "admin.login_failed",
      actorLabel: admin.email,
      targetType: "admin",
      ip: "203.0.113.1",
    });
    expect(JSON.parse(rows[0]!.after!)).toEqual({ reason: "wrong_password", consecutiveFailures: 1 });
  });

  it("refuses an unknown email with the same message (no account enumeration) and logs it", async () => {
    const e = await thrown(() =>
      startAdminSignIn({ email: "Nobody@Example.com", password: "whatever it is" }, "203.0.113.2"),
    );
    expectAppError(e, "unauthenticated", WRONG_CREDENTIALS);
    const rows = await failedLogins("nobody@example.com");
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.after!)).toMatchObject({ reason: "unknown_email" });
  });

  it("validates the input", async () => {
    const e = await thrown(() => startAdminSignIn({ email: " ", password: "" }));
    expect((e as AppError).code).toBe("validation");
    expect((e as AppError).fieldErrors).toEqual({
      email: "Enter your email address.",
      password: "Enter your password.",
    });
  });

  it("enrolls TOTP at first sign-in, seals the secret, then asks to verify next time", async () => {
    const admin = await makeAdmin("APPLICATION_MANAGER");
    // Email matching ignores case and surrounding spaces.
    const start: SignInStep = await startAdminSignIn({
      email: `  ${admin.email.toUpperCase()} `,
      password: admin.password,
    });
    expect(start.step).toBe("enroll");
    if (start.step !== "enroll") return;
    expect(start.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(start.otpauthUri).toContain(`secret=${start.secret}`);
    expect(start.otpauthUri).toContain(encodeURIComponent("Portcullis Admin"));
    expect(start.qrDataUrl.startsWith("data:image/png;base64,")).toBe(true);
    expect(start.ticket).not.toContain(start.secret);

    // A wrong passcode does not enroll; it spends the ticket and answers with a fresh one.
    const refused = await thrown(() => completeAdminSignIn({ ticket: start.ticket, code: wrongCode(start.secret) }));
    expectAppError(refused, "unauthenticated", WRONG_PASSCODE);
    const retry = (refused as PasscodeRefused).retryTicket!;
    expect(retry).toEqual(expect.any(String));
    expect(retry).not.toBe(start.ticket);
    expect((await findAdminById(admin.adminId))?.totpEnrolled).toBe(false);
    expectAppError(
      await thrown(() => completeAdminSignIn({ ticket: start.ticket, code: totpCode(start.secret) })),
      "unauthenticated",
      TICKET_EXPIRED,
    );

    const signedIn = await completeAdminSignIn({ ticket: retry, code: totpCode(start.secret) }, "203.0.113.3");
    expect(signedIn).toEqual({
      id: admin.adminId,
      email: admin.email,
      name: expect.any(String),
      role: "APPLICATION_MANAGER",
      sessionVersion: 0,
    });

    const creds = await findAdminCredentialsById(admin.adminId);
    expect(creds?.totpSecretSealed).toMatch(/^v1\./);
    expect(creds?.totpSecretSealed).not.toContain(start.secret);
    expect(unsealSecret(creds!.totpSecretSealed!, `admin-totp:${admin.adminId}`)).toBe(start.secret);
    expect(() => unsealSecret(creds!.totpSecretSealed!, "admin-totp:someone-else")).toThrow();
    expect(creds?.failedLoginCount).toBe(0);
    expect(creds?.lastLoginAt).toBeInstanceOf(Date);
    expect((await findAdminById(admin.adminId))?.totpEnrolled).toBe(true);
    const [enrolled] = (await listAuditEntries({ limit: 100, action: "admin.totp_enrolled" })).filter(
      (r) => r.targetLabel === admin.email,
    );
    expect(enrolled?.ip).toBe("203.0.113.3");

    // The enrollment ticket cannot be redeemed again.
    expectAppError(
      await thrown(() => completeAdminSignIn({ ticket: retry, code: totpCode(start.secret, Date.now() + STEP_MS) })),
      "unauthenticated",
      TICKET_EXPIRED,
    );

    const next = await startAdminSignIn({ email: admin.email, password: admin.password });
    expect(next).toEqual({ step: "verify", ticket: expect.any(String) });
  });

  it("verifies with the enrolled secret; refuses a wrong code and a replayed one", async () => {
    const { admin, secret } = await enrolledAdmin();

    // The code used for enrollment is spent: the same code again is a replay.
    const enrollCode = (await findAdminCredentialsById(admin.adminId))!.totpLastStep!;
    const replayOfEnrollment = totpCode(secret, enrollCode * STEP_MS);
    const s1 = await startAdminSignIn({ email: admin.email, password: admin.password });
    expectAppError(
      await thrown(() => completeAdminSignIn({ ticket: s1.ticket, code: replayOfEnrollment })),
      "unauthenticated",
      WRONG_PASSCODE,
    );

    const s2 = await startAdminSignIn({ email: admin.email, password: admin.password });
    expectAppError(
      await thrown(() => completeAdminSignIn({ ticket: s2.ticket, code: wrongCode(secret) })),
      "unauthenticated",
      WRONG_PASSCODE,
    );

    // A code one step ahead is newer than the enrollment's step, with whitespace as typed.
    const fresh = totpCode(secret, Date.now() + STEP_MS);
    const s3 = await startAdminSignIn({ email: admin.email, password: admin.password });
    const ok = await completeAdminSignIn({ ticket: s3.ticket, code: `${fresh.slice(0, 3)} ${fresh.slice(3)}` });
    expect(ok.id).toBe(admin.adminId);
    expect((await findAdminCredentialsById(admin.adminId))?.failedLoginCount).toBe(0);

    // Reusing that code on a new ticket is refused, and so is reusing the ticket.
    const s4 = await startAdminSignIn({ email: admin.email, password: admin.password });
    expectAppError(
      await thrown(() => completeAdminSignIn({ ticket: s4.ticket, code: fresh })),
      "unauthenticated",
      WRONG_PASSCODE,
    );
    expectAppError(
      await thrown(() => completeAdminSignIn({ ticket: s3.ticket, code: fresh })),
      "unauthenticated",
      TICKET_EXPIRED,
    );

    const reasons = (await failedLogins(admin.email)).map((r) => JSON.parse(r.after!).reason).sort();
    expect(reasons).toEqual(["replayed_totp", "replayed_totp", "ticket_replayed", "wrong_totp"]);
    expect(
      (await listAuditEntries({ limit: 100, action: "admin.login" })).filter(
        (r) => r.targetLabel === admin.email && r.action === "admin.login",
      ),
    ).toHaveLength(1);
  });

  it("throttles the account after 5 consecutive failures, even with the right password", async () => {
    const { admin, secret } = await enrolledAdmin();
    const pending = await startAdminSignIn({ email: admin.email, password: admin.password });

    for (let i = 1; i <= 5; i++) {
      expectAppError(
        await thrown(() => startAdminSignIn({ email: admin.email, password: `wrong ${i}` })),
        "unauthenticated",
        WRONG_CREDENTIALS,
      );
    }
    const creds = await findAdminCredentialsById(admin.adminId);
    expect(creds?.failedLoginCount).toBe(5);
    expect(creds!.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 25_000);
    expect(creds!.lockedUntil!.getTime()).toBeLessThanOrEqual(Date.now() + 30_000);

    expectAppError(
      await thrown(() => startAdminSignIn({ email: admin.email, password: admin.password })),
      "rate_limited",
      THROTTLED,
    );
    // A ticket issued before the lock cannot be redeemed during it either.
    expectAppError(
      await thrown(() => completeAdminSignIn({ ticket: pending.ticket, code: totpCode(secret, Date.now() + STEP_MS) })),
      "rate_limited",
      THROTTLED,
    );
    const throttled = (await failedLogins(admin.email)).filter((r) => JSON.parse(r.after!).reason === "throttled");
    expect(throttled).toHaveLength(2);
    // Throttled attempts do not extend the count.
    expect((await findAdminCredentialsById(admin.adminId))?.failedLoginCount).toBe(5);

    // Once the lock has passed, the right password works again.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 31_000);
    const after = await startAdminSignIn({ email: admin.email, password: admin.password });
    expect(after.step).toBe("verify");
  });

  it("does not throttle after 4 failures, and a success resets the count", async () => {
    const { admin, secret } = await enrolledAdmin();
    for (let i = 1; i <= 4; i++) {
      await thrown(() => startAdminSignIn({ email: admin.email, password: `wrong ${i}` }));
    }
    expect((await findAdminCredentialsById(admin.adminId))?.lockedUntil).toBeNull();
    const s = await startAdminSignIn({ email: admin.email, password: admin.password });
    await completeAdminSignIn({ ticket: s.ticket, code: totpCode(secret, Date.now() + STEP_MS) });
    expect((await findAdminCredentialsById(admin.adminId))?.failedLoginCount).toBe(0);
    // The count starts again from zero: one more failure does not lock.
    await thrown(() => startAdminSignIn({ email: admin.email, password: "wrong again" }));
    expect((await findAdminCredentialsById(admin.adminId))?.lockedUntil).toBeNull();
  });

  it("blocks a client address after 20 failures, whichever accounts they name", async () => {
    const admin = await makeAdmin("HELP_DESK");
    const ip = "203.0.113.99";
    for (let i = 0; i < 20; i++) {
      await thrown(() => startAdminSignIn({ email: `probe${i}@example.com`, password: "guess" }, ip));
    }
    expectAppError(
      await thrown(() => startAdminSignIn({ email: admin.email, password: admin.password }, ip)),
      "rate_limited",
      THROTTLED,
    );
    // Another address is not affected.
    expect((await startAdminSignIn({ email: admin.email, password: admin.password }, "203.0.113.100")).step).toBe(
      "enroll",
    );
  });

  it("refuses garbage, tampered and expired tickets with TICKET_EXPIRED", async () => {
    const admin = await makeAdmin("READ_ONLY");
    const start = await startAdminSignIn({ email: admin.email, password: admin.password });
    if (start.step !== "enroll") throw new Error("expected enrollment");
    const code = totpCode(start.secret);

    for (const ticket of [
      "garbage",
      "v1.a.b.c",
      `${start.ticket}x`,
      start.ticket.replace(/\.([^.])/, (_m, c: string) => `.${c === "A" ? "B" : "A"}`),
    ]) {
      expectAppError(await thrown(() => completeAdminSignIn({ ticket, code })), "unauthenticated", TICKET_EXPIRED);
    }

    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + ENROLL_TICKET_TTL_MS + 1_000);
    expectAppError(
      await thrown(() => completeAdminSignIn({ ticket: start.ticket, code: totpCode(start.secret) })),
      "unauthenticated",
      TICKET_EXPIRED,
    );
    vi.useRealTimers();

    // The same (unexpired) ticket still works: the refusals above were about the ticket.
    expect((await completeAdminSignIn({ ticket: start.ticket, code: totpCode(start.secret) })).id).toBe(admin.adminId);
  });

  it("refuses a ticket whose administrator was removed", async () => {
    const { admin } = await enrolledAdmin();
    const s = await startAdminSignIn({ email: admin.email, password: admin.password });
    const owner = await makeAdmin("OWNER");
    const { removeAdministrator } = await import("../admins/manage-admins");
    await removeAdministrator(owner, admin.adminId);
    expectAppError(
      await thrown(() => completeAdminSignIn({ ticket: s.ticket, code: "123456" })),
      "unauthenticated",
      TICKET_EXPIRED,
    );
  });

  it("refuses a replayed ticket: after a sign-in, the same ticket with the next passcode does not sign in again", async () => {
    const { admin, secret } = await enrolledAdmin();
    const s = await startAdminSignIn({ email: admin.email, password: admin.password }, "198.51.100.7");
    await completeAdminSignIn({ ticket: s.ticket, code: totpCode(secret, Date.now() + STEP_MS) });
    // A minute later the ticket has not expired, and the authenticator shows a new, valid passcode.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 2 * STEP_MS);
    expectAppError(
      await thrown(() => completeAdminSignIn({ ticket: s.ticket, code: totpCode(secret, Date.now()) }, "198.51.100.7")),
      "unauthenticated",
      TICKET_EXPIRED,
    );
    const replayed = (await failedLogins(admin.email)).filter((r) => JSON.parse(r.after!).reason === "ticket_replayed");
    expect(replayed).toHaveLength(1);
    expect(replayed[0]!.ip).toBe("198.51.100.7");
  });

  it("the grant that becomes the session is single-use too", async () => {
    const { admin, secret } = await enrolledAdmin();
    const s = await startAdminSignIn({ email: admin.email, password: admin.password });
    const { grant } = await verifyAdminPasscode({ ticket: s.ticket, code: totpCode(secret, Date.now() + STEP_MS) });
    expect((await redeemAdminGrant({ grant })).id).toBe(admin.adminId);
    expectAppError(await thrown(() => redeemAdminGrant({ grant })), "unauthenticated", TICKET_EXPIRED);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 3 * STEP_MS);
    const s2 = await startAdminSignIn({ email: admin.email, password: admin.password });
    const late = await verifyAdminPasscode({ ticket: s2.ticket, code: totpCode(secret, Date.now()) });
    vi.setSystemTime(Date.now() + 61_000);
    expectAppError(await thrown(() => redeemAdminGrant(late)), "unauthenticated", TICKET_EXPIRED);
  });

  it(`locks the account after ${ADMIN_PASSCODE_MAX_FAILURES} wrong passcodes until another Owner unlocks it`, async () => {
    const { admin, secret } = await enrolledAdmin();
    const owner = await makeAdmin("OWNER");
    let ticket = (await startAdminSignIn({ email: admin.email, password: admin.password })).ticket;
    for (let i = 1; i < ADMIN_PASSCODE_MAX_FAILURES; i++) {
      const e = (await thrown(() => completeAdminSignIn({ ticket, code: wrongCode(secret) }))) as PasscodeRefused;
      expectAppError(e, "unauthenticated", WRONG_PASSCODE);
      ticket = e.retryTicket!;
    }
    const last = (await thrown(() => completeAdminSignIn({ ticket, code: wrongCode(secret) }))) as PasscodeRefused;
    expect(last).toBeInstanceOf(PasscodeRefused);
    expect(last.retryTicket).toBeNull();
    const lockedAt = (await findAdminById(admin.adminId))!.passcodeLockedAt!;
    expect(last.message).toBe(passcodeLockedMessage(new Date(lockedAt.getTime() + ADMIN_PASSCODE_LOCK_MS)));
    const [locked] = (await listAuditEntries({ limit: 50, action: "admin.locked" })).filter(
      (r) => r.targetLabel === admin.email,
    );
    expect(JSON.parse(locked!.after!)).toMatchObject({ reason: "passcode_failures", consecutiveFailures: 5 });

    // The right password and a valid passcode do not get in while locked.
    const e = await thrown(() => startAdminSignIn({ email: admin.email, password: admin.password }));
    expect(e).toBeInstanceOf(PasscodeRefused);
    expect((e as AppError).message).toBe(last.message);
    // A wrong password is still just a wrong password.
    expectAppError(
      await thrown(() => startAdminSignIn({ email: admin.email, password: "not it" })),
      "unauthenticated",
      WRONG_CREDENTIALS,
    );

    // The administrator cannot unlock themselves; another Owner can, and it is audited.
    const self = { adminId: admin.adminId, email: admin.email, role: "OWNER" as const };
    expectAppError(
      await thrown(() => unlockAdministrator(self, admin.adminId)),
      "conflict",
      "Another Owner must unlock your account.",
    );
    await unlockAdministrator(owner, admin.adminId);
    const [unlocked] = (await listAuditEntries({ limit: 50, action: "admin.unlocked" })).filter(
      (r) => r.targetLabel === admin.email,
    );
    expect(unlocked?.actorLabel).toBe(owner.email);
    const again = await startAdminSignIn({ email: admin.email, password: admin.password });
    expect((await completeAdminSignIn({ ticket: again.ticket, code: totpCode(secret, Date.now() + STEP_MS) })).id).toBe(
      admin.adminId,
    );
  });

  it("a passcode lock ends by itself after its period, and the unlock is audited", async () => {
    const { admin, secret } = await enrolledAdmin();
    let ticket = (await startAdminSignIn({ email: admin.email, password: admin.password })).ticket;
    for (let i = 0; i < ADMIN_PASSCODE_MAX_FAILURES; i++) {
      const e = (await thrown(() => completeAdminSignIn({ ticket, code: wrongCode(secret) }))) as PasscodeRefused;
      ticket = e.retryTicket ?? "";
    }
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + ADMIN_PASSCODE_LOCK_MS - 60_000);
    expect(await thrown(() => startAdminSignIn({ email: admin.email, password: admin.password }))).toBeInstanceOf(
      PasscodeRefused,
    );
    vi.setSystemTime(Date.now() + 61_000);
    const s = await startAdminSignIn({ email: admin.email, password: admin.password });
    expect(s.step).toBe("verify");
    const [unlocked] = (await listAuditEntries({ limit: 50, action: "admin.unlocked" })).filter(
      (r) => r.targetLabel === admin.email,
    );
    expect(JSON.parse(unlocked!.after!)).toMatchObject({ via: "lock period passed" });
  });
});
