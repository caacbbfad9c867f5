import { describe, expect, it } from "vitest";
import { inventory, object } from "../../test/support/inventory-builder.js";
import { grafanaDashboards } from "./grafana-dashboards.js";

const configMap = (name: string, data: Record<string, string>, labels: Record<string, string> = {}) =>
  object("ConfigMap", name, "monitoring", { metadata: { name, namespace: "monitoring", labels }, data });

describe("grafanaDashboards", () => {
  it("finds every key holding a dashboard JSON model, labelled or not, titled from the JSON", () => {
    const inv = inventory({
      objects: [
        configMap(
          "labelled",
          { "nodes.json": JSON.stringify({ title: "Nodes", panels: [] }) },
          { grafana_dashboard: "1" },
        ),
        configMap("mounted", {
          "old.json": JSON.stringify({ title: "Old", rows: [{ panels: [] }] }),
          "untitled.json": JSON.stringify({ panels: [{ type: "graph" }] }),
        }),
        configMap("not-dashboards", {
          "grafana.ini": "[server]\nroot_url = x",
          "datasources.json": JSON.stringify({ apiVersion: 1, datasources: [] }),
          "broken.json": "{ not json",
        }),
      ],
    });
    expect(grafanaDashboards(inv)).toEqual([
      { title: "Nodes", file: "nodes.json", configMap: "monitoring/labelled" },
      { title: "Old", file: "old.json", configMap: "monitoring/mounted" },
      { title: "untitled.json", file: "untitled.json", configMap: "monitoring/mounted" },
    ]);
  });
});
