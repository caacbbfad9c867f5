import { describe, expect, it } from "vitest";
import { EXAMPLE_SPEC_YAML } from "./example.js";
import { loadSpec, SpecError } from "./load.js";

function issuesOf(text: string) {
  try {
    loadSpec(text, "s.yaml");
  } catch (e) {
    if (e instanceof SpecError) return e.issues;
    throw e;
  }
  throw new Error("expected a SpecError");
}

const minimal = `cluster: { name: c, zones: [a, b, c] }\nstorage: { provisioner: p }\n`;

describe("loadSpec", () => {
  it("loads the built-in example with every default applied", () => {
    const { spec } = loadSpec(EXAMPLE_SPEC_YAML);
    expect(spec.cluster.zones).toHaveLength(3);
    expect(spec.workload.scrapeInterval.seconds).toBe(30);
    expect(spec.workload.longTermRetention.oneHour.days).toBe(730);
    expect(spec.nodePool.memory.value).toBe(32 * 2 ** 30);
    expect(spec.grafana.database.type).toBe("cloudnativepg");
  });

  it("fills defaults for a minimal spec", () => {
    const { spec } = loadSpec(minimal);
    expect(spec.phase).toBe(4);
    expect(spec.namespace).toBe("monitoring");
    expect(spec.alertmanager.replicas).toBe(3);
    expect(spec.prometheus.shards).toBe("auto");
    expect(spec.nodePool.taint).toEqual({ key: "hamon.io/dedicated", value: "monitoring", effect: "NoSchedule" });
  });

  it("names file, line, path, what was found and what was expected for a wrong type", () => {
    const [issue, ...rest] = issuesOf(minimal + "prometheus:\n  replicas: two\n");
    expect(rest).toHaveLength(0);
    expect(issue).toMatchObject({ path: "prometheus.replicas", line: 4, found: '"two"', expected: "a number" });
  });

  it("rejects a single Prometheus replica, saying the minimum", () => {
    const [issue] = issuesOf(minimal + "prometheus: { replicas: 1 }\n");
    expect(issue).toMatchObject({ path: "prometheus.replicas", found: "1", expected: "a value ≥ 2" });
  });

  it("rejects every unknown key at its own line", () => {
    const issues = issuesOf(minimal + "promethues: {}\nthanos:\n  qurey: {}\n");
    expect(issues.map((i) => [i.path, i.line])).toEqual([
      ["promethues", 3],
      ["thanos.qurey", 5],
    ]);
    expect(issues[0]!.found).toBe('unknown key "promethues"');
  });

  it("reports a missing required key", () => {
    const [issue] = issuesOf(`cluster: { name: c, zones: [a] }\n`);
    expect(issue).toMatchObject({ path: "storage", found: "(missing)" });
  });

  it("reports bad units with the accepted syntax", () => {
    const [issue] = issuesOf(minimal + "workload: { scrapeInterval: 30 seconds }\n");
    expect(issue!.path).toBe("workload.scrapeInterval");
    expect(issue!.expected).toMatch(/expected e\.g\. 30s/);
  });

  it("reports YAML syntax errors with their line", () => {
    const [issue] = issuesOf("cluster:\n  name: [unclosed\n");
    expect(issue!.path).toBe("(yaml)");
    expect(issue!.line).toBeGreaterThan(0);
  });

  it("formats a readable message", () => {
    try {
      loadSpec(minimal + "alertmanager: { replicas: 1 }\n", "hamon.yaml");
    } catch (e) {
      expect((e as Error).message).toContain("hamon.yaml:3:");
      expect((e as Error).message).toContain("alertmanager.replicas: found 1; expected a value ≥ 2");
    }
  });
});
