import { describe, expect, it } from "vitest";
import { renderFromSpecText } from "../pipeline/render-pipeline.js";
import { EXAMPLE_SPEC_YAML } from "../spec/example.js";
import { LAB_NODE, labScrapeConfig, labTargetLabels, nodeExporterScrape } from "./node-exporter-scrape.js";

describe("the lab's node-exporter scrape (pure)", () => {
  const scrape = nodeExporterScrape(renderFromSpecText(EXAMPLE_SPEC_YAML, "(built-in example)"))!;

  it("gives the target the labels the rendered ServiceMonitor gives it through the operator's relabelings", () => {
    expect(scrape.job).toBe("node-exporter");
    expect(scrape.jobName).toBe("serviceMonitor/hamon-node-exporter/node-exporter/0");
    expect(labTargetLabels(scrape, "127.0.0.1:4321")).toEqual({
      job: "node-exporter",
      namespace: "hamon-node-exporter",
      service: "node-exporter",
      endpoint: "metrics",
      pod: "node-exporter-lab00",
      container: "node-exporter",
      // The rendered relabeling: the node's name, not the address.
      instance: LAB_NODE,
    });
  });

  it("scrapes the loopback address with the discovery labels as static labels", () => {
    const config = labScrapeConfig(scrape, "127.0.0.1:4321") as {
      static_configs: Array<{ targets: string[]; labels: Record<string, string> }>;
    };
    expect(config.static_configs[0]!.targets).toEqual(["127.0.0.1:4321"]);
    expect(config.static_configs[0]!.labels.__meta_kubernetes_pod_node_name).toBe(LAB_NODE);
  });

  it("is absent when the spec renders no node-exporter", () => {
    const spec = `${EXAMPLE_SPEC_YAML}\ntargets:\n  nodeExporter: false\n`;
    expect(nodeExporterScrape(renderFromSpecText(spec, "(test)"))).toBeUndefined();
  });
});
