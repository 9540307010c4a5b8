import { describe, expect, it } from "vitest";
import { filterSearchParams, parseAuthLogFilters, parseUtcDateTime } from "./auth-log-filters";

const NOW = new Date("2026-11-22T12:00:00.000Z");
const parse = (q: Record<string, string>) => parseAuthLogFilters(q, NOW);

describe("parseAuthLogFilters", () => {
  it("has no filter and no error for an empty query", () => {
    expect(parse({})).toEqual({
      input: { range: "", from: "", to: "", user: "", application: "", result: "", reason: "" },
      query: {},
      errors: {},
      active: false,
    });
  });

  it("turns each preset into a start time before now", () => {
    expect(parse({ range: "24h" }).query.since).toEqual(new Date("2026-11-21T12:00:00.000Z"));
    expect(parse({ range: "7d" }).query.since).toEqual(new Date("2026-11-15T12:00:00.000Z"));
    expect(parse({ range: "30d" }).query.since).toEqual(new Date("2026-10-23T12:00:00.000Z"));
    expect(parse({ range: "30d" }).query.until).toBeUndefined();
  });

  it("reads a custom range in UTC, the end minute included", () => {
    const { query, errors } = parse({ range: "custom", from: "2026-11-01T08:00", to: "2026-11-02T17:30" });
    expect(errors).toEqual({});
    expect(query.since).toEqual(new Date("2026-11-01T08:00:00.000Z"));
    expect(query.until).toEqual(new Date("2026-11-02T17:30:59.999Z"));
  });

  it("accepts an open-ended custom range and infers custom from from/to alone", () => {
    expect(parse({ range: "custom", from: "2026-11-01" }).query).toEqual({
      since: new Date("2026-11-01T00:00:00.000Z"),
    });
    const inferred = parse({ to: "2026-11-02T00:00" });
    expect(inferred.input.range).toBe("custom");
    expect(inferred.query).toEqual({ until: new Date("2026-11-02T00:00:59.999Z") });
  });

  it("refuses bad custom ranges with a message beside the field and no time filter", () => {
    expect(parse({ range: "custom", from: "yesterday" }).errors.from).toMatch(/valid start/);
    expect(parse({ range: "custom", from: "2026-02-30T10:00" }).errors.from).toMatch(/valid start/);
    expect(parse({ range: "custom", to: "2026-11-01T25:00" }).errors.to).toMatch(/valid end/);
    const reversed = parse({ range: "custom", from: "2026-11-02T00:00", to: "2026-11-01T00:00" });
    expect(reversed.errors.to).toBe("The end must be after the start.");
    expect(reversed.query.since).toBeUndefined();
    expect(parse({ range: "custom" }).errors.from).toMatch(/start or an end/);
    expect(parse({ range: "1y" }).errors.range).toBe("Choose a time range from the list.");
  });

  it("validates user, application, result and reason", () => {
    expect(parse({ user: "  Alice  " }).query.userIdentifier).toBe("Alice");
    expect(parse({ user: "x".repeat(257) }).errors.user).toMatch(/256/);
    expect(parse({ application: "ckabc_123-X" }).query.applicationId).toBe("ckabc_123-X");
    expect(parse({ application: "a b" }).errors.application).toBeDefined();
    expect(parse({ result: "denied" }).query.result).toBe("DENIED");
    expect(parse({ result: "FAILURE" }).query.result).toBe("FAILURE");
    expect(parse({ result: "maybe" }).errors.result).toBe("Choose Success, Denied or Failure.");
    expect(parse({ reason: "invalid_password" }).query.reason).toBe("invalid_password");
    expect(parse({ reason: "DROP TABLE" }).errors.reason).toBeDefined();
  });

  it("combines filters and takes the first value of a repeated parameter", () => {
    const p = parseAuthLogFilters(
      { user: ["bob", "eve"], result: "success", reason: "valid_password", application: "app1", range: "24h" },
      NOW,
    );
    expect(p.query).toEqual({
      userIdentifier: "bob",
      result: "SUCCESS",
      reason: "valid_password",
      applicationId: "app1",
      since: new Date("2026-11-21T12:00:00.000Z"),
    });
    expect(p.active).toBe(true);
  });

  it("reads URLSearchParams the same way and writes back only what applies", () => {
    const p = parseAuthLogFilters(new URLSearchParams("range=7d&from=2026-11-01T00:00&user=bob&cursor=abc"), NOW);
    expect(filterSearchParams(p.input).toString()).toBe("range=7d&user=bob");
    const c = parseAuthLogFilters(new URLSearchParams("range=custom&from=2026-11-01T00:00"), NOW);
    expect(filterSearchParams(c.input).toString()).toBe("range=custom&from=2026-11-01T00%3A00");
  });
});

describe("parseUtcDateTime", () => {
  it("parses dates with optional time and seconds, and rejects impossible ones", () => {
    expect(parseUtcDateTime("2026-11-22")).toEqual(new Date("2026-11-22T00:00:00Z"));
    expect(parseUtcDateTime("2026-11-22T08:30:15")).toEqual(new Date("2026-11-22T08:30:15Z"));
    expect(parseUtcDateTime("2026-11-22 08:30")).toEqual(new Date("2026-11-22T08:30:00Z"));
    for (const bad of ["2026-13-01", "2026-11-31", "2026-11-22T24:00", "1999-01-01", "22/11/2026", ""])
      expect(parseUtcDateTime(bad)).toBeNull();
  });
});
