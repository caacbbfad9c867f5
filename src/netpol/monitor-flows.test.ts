import { describe, expect, it } from "vitest";
import { describeFlow } from "./describe.js";
import { scrapeFlows } from "./monitor-flows.js";
import { cluster, pod } from "../../test/support/network-cluster.js";

const prom = pod("mon", "prom-0", { app: "prom" });
const api = pod("shop", "api-0", { app: "api" }, [{ name: "metrics", containerPort: 9100 }]);
const web = pod("web", "web-0", { app: "web" }, [{ name: "http", containerPort: 8080 }]);
const c = cluster([], [prom, api, web]);
const service = (
  ns: string,
  name: string,
  labels: Record<string, string>,
  selector: Record<string, string>,
  ports: unknown[],
) => ({
  kind: "Service",
  metadata: { namespace: ns, name, labels },
  spec: { selector, ports },
});
const objects = [
  service("shop", "api", { team: "shop" }, { app: "api" }, [{ name: "metrics", port: 80, targetPort: "metrics" }]),
  service("shop", "api-headless", { team: "shop" }, { app: "api" }, [{ name: "other", port: 81 }]),
  service("web", "web", { team: "web" }, { app: "web" }, [{ name: "metrics", port: 8080, targetPort: 8080 }]),
  {
    kind: "ServiceMonitor",
    metadata: { namespace: "mon", name: "shop" },
    spec: {
      selector: { matchLabels: { team: "shop" } },
      namespaceSelector: { matchNames: ["shop"] },
      endpoints: [{ port: "metrics" }],
    },
  },
  {
    kind: "ServiceMonitor",
    metadata: { namespace: "mon", name: "own-ns" },
    spec: { selector: {}, endpoints: [{ port: "metrics" }] },
  },
  {
    kind: "ServiceMonitor",
    metadata: { namespace: "mon", name: "everywhere" },
    spec: {
      selector: { matchLabels: { team: "web" } },
      namespaceSelector: { any: true },
      endpoints: [{ port: "metrics" }],
    },
  },
  {
    kind: "PodMonitor",
    metadata: { namespace: "web", name: "web-pods" },
    spec: { selector: { matchLabels: { app: "web" } }, podMetricsEndpoints: [{ port: "http" }] },
  },
];

describe("scrapeFlows", () => {
  it("follows monitors to Services, ports to targetPorts, and Services to their pods", () => {
    expect(scrapeFlows(objects, c, [prom]).map((f) => `${f.monitor}: ${describeFlow(f)}`)).toEqual([
      // matchNames: shop; the headless Service has no port named metrics and yields nothing.
      "mon/shop: pod mon/prom-0 → pod shop/api-0 TCP/metrics",
      // "own-ns" selects Services in mon only: there are none. "any" reaches web.
      "mon/everywhere: pod mon/prom-0 → pod web/web-0 TCP/8080",
      "web/web-pods: pod mon/prom-0 → pod web/web-0 TCP/http",
    ]);
  });
  it("gives one flow per scraper", () => {
    const second = pod("mon", "prom-1", { app: "prom" });
    expect(scrapeFlows(objects, cluster([], [prom, second, api, web]), [prom, second])).toHaveLength(6);
  });
});
