import { describe, expect, it } from "vitest";
import { unseal } from "./seal";
import { sealSecret, unsealSecret } from "./secrets";

describe("sealSecret / unsealSecret (tenant key from PORTCULLIS_SEAL_KEY)", () => {
  it("round-trips and seals with the key from the environment", () => {
    const sealed = sealSecret("JBSWY3DPEHPK3PXP", "admin-totp:1");
    expect(unsealSecret(sealed, "admin-totp:1")).toBe("JBSWY3DPEHPK3PXP");
    const envKey = Buffer.from(process.env.PORTCULLIS_SEAL_KEY!, "base64");
    expect(unseal(sealed, envKey, "admin-totp:1")).toBe("JBSWY3DPEHPK3PXP");
  });

  it("binds the secret to its context", () => {
    const sealed = sealSecret("seed", "admin-totp:1");
    expect(() => unsealSecret(sealed, "admin-totp:2")).toThrow();
  });
});
