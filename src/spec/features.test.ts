import { describe, expect, it } from "vitest";
import { EXAMPLE_DATABASE_YAML, EXAMPLE_SPEC_YAML } from "./example.js";
import { features } from "./features.js";
import { loadSpec } from "./load.js";

const specOf = (phase: number, database = "{ type: cloudnativepg, instances: 3 }") =>
  loadSpec(
    EXAMPLE_SPEC_YAML.replace("phase: 4 ", `phase: ${phase} `).replace(EXAMPLE_DATABASE_YAML, `database: ${database}`),
  ).spec;

describe("features", () => {
  it.each([
    [1, ["prometheus", "alertmanager"]],
    [2, ["prometheus", "alertmanager", "thanos-query", "thanos-query-frontend", "thanos-store", "thanos-compact"]],
    [
      3,
      [
        "prometheus",
        "alertmanager",
        "thanos-query",
        "thanos-query-frontend",
        "thanos-store",
        "thanos-compact",
        "grafana",
        "postgresql",
      ],
    ],
  ])("phase %i renders %j", (phase, components) => {
    expect(features(specOf(phase)).components).toEqual(components);
  });
  it("turns the dedicated pool, NetworkPolicies and PriorityClasses on together, at phase 4 only", () => {
    for (const phase of [1, 2, 3]) {
      const f = features(specOf(phase));
      expect([f.dedicatedPool, f.networkPolicies, f.priorityClasses]).toEqual([false, false, false]);
    }
    const f = features(specOf(4));
    expect([f.dedicatedPool, f.networkPolicies, f.priorityClasses]).toEqual([true, true, true]);
  });
  it("renders Redis only when grafana.redis.enabled, from phase 3 on", () => {
    const withRedis = (phase: number) =>
      features(
        loadSpec(
          EXAMPLE_SPEC_YAML.replace("phase: 4 ", `phase: ${phase} `).replace(
            "redis: { enabled: false }",
            "redis: { enabled: true }",
          ),
        ).spec,
      );
    expect(features(specOf(4)).redis).toBe(false);
    expect(withRedis(4).redis).toBe(true);
    expect(withRedis(4).components.at(-1)).toBe("redis");
    expect(withRedis(2).redis).toBe(false);
    expect(withRedis(2).components).not.toContain("redis");
  });
  it("renders no PostgreSQL for an external database", () => {
    const f = features(specOf(4, "{ type: external, host: pg.example.com, secretName: db }"));
    expect(f.cloudNativePg).toBe(false);
    expect(f.components).not.toContain("postgresql");
    expect(f.components).toContain("grafana");
  });
});
