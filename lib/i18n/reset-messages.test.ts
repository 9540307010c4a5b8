import { describe, expect, it } from "vitest";
import { resetEn, resetTranslator, resetZhCN } from "./reset-messages";

describe("reset page catalogs", () => {
  it("have the same keys in English and Chinese, none empty", () => {
    expect(Object.keys(resetZhCN).sort()).toEqual(Object.keys(resetEn).sort());
    for (const v of [...Object.values(resetEn), ...Object.values(resetZhCN)]) expect(v.trim()).not.toBe("");
  });
  it("fills placeholders in both languages", () => {
    expect(resetTranslator("en")("reset.subtitle", { username: "ana" })).toBe("for ana");
    expect(resetTranslator("zh-CN")("reset.subtitle", { username: "ana" })).toBe("用户：ana");
  });
});
