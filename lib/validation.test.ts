import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "./errors";
import { emailField, httpUrlField, nameField, parseOrThrow } from "./validation";

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected an AppError");
}

describe("httpUrlField", () => {
  const field = httpUrlField("ACS URL");

  it.each([
    ["https://sp.example.com/saml/acs", "https://sp.example.com/saml/acs"],
    ["http://localhost:8080/acs", "http://localhost:8080/acs"],
    ["HTTPS://SP.EXAMPLE.COM/ACS", "HTTPS://SP.EXAMPLE.COM/ACS"],
    ["  https://sp.example.com/acs?x=1  ", "https://sp.example.com/acs?x=1"],
    ["https://[2001:db8::1]/acs", "https://[2001:db8::1]/acs"],
  ])("accepts %j", (input, output) => {
    expect(field.parse(input)).toBe(output);
  });

  it.each([
    ["javascript:alert(1)"],
    ["JavaScript:alert(document.cookie)"],
    ["javascript://sp.example.com/%0aalert(1)"],
    [" javascript:alert(1)"],
    ["data:text/html,<script>alert(1)</script>"],
    ["vbscript:msgbox(1)"],
    ["file:///etc/passwd"],
    ["ftp://sp.example.com/acs"],
    ["/saml/acs"],
    ["//sp.example.com/acs"],
    ["sp.example.com/acs"],
    ["https://"],
    ["https://user:pass@sp.example.com/acs"],
    ["https://user@sp.example.com/acs"],
    ["https://:pass@sp.example.com/acs"],
    [""],
    ["   "],
  ])("refuses %j with a message naming the field", (input) => {
    const r = field.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/ACS URL/);
  });

  it("refuses URLs longer than 2048 characters", () => {
    const long = `https://sp.example.com/${"a".repeat(2048)}`;
    const r = field.safeParse(long);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe("The ACS URL has at most 2048 characters.");
  });

  it("stops at an invalid URL, so checks chained after it only ever see parseable URLs", () => {
    const chained = httpUrlField("base URL").refine((v) => new URL(v).protocol === "https:", "Use https.");
    for (const bad of ["/relative", "", "https://", "not a url"]) {
      const r = chained.safeParse(bad);
      expect(r.success).toBe(false);
      expect(r.error?.issues.map((i) => i.message)).not.toContain("Use https.");
    }
    expect(chained.safeParse("http://idp.example.com").error?.issues[0]?.message).toBe("Use https.");
    expect(chained.parse("https://idp.example.com")).toBe("https://idp.example.com");
  });

  it("refuses non-strings", () => {
    for (const v of [undefined, null, 42, {}, ["https://sp.example.com"]])
      expect(field.safeParse(v).success).toBe(false);
  });
});

describe("emailField and nameField", () => {
  it("trims and accepts a valid email; refuses invalid ones with a readable message", () => {
    expect(emailField.parse("  Alice@Example.com ")).toBe("Alice@Example.com");
    expect(emailField.safeParse("not-an-email").error?.issues[0]?.message).toBe(
      "Enter a valid email address, like name@example.com.",
    );
    expect(emailField.safeParse("").error?.issues[0]?.message).toBe("Enter an email address.");
    expect(emailField.safeParse(`${"a".repeat(250)}@example.com`).success).toBe(false);
  });

  it("trims names and enforces 1..max characters", () => {
    const f = nameField("group name", 10);
    expect(f.parse("  Sales ")).toBe("Sales");
    expect(f.safeParse("   ").error?.issues[0]?.message).toBe("Enter a group name.");
    expect(f.safeParse("x".repeat(11)).error?.issues[0]?.message).toBe("The group name has at most 10 characters.");
    expect(f.parse("x".repeat(10))).toBe("x".repeat(10));
  });
});

describe("parseOrThrow", () => {
  const schema = z.object({
    name: nameField("name"),
    acs: z.array(z.object({ url: httpUrlField("ACS URL"), index: z.number().int().min(0, "Use 0 or more.") })),
  });

  it("returns the parsed (transformed) data on success", () => {
    expect(parseOrThrow(schema, { name: " App ", acs: [{ url: "https://sp.example.com/acs", index: 0 }] })).toEqual({
      name: "App",
      acs: [{ url: "https://sp.example.com/acs", index: 0 }],
    });
  });

  it("throws a validation AppError with the first message per field, keyed by dotted path", () => {
    const e = errorOf(() =>
      parseOrThrow(schema, {
        name: "",
        acs: [
          { url: "https://ok.example.com/acs", index: 0 },
          { url: "javascript:alert(1)", index: -1 },
        ],
      }),
    );
    expect(e.code).toBe("validation");
    expect(e.status).toBe(400);
    expect(e.expose).toBe(true);
    expect(e.fieldErrors).toEqual({
      name: "Enter a name.",
      "acs.1.url": "The ACS URL must be an absolute http:// or https:// URL.",
      "acs.1.index": "Use 0 or more.",
    });
  });

  it("keeps only the first message when a field has several issues", () => {
    const s = z.object({ code: z.string().min(6, "Too short.").regex(/^\d+$/, "Digits only.") });
    expect(errorOf(() => parseOrThrow(s, { code: "ab" })).fieldErrors).toEqual({ code: "Too short." });
  });

  it('keys form-level issues (empty path) as "_form"', () => {
    const e = errorOf(() => parseOrThrow(schema, "not an object"));
    expect(Object.keys(e.fieldErrors ?? {})).toEqual(["_form"]);
  });
});
