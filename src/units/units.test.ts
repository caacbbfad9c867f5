import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Duration } from "./duration.js";
import { Quantity } from "./quantity.js";

describe("Duration", () => {
  it("parses Prometheus durations", () => {
    expect(Duration.parse("30s").seconds).toBe(30);
    expect(Duration.parse("1h30m").seconds).toBe(5400);
    expect(Duration.parse("15d").days).toBe(15);
    expect(Duration.parse("2y").days).toBe(730);
    expect(Duration.parse("0").milliseconds).toBe(0);
  });
  it("rejects what Prometheus rejects, saying what was expected", () => {
    for (const bad of ["", "30", "1m1h", "5 s", "-1s", "1.5h"]) {
      expect(() => Duration.parse(bad)).toThrow(/expected e\.g\. 30s/);
    }
  });
  it("round-trips through its string form", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 * 365 * 24 * 3600 }), (s) => {
        const d = Duration.seconds(s);
        expect(Duration.parse(d.toString()).milliseconds).toBe(d.milliseconds);
      }),
    );
  });
});

describe("Quantity", () => {
  it("parses binary, decimal and milli suffixes", () => {
    expect(Quantity.parse("32Gi").value).toBe(32 * 2 ** 30);
    expect(Quantity.parse("500m").value).toBeCloseTo(0.5);
    expect(Quantity.parse("2").value).toBe(2);
    expect(Quantity.parse("1G").value).toBe(1e9);
    expect(Quantity.parse(4).value).toBe(4);
  });
  it("rejects non-quantities", () => {
    expect(() => Quantity.parse("32GB")).toThrow(/not a Kubernetes quantity/);
    expect(() => Quantity.parse("-1")).toThrow();
  });
  it("prints memory in whole binary units, rounding up", () => {
    expect(Quantity.parse("32Gi").toBytesString()).toBe("32Gi");
    expect(Quantity.parse("1536Mi").toBytesString()).toBe("1536Mi");
    expect(Quantity.of(1.5 * 2 ** 20 + 1).toBytesString()).toBe("2Mi");
  });
  it("prints CPU as millicores or cores", () => {
    expect(Quantity.parse("250m").toCpuString()).toBe("250m");
    expect(Quantity.parse("2").toCpuString()).toBe("2");
    expect(Quantity.of(0.0001).toCpuString()).toBe("1m");
  });
});
