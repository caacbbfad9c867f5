import { describe, expect, it } from "vitest";
import { loadSpec } from "../spec/load.js";
import { EXAMPLE_SPEC_YAML } from "../spec/example.js";
import { sizeStack } from "../sizing/size-stack.js";
import { sizingSummary } from "./sizing-summary.js";

describe("sizingSummary", () => {
  it("states the example's shards, per-replica resources and object storage from the sizing", () => {
    const { spec } = loadSpec(EXAMPLE_SPEC_YAML);
    const sizing = sizeStack(spec);
    const rows = Object.fromEntries(sizingSummary(spec, sizing).map((r) => [r.label, r.value]));
    expect(rows["Prometheus shards × replicas"]).toBe(`${sizing.prometheus.shards} × 2`);
    expect(rows["Prometheus per replica"]).toContain(sizing.prometheus.resources.memory.toBytesString());
    expect(rows["Object storage uploaded per day"]).toMatch(/GiB|TiB/);
  });
  it("leaves out what the phase does not render", () => {
    const { spec } = loadSpec(EXAMPLE_SPEC_YAML.replace("phase: 4 ", "phase: 1 "));
    const labels = sizingSummary(spec, sizeStack(spec)).map((r) => r.label);
    expect(labels.some((l) => l.includes("Object storage") || l.includes("Grafana"))).toBe(false);
  });
});
