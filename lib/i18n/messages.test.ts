import { describe, expect, it } from "vitest";
import { en, LOCALES, pickLocale, translator, zhCN, type MessageKey } from "./messages";

const placeholders = (text: string) => new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
const keys = Object.keys(en) as MessageKey[];

describe("message catalogs", () => {
  it("zh-CN has exactly the keys of en", () => {
    expect(Object.keys(zhCN).sort()).toEqual([...keys].sort());
  });

  it.each(keys)("%s is non-empty in both catalogs and uses the same placeholders", (key) => {
    expect(en[key].trim()).not.toBe("");
    expect(zhCN[key].trim()).not.toBe("");
    expect(placeholders(zhCN[key])).toEqual(placeholders(en[key]));
  });

  it("the placeholders the pages fill in are where they are expected", () => {
    expect(placeholders(en["login.subtitle"])).toEqual(new Set(["app"]));
    expect(placeholders(en["denied.group.body"])).toEqual(new Set(["app"]));
    expect(placeholders(en["request.body"])).toEqual(new Set(["ref"]));
  });

  it("LOCALES maps en and zh-CN to their catalogs", () => {
    expect(LOCALES).toEqual({ en, "zh-CN": zhCN });
  });
});

describe("pickLocale", () => {
  it("a supported cookie wins over Accept-Language", () => {
    expect(pickLocale("zh-CN", "en-US,en;q=0.9")).toBe("zh-CN");
    expect(pickLocale("en", "zh-CN,zh;q=0.9")).toBe("en");
  });

  it("an unsupported or empty cookie falls back to Accept-Language", () => {
    expect(pickLocale("fr", "zh-CN,zh;q=0.9")).toBe("zh-CN");
    expect(pickLocale("", "zh-CN")).toBe("zh-CN");
    expect(pickLocale(undefined, "zh-CN")).toBe("zh-CN");
    expect(pickLocale(null, "zh-CN")).toBe("zh-CN");
  });

  it.each([
    ["zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"],
    ["en-US,en;q=0.9", "en"],
    ["fr-FR", "en"],
    ["fr;q=1, zh-TW;q=0.5", "zh-CN"],
    ["en;q=0.5, zh;q=0.9", "zh-CN"],
    ["ZH-cn", "zh-CN"],
    ["de-DE, en-GB;q=0.7, zh;q=0.3", "en"],
    ["zh;q=0, en;q=0.1", "en"],
    ["zh;q=0", "en"],
    ["", "en"],
    [";;;,,,q=;", "en"],
    ["\u0000garbage;q=abc, ,;", "en"],
  ])("Accept-Language %j -> %s", (header, expected) => {
    expect(pickLocale(undefined, header)).toBe(expected);
  });

  it("no cookie and no header -> en", () => {
    expect(pickLocale(undefined, undefined)).toBe("en");
    expect(pickLocale(null, null)).toBe("en");
  });
});

describe("translator", () => {
  it("substitutes variables in each language", () => {
    expect(translator("en")("login.subtitle", { app: "Webex Control Hub" })).toBe("to continue to Webex Control Hub");
    expect(translator("zh-CN")("login.subtitle", { app: "Webex Control Hub" })).toBe("以继续访问 Webex Control Hub");
    expect(translator("en")("request.body", { ref: "A1B2C3" })).toMatch(/Reference: A1B2C3$/);
    expect(translator("zh-CN")("request.body", { ref: "A1B2C3" })).toMatch(/参考编号：A1B2C3$/);
  });

  it("returns texts without placeholders unchanged", () => {
    expect(translator("en")("login.title")).toBe("Sign in");
    expect(translator("zh-CN")("login.title")).toBe("登录");
  });

  it("leaves a placeholder whose variable is missing visible, and does not re-expand substituted values", () => {
    expect(translator("en")("login.subtitle")).toBe("to continue to {app}");
    expect(translator("en")("login.subtitle", { app: "{ref}" })).toBe("to continue to {ref}");
  });
});
