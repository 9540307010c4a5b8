import { describe, expect, it } from "vitest";
import { browserOs, userAgentCacheSize } from "./auth-log-user-agent";

describe("browserOs", () => {
  it("names the browser and operating system of common user agents", () => {
    expect(
      browserOs(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
      )?.label,
    ).toBe("Chrome 131 on Windows 10");
    expect(
      browserOs(
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
      )?.label,
    ).toBe("Safari 17 on macOS 10.15");
    expect(
      browserOs(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
      )?.label,
    ).toBe("Safari 17 on iOS 17.4");
    expect(browserOs("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")).toEqual({
      browser: "Firefox 128",
      os: "Linux",
      label: "Firefox 128 on Linux",
    });
    expect(
      browserOs(
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
      )?.label,
    ).toBe("Chrome 131 on Android 14");
    expect(
      browserOs(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
      )?.browser,
    ).toBe("Microsoft Edge 131");
  });

  it("says Unknown for strings it cannot read, and nothing for none", () => {
    expect(browserOs("curl/8.5.0")?.label).toBe("Unknown");
    expect(browserOs("\u0000<script>")?.label).toBe("Unknown");
    expect(browserOs(null)).toBeNull();
    expect(browserOs("")).toBeNull();
  });

  it("parses each distinct string once (cached, bounded)", () => {
    const ua = "Mozilla/5.0 (X11; Linux x86_64; rv:129.0) Gecko/20100101 Firefox/129.0";
    const first = browserOs(ua);
    const size = userAgentCacheSize();
    expect(browserOs(ua)).toBe(first);
    expect(userAgentCacheSize()).toBe(size);
    for (let i = 0; i < 2100; i++) browserOs(`agent-${i}`);
    expect(userAgentCacheSize()).toBeLessThanOrEqual(2000);
  });
});
