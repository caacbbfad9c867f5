import { describe, expect, it } from "vitest";
import { EXAMPLE_SPEC_YAML } from "./example.js";
import { loadSpec, SpecError, SpecTooLargeError } from "./load.js";
import { InputError } from "../errors.js";
import { MAX_SPEC_BYTES } from "./limits.js";

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
    expect(issue!.expected).toBe("a duration such as 30s, 15d or 1h30m (units y w d h m s ms)");
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

  it("reports a key written twice at the second one, with its path", () => {
    const issues = issuesOf(minimal + "prometheus:\n  replicas: 2\n  replicas: 3\n");
    expect(issues).toEqual([
      {
        path: "prometheus.replicas",
        line: 5,
        column: 3,
        found: 'the key "replicas" a second time in one mapping',
        expected: "each key once per mapping (YAML keeps only one of them)",
      },
    ]);
  });
});

describe("loadSpec on large and hostile input", () => {
  it(`refuses a spec over ${MAX_SPEC_BYTES} bytes before parsing it, naming the file and the limit`, () => {
    // Not YAML at all: had it been parsed, the error would be a YAML one.
    const huge = "[".repeat(MAX_SPEC_BYTES + 1);
    expect(() => loadSpec(huge, "big.yaml")).toThrow(SpecTooLargeError);
    expect(() => loadSpec(huge, "big.yaml")).toThrow(
      "big.yaml: the spec is 1 MiB; hamon reads specs of at most 1 MiB (a spec is a few kilobytes: is this the right file?)",
    );
    expect(new SpecTooLargeError("x", 1)).toBeInstanceOf(InputError);
    // Multi-byte characters count as bytes, as on disk.
    expect(() => loadSpec("#" + "é".repeat(MAX_SPEC_BYTES / 2), "wide.yaml")).toThrow(SpecTooLargeError);
  });

  it("loads a spec right at the limit", () => {
    const padded = minimal + "#".repeat(MAX_SPEC_BYTES - minimal.length);
    expect(Buffer.byteLength(padded)).toBe(MAX_SPEC_BYTES);
    expect(loadSpec(padded).spec.cluster.name).toBe("c");
  });

  it("refuses an alias bomb with a located spec error, without expanding it", () => {
    // Nine levels of nine aliases each: 9^9 nodes once expanded.
    const level = (i: number) =>
      `    a${i}: &a${i} [${Array<string>(9)
        .fill(i === 0 ? "x" : `*a${i - 1}`)
        .join(", ")}]`;
    const bomb = minimal + "nodePool:\n  labels:\n" + Array.from({ length: 9 }, (_, i) => level(i)).join("\n") + "\n";
    const [issue, ...rest] = issuesOf(bomb);
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ path: "nodePool.labels.a8[0]", line: 13, column: 14 });
    expect(issue!.found).toBe("aliases that expand the spec by 490,328,964 nodes (*a7 alone stands for 48,427,561)");
    expect(issue!.expected).toMatch(/^aliases that add at most 10,000 nodes in all/);
  });

  it("loads ordinary aliases and YAML merge keys", () => {
    const { spec } = loadSpec(
      minimal +
        "x-resources: &small { cpu: 500m, memory: 1Gi }\n".replace("x-resources", "thanos:\n  query:\n    resources") +
        "  queryFrontend:\n    resources: *small\n  store:\n    <<: { shards: 2 }\n    replicas: 3\n",
    );
    expect(spec.thanos.query.resources?.memory?.toBytesString()).toBe("1Gi");
    expect(spec.thanos.queryFrontend.resources?.cpu?.toCpuString()).toBe("500m");
    expect(spec.thanos.store).toMatchObject({ shards: 2, replicas: 3 });
  });

  it("reports an alias to no anchor, and an alias inside its own anchor, where they are", () => {
    expect(issuesOf(minimal + "prometheus: { replicas: *none }\n")).toEqual([
      {
        path: "prometheus.replicas",
        line: 3,
        column: 25,
        found: "the alias *none",
        expected: "an anchor &none defined before the alias",
      },
    ]);
    const [cycle] = issuesOf(minimal + "nodePool: &pool { labels: *pool }\n");
    expect(cycle).toMatchObject({ path: "nodePool.labels", line: 3, found: "the alias *pool" });
    expect(cycle!.expected).toMatch(/makes a cycle/);
  });

  it("reports nesting too deep to read as a located YAML problem", () => {
    const [issue] = issuesOf("cluster: " + "[".repeat(20_000) + "]".repeat(20_000) + "\n");
    expect(issue).toMatchObject({ path: "(yaml)", found: "mappings or lists nested too deeply to read" });
    expect(issue!.line).toBeGreaterThan(0);
  });

  it("prints the first 50 issues and counts the rest", () => {
    const many =
      minimal.replace("storage: { provisioner: p }", "storage:\n  provisioner: p\n  parameters:") +
      Array.from({ length: 60 }, (_, i) => `    k${i}: ${i}\n`).join("");
    try {
      loadSpec(many, "m.yaml");
      expect.unreachable();
    } catch (e) {
      expect((e as SpecError).issues).toHaveLength(60);
      const lines = (e as Error).message.split("\n");
      expect(lines[0]).toBe("m.yaml: 60 problems in the spec");
      expect(lines).toHaveLength(1 + 50 + 1);
      expect(lines.at(-1)).toBe("  … and 10 more problems");
    }
  });
});
