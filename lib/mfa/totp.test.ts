import { describe, expect, it } from "vitest";
import { checkTotp, newTotpSecret, TOTP_PERIOD, totpCode, totpUri } from "./totp";

// RFC 6238 appendix B, SHA-1: the ASCII secret "12345678901234567890" in base32.
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const STEP_MS = TOTP_PERIOD * 1000;

describe("totpCode", () => {
  it.each([
    [59, "287082"], // 94287082
    [1111111109, "081804"], // 07081804
    [1111111111, "050471"], // 14050471
    [1234567890, "005924"], // 89005924
    [2000000000, "279037"], // 69279037
    [20000000000, "353130"], // 65353130
  ])("matches the RFC 6238 SHA-1 vector at T=%i s", (seconds, expected) => {
    expect(totpCode(RFC_SECRET, seconds * 1000)).toBe(expected);
  });

  it("is the same throughout one 30-second step and changes at the next", () => {
    const start = 1_700_000_010 * 1000; // a step boundary (divisible by 30 s)
    expect(start % STEP_MS).toBe(0);
    const code = totpCode(RFC_SECRET, start);
    expect(totpCode(RFC_SECRET, start + STEP_MS - 1)).toBe(code);
    expect(totpCode(RFC_SECRET, start + STEP_MS)).not.toBe(code);
  });
});

describe("checkTotp", () => {
  const now = 1_700_000_025_000; // 15 s into step 56_666_667
  const step = Math.floor(now / STEP_MS);
  const codeAt = (deltaSteps: number) => totpCode(RFC_SECRET, now + deltaSteps * STEP_MS);

  it("accepts the current code and returns its time step", () => {
    expect(checkTotp(RFC_SECRET, codeAt(0), null, now)).toEqual({ ok: true, step });
  });

  it("accepts the code of one step before and one step after, with that step", () => {
    expect(checkTotp(RFC_SECRET, codeAt(-1), null, now)).toEqual({ ok: true, step: step - 1 });
    expect(checkTotp(RFC_SECRET, codeAt(1), null, now)).toEqual({ ok: true, step: step + 1 });
  });

  it("refuses codes two or more steps away", () => {
    for (const d of [-3, -2, 2, 3]) {
      expect(checkTotp(RFC_SECRET, codeAt(d), null, now)).toEqual({ ok: false, reason: "invalid" });
    }
  });

  it("accepts the RFC vector at T=59 s", () => {
    expect(checkTotp(RFC_SECRET, "287082", null, 59_000)).toEqual({ ok: true, step: 1 });
  });

  it("refuses a code computed with another secret", () => {
    const other = newTotpSecret();
    const code = totpCode(other, now);
    // Guard against the 1-in-a-million chance that both secrets share a code now.
    const valid = [-1, 0, 1].map(codeAt);
    if (!valid.includes(code)) expect(checkTotp(RFC_SECRET, code, null, now)).toEqual({ ok: false, reason: "invalid" });
    expect(checkTotp(other, code, null, now)).toEqual({ ok: true, step });
  });

  it.each([
    [""],
    ["28708"],
    ["2870822"],
    ["28708a"],
    ["abcdef"],
    ["-28708"],
    ["２８７０８２"],
    ["287082\u0000"],
    ["1e5000"],
  ])("refuses malformed input %j as invalid", (code) => {
    expect(checkTotp(RFC_SECRET, code, null, 59_000)).toEqual({ ok: false, reason: "invalid" });
  });

  it("tolerates whitespace inside and around the code", () => {
    expect(checkTotp(RFC_SECRET, "287 082", null, 59_000)).toEqual({ ok: true, step: 1 });
    expect(checkTotp(RFC_SECRET, " 287082\n", null, 59_000)).toEqual({ ok: true, step: 1 });
    expect(checkTotp(RFC_SECRET, "28 70 82", null, 59_000)).toEqual({ ok: true, step: 1 });
  });

  it('refuses a code whose step is not newer than lastStep as "replayed"', () => {
    expect(checkTotp(RFC_SECRET, codeAt(0), step, now)).toEqual({ ok: false, reason: "replayed" });
    expect(checkTotp(RFC_SECRET, codeAt(-1), step - 1, now)).toEqual({ ok: false, reason: "replayed" });
    expect(checkTotp(RFC_SECRET, codeAt(-1), step, now)).toEqual({ ok: false, reason: "replayed" });
    expect(checkTotp(RFC_SECRET, codeAt(0), step + 1, now)).toEqual({ ok: false, reason: "replayed" });
  });

  it("accepts a code whose step is newer than lastStep (0 is a real step, not 'none')", () => {
    expect(checkTotp(RFC_SECRET, codeAt(0), step - 1, now)).toEqual({ ok: true, step });
    expect(checkTotp(RFC_SECRET, codeAt(1), step, now)).toEqual({ ok: true, step: step + 1 });
    expect(checkTotp(RFC_SECRET, "287082", 0, 59_000)).toEqual({ ok: true, step: 1 });
    expect(checkTotp(RFC_SECRET, "287082", 1, 59_000)).toEqual({ ok: false, reason: "replayed" });
    expect(checkTotp(RFC_SECRET, "287082", undefined, 59_000)).toEqual({ ok: true, step: 1 });
  });
});

describe("newTotpSecret / totpUri", () => {
  it("makes 160-bit base32 secrets that differ", () => {
    const a = newTotpSecret();
    const b = newTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(a).not.toBe(b);
    expect(checkTotp(a, totpCode(a, 1_000_000), null, 1_000_000).ok).toBe(true);
  });

  it("builds an otpauth URI with issuer, label and secret, for SHA1, 6 digits and 30 s", () => {
    const uri = new URL(totpUri(RFC_SECRET, "Acme Admin", "alice@example.com"));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.host).toBe("totp");
    expect(decodeURIComponent(uri.pathname)).toBe("/Acme Admin:alice@example.com");
    expect(uri.searchParams.get("secret")).toBe(RFC_SECRET);
    expect(uri.searchParams.get("issuer")).toBe("Acme Admin");
    // Omitted parameters mean SHA1, 6 digits and 30 s to authenticator apps.
    expect(uri.searchParams.get("digits") ?? "6").toBe("6");
    expect(uri.searchParams.get("period") ?? "30").toBe("30");
    expect(uri.searchParams.get("algorithm") ?? "SHA1").toBe("SHA1");
  });
});
