import { describe, expect, it } from "vitest";
import { ipHostOf, passkeyHostWarning, passkeysAvailableAt } from "./passkey-host";

describe("passkeys at the public base URL", () => {
  it.each([
    ["http://127.0.0.1:3000", "127.0.0.1"],
    ["https://10.0.0.5/sso", "10.0.0.5"],
    ["http://127.1:3000", "127.0.0.1"],
    ["https://[2001:db8::1]:8443", "[2001:db8::1]"],
    ["http://[::1]", "[::1]"],
  ])("%s is an IP address: no passkeys", (url, host) => {
    expect(ipHostOf(url)).toBe(host);
    expect(passkeysAvailableAt(url)).toBe(false);
    expect(passkeyHostWarning(url)).toContain(host);
  });

  it.each(["https://sso.example.com", "http://localhost:3000", "https://idp.example.com/portcullis", "not a url"])(
    "%s: passkeys are offered",
    (url) => {
      expect(ipHostOf(url)).toBeNull();
      expect(passkeysAvailableAt(url)).toBe(true);
      expect(passkeyHostWarning(url)).toBeNull();
    },
  );
});
