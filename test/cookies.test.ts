// The one cookie helper (app/_server/cookies.ts): every cookie's name and flags come from the
// public base URL, for the hosted sign-in and for next-auth's console cookies alike.
import { describe, expect, it } from "vitest";
import { authOptions, CONSOLE_SESSION_COOKIE } from "@/app/_server/auth-options";
import { cookieName, cookieOptions, secureCookies, setCookieHeader } from "@/app/_server/cookies";
import { updateTenantSettings } from "@/lib/services/settings/tenant-settings";
import { makeAdmin } from "./helpers";

describe("cookies", () => {
  it("over http: plain names, httpOnly, SameSite=Lax, Path=/, not Secure", async () => {
    expect(await secureCookies()).toBe(false);
    expect(await setCookieHeader("pc_tx", "abc", "sign-in", { maxAgeMs: 600_000 })).toBe(
      "pc_tx=abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=600",
    );
    expect(cookieOptions("preference", false, { maxAgeMs: 1000 })).toEqual({
      httpOnly: true,
      sameSite: "lax",
      secure: false,
      path: "/",
      maxAge: 1,
    });
  });

  it("under an https public base URL: __Host- names and Secure, for every cookie", async () => {
    const owner = await makeAdmin("OWNER");
    await updateTenantSettings(owner, { tenantName: "Cookie test", publicBaseUrl: "https://sso.example.com" });
    expect(await secureCookies()).toBe(true);
    expect(await setCookieHeader("pc_tx", "abc", "sign-in", { maxAgeMs: 600_000 })).toBe(
      "__Host-pc_tx=abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=600; Secure",
    );
    expect(cookieName("pc_sso", true)).toBe("__Host-pc_sso");
    const expires = new Date("2030-01-01T00:00:00Z");
    expect(cookieOptions("sign-in", true, { expires })).toEqual({
      httpOnly: true,
      sameSite: "lax",
      secure: true,
      path: "/",
      expires,
    });
  });

  it("next-auth's console cookies follow the same rule, not NEXTAUTH_URL", () => {
    const https = authOptions(true);
    expect(https.useSecureCookies).toBe(true);
    expect(https.cookies?.sessionToken).toEqual({
      name: `__Host-${CONSOLE_SESSION_COOKIE}`,
      options: { httpOnly: true, sameSite: "lax", secure: true, path: "/" },
    });
    expect(https.cookies?.csrfToken?.name).toBe("__Host-next-auth.csrf-token");
    expect(https.cookies?.callbackUrl?.name).toBe("__Host-next-auth.callback-url");
    const http = authOptions(false);
    expect(http.cookies?.sessionToken?.name).toBe("next-auth.session-token");
    expect(http.cookies?.sessionToken?.options).toMatchObject({ secure: false, httpOnly: true });
  });
});
