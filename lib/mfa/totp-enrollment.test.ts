import { describe, expect, it } from "vitest";
import { checkTotp, totpCode } from "./totp";
import { formatTotpSecret, startTotpEnrollment, totpQrDataUrl, userTotpSealContext } from "./totp-enrollment";

describe("startTotpEnrollment", () => {
  it("makes a new secret with an otpauth URI (issuer = tenant, label = username) and a QR code", async () => {
    const e = await startTotpEnrollment("Acme Corp", "alice");
    expect(e.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(e.secretText.replace(/ /g, "")).toBe(e.secret);
    const uri = new URL(e.otpauthUri);
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.host).toBe("totp");
    expect(decodeURIComponent(uri.pathname)).toBe("/Acme Corp:alice");
    expect(uri.searchParams.get("issuer")).toBe("Acme Corp");
    expect(uri.searchParams.get("secret")).toBe(e.secret);
    expect(e.qrDataUrl).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);
    // A code from the shown secret confirms the enrollment (checkTotp, lastStep null).
    const now = Date.now();
    expect(checkTotp(e.secret, totpCode(e.secret, now), null, now).ok).toBe(true);
  });

  it("keeps a given secret (one already held in the login transaction)", async () => {
    const e = await startTotpEnrollment("Acme", "bob", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    expect(e.secret).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    expect(e.secretText).toBe("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ");
  });

  it("keeps colons out of issuer and label (apps split the label at the first colon)", async () => {
    const e = await startTotpEnrollment("Acme: EU", "dom:alice");
    const uri = new URL(e.otpauthUri);
    expect(decodeURIComponent(uri.pathname)).toBe("/Acme EU:dom alice");
    expect(uri.searchParams.get("issuer")).toBe("Acme EU");
  });
});

describe("helpers", () => {
  it("formats secrets in groups of four", () => {
    expect(formatTotpSecret("ABCDEFGHIJ")).toBe("ABCD EFGH IJ");
    expect(formatTotpSecret("")).toBe("");
  });

  it("names the sealing context per user", () => {
    expect(userTotpSealContext("u1")).toBe("user-totp:u1");
  });

  it("renders any URI as a PNG data URL", async () => {
    expect(await totpQrDataUrl("otpauth://totp/x?secret=AAAA")).toMatch(/^data:image\/png;base64,/);
  });
});
