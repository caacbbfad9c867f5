import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { requiredBinary } from "../../../test/support/required-binary.js";
import { tempDirs } from "../../../test/support/temp-dirs.js";
import { LOOPBACK, PortAllocator } from "../../lab/free-ports.js";
import { exampleStack } from "../../../test/support/example-stack.js";
import { matches } from "../../../test/support/rendered.js";
import { HOSTNAME_LABEL } from "../../k8s/well-known-labels.js";
import { KUBE_STATE_METRICS } from "../../upstream/cluster-targets.js";

const { view } = exampleStack();
const deployment = view.one("Deployment", "kube-state-metrics");
const monitor = view.byKind("ServiceMonitor").find((m) => m.metadata.name === "kube-state-metrics")!;
const selector = deployment.spec.selector.matchLabels;

describe("kube-state-metrics", () => {
  it("runs two replicas on different nodes, one disruption at a time", () => {
    expect(deployment.spec.replicas).toBe(2);
    const terms = deployment.spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution;
    expect(terms).toEqual([{ topologyKey: HOSTNAME_LABEL, labelSelector: { matchLabels: selector } }]);
    const pdb = view.byKind("PodDisruptionBudget").find((p) => p.metadata.name === "kube-state-metrics")!;
    expect(pdb.spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: selector } });
  });

  it("is scraped as one target: every endpoint rewritten to the Service's address, without the pod's identity", () => {
    const service = view.byKind("Service").find((s) => s.metadata.name === "kube-state-metrics")!;
    expect(matches(service.spec.selector, deployment.spec.template.metadata.labels)).toBe(true);
    const [objects, telemetry] = monitor.spec.endpoints;
    const address = `kube-state-metrics.${view.spec.namespace}.svc:${KUBE_STATE_METRICS.port}`;
    expect(objects.relabelings).toEqual([
      { targetLabel: "__address__", replacement: address, action: "replace" },
      { targetLabel: "instance", replacement: "kube-state-metrics", action: "replace" },
      { regex: "pod|container|endpoint", action: "labeldrop" },
    ]);
    expect(service.spec.ports.find((p: { name: string }) => p.name === objects.port).port).toBe(
      KUBE_STATE_METRICS.port,
    );
    // Its own health stays per replica.
    expect(telemetry).toEqual({ port: "telemetry" });
  });

  it("may list and watch what it reports on, and read no Secret", () => {
    const role = view.byKind("ClusterRole").find((r) => r.metadata.name.startsWith("hamon-kube-state-metrics"))!;
    const resources = role.rules.flatMap((r: { resources: string[] }) => r.resources);
    expect(resources).toEqual(expect.arrayContaining(["pods", "nodes", "deployments", "persistentvolumeclaims"]));
    expect(resources).not.toContain("secrets");
    expect(role.rules.every((r: { verbs: string[] }) => r.verbs.join() === "list,watch")).toBe(true);
    // Every resource it is told to report on is one it may read.
    const flag = deployment.spec.template.spec.containers[0].args.find((a: string) => a.startsWith("--resources="));
    expect(
      flag
        .slice("--resources=".length)
        .split(",")
        .every((r: string) => resources.includes(r)),
    ).toBe(true);
  });
});

const prometheus = requiredBinary("prometheus");
const tempDir = tempDirs();
let child: ChildProcess | undefined;
afterAll(() => {
  child?.kill("SIGTERM");
});

describe.skipIf(prometheus.skip)(
  "two endpoints relabelled to one address and the same labels, on the real Prometheus",
  () => {
    it("are one target, scraped once", async () => {
      const ports = new PortAllocator();
      const [web, a, b] = [await ports.next(), await ports.next(), await ports.next()];
      const dir = tempDir();
      // Two discovered endpoints (the two replicas), rewritten as the ServiceMonitor above does: the
      // Service's address (here Prometheus' own, so that the scrape succeeds) and one instance label.
      const config = {
        global: { scrape_interval: "1s" },
        scrape_configs: [
          {
            job_name: "kube-state-metrics",
            static_configs: [{ targets: [`${LOOPBACK}:${a}`, `${LOOPBACK}:${b}`] }],
            relabel_configs: [
              { target_label: "__address__", replacement: `${LOOPBACK}:${web}` },
              { target_label: "instance", replacement: "kube-state-metrics" },
            ],
          },
        ],
      };
      writeFileSync(join(dir, "prometheus.yml"), stringify(config));
      child = spawn(
        prometheus.path,
        [
          `--config.file=${join(dir, "prometheus.yml")}`,
          `--storage.tsdb.path=${join(dir, "data")}`,
          `--web.listen-address=${LOOPBACK}:${web}`,
        ],
        { stdio: "ignore" },
      );
      let active: Array<{ health: string; labels: Record<string, string> }> = [];
      for (let attempt = 0; attempt < 150; attempt++) {
        await new Promise((r) => setTimeout(r, 200));
        try {
          const res = await fetch(`http://${LOOPBACK}:${web}/api/v1/targets?state=active`);
          active = ((await res.json()) as { data: { activeTargets: typeof active } }).data.activeTargets;
          if (active.some((t) => t.health === "up")) break;
        } catch {
          // not listening yet
        }
      }
      expect(active.map((t) => [t.labels.instance, t.health])).toEqual([["kube-state-metrics", "up"]]);
    }, 40_000);
  },
);
