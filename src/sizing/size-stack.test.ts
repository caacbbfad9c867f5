import { describe, expect, it } from "vitest";
import { EXAMPLE_SPEC_YAML } from "../spec/example.js";
import { loadSpec } from "../spec/load.js";
import { sizeStack } from "./size-stack.js";
import { SizingInputError } from "./workload-input.js";
import { exampleStack } from "../../test/support/example-stack.js";

describe("sizeStack", () => {
  it("sizes the built-in example into a render that validates", () => {
    const result = exampleStack().render;
    expect(result.sizing.prometheus.shards).toBe(result.sizing.workload.prometheus.shards);
    expect(result.sizing.prometheus.seriesPerShard * result.sizing.prometheus.shards).toBeGreaterThanOrEqual(
      result.spec.workload.activeSeries,
    );
    const prometheus = result.folders.flatMap((f) => f.objects).find((o) => o.kind === "Prometheus") as unknown as {
      spec: { resources: { requests: { memory: string } }; shards?: number };
    };
    expect(prometheus.spec.resources.requests.memory).toBe(result.sizing.prometheus.resources.memory.toBytesString());
  });

  it("keeps a Prometheus replica within the node's memory by adding shards", () => {
    const spec = loadSpec(
      EXAMPLE_SPEC_YAML.replace("activeSeries: 1000000", "activeSeries: 1900000").replace(
        "memory: 32Gi",
        "memory: 8Gi",
      ),
    ).spec;
    const sizing = sizeStack(spec);
    expect(sizing.prometheus.shards).toBeGreaterThan(1);
    expect(sizing.prometheus.resources.memory.value + sizing.thanosSidecar.resources.memory.value).toBeLessThanOrEqual(
      8 * 2 ** 30,
    );
  });

  it("lets the spec's overrides win over the sized figures", () => {
    const spec = loadSpec(
      EXAMPLE_SPEC_YAML.replace("  shards: auto ", "  shards: 3\n  storageSize: 77Gi\n  resources: { memory: 9Gi } #"),
    ).spec;
    const sizing = sizeStack(spec);
    expect(sizing.prometheus.shards).toBe(3);
    expect(sizing.prometheus.storage.toBytesString()).toBe("77Gi");
    expect(sizing.prometheus.resources.memory.toBytesString()).toBe("9Gi");
  });

  it("names the spec path of an input the model cannot size", () => {
    const spec = loadSpec(EXAMPLE_SPEC_YAML.replace("scrapeInterval: 30s", "scrapeInterval: 100ms")).spec;
    expect(() => sizeStack(spec)).toThrow(SizingInputError);
    expect(() => sizeStack(spec)).toThrow(
      /^workload\.scrapeInterval: found 100ms; expected a scrape interval from 1s to 1h/,
    );
  });
});
