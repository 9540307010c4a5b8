// Browser and operating system from a User-Agent string (bowser), for the Authentication
// Log's Browser/OS column. Parsing costs ~20 µs; a log page repeats the same few strings, so
// results are cached per distinct string (bounded; on globalThis so that pages, route
// handlers and server actions share it).
import Bowser from "bowser";

export type BrowserOs = { browser: string | null; os: string | null; label: string };

const MAX_ENTRIES = 2000;
const store = globalThis as unknown as { portcullisUaCache?: Map<string, BrowserOs> };
const cache = (store.portcullisUaCache ??= new Map());

function join(name: string | undefined, version: string | undefined, keep = 1): string | null {
  if (!name) return null;
  const v = version?.split(".").slice(0, keep).join(".");
  return v ? `${name} ${v}` : name;
}

function parse(ua: string): BrowserOs {
  try {
    const r = Bowser.parse(ua);
    const browser = join(r.browser.name, r.browser.version);
    const osVersion =
      r.os.name === "macOS" || r.os.name === "iOS" || r.os.name === "Android"
        ? r.os.version
        : (r.os.versionName ?? r.os.version);
    const os = join(r.os.name, osVersion, r.os.name === "macOS" || r.os.name === "iOS" ? 2 : 1);
    const label = [browser, os].filter(Boolean).join(" on ") || "Unknown";
    return { browser, os, label };
  } catch {
    return { browser: null, os: null, label: "Unknown" };
  }
}

/** Browser and OS for a User-Agent; `label` is "Chrome 131 on Windows 10", or "Unknown". */
export function browserOs(userAgent: string | null | undefined): BrowserOs | null {
  if (!userAgent) return null;
  const hit = cache.get(userAgent);
  if (hit) return hit;
  const parsed = parse(userAgent);
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(userAgent, parsed);
  return parsed;
}

export const userAgentCacheSize = () => cache.size;
