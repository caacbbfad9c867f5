/**
 * Combinations the schema alone cannot reject: what the spec asks for against the topology it
 * describes. Each issue points at the spec path a user would change.
 */
import type { StackSizing } from "../sizing/size-stack.js";
import type { LoadedSpec, SpecIssue } from "./load.js";
import { Quantity } from "../units/quantity.js";

export function feasibilityIssues(loaded: LoadedSpec, sizing: StackSizing): SpecIssue[] {
  const { spec, locate } = loaded;
  const issues: SpecIssue[] = [];
  const at = (path: string[]) => ({ path: path.join("."), ...locate(path) });
  const zones = spec.cluster.zones.length;
  const nodes = zones * spec.nodePool.nodesPerZone;
  const nodesText = `${zones} zone(s) × nodePool.nodesPerZone ${spec.nodePool.nodesPerZone} = ${nodes} node(s)`;

  // Required anti-affinity on kubernetes.io/hostname puts each replica of a set on its own node.
  const hostSpread: Array<[string[], number, string, number]> = [
    [
      ["prometheus", "replicas"],
      spec.prometheus.replicas * sizing.prometheus.shards,
      "Prometheus pods (replicas × shards)",
      1,
    ],
    [["alertmanager", "replicas"], spec.alertmanager.replicas, "Alertmanager replicas", 1],
  ];
  if (spec.phase >= 2) {
    hostSpread.push(
      [["thanos", "query", "replicas"], spec.thanos.query.replicas, "Thanos Query replicas", 2],
      [
        ["thanos", "queryFrontend", "replicas"],
        spec.thanos.queryFrontend.replicas,
        "Thanos Query Frontend replicas",
        2,
      ],
      [["thanos", "store", "replicas"], spec.thanos.store.replicas, "Store Gateway replicas per shard", 2],
    );
  }
  if (spec.phase >= 3) hostSpread.push([["grafana", "replicas"], spec.grafana.replicas, "Grafana replicas", 3]);
  for (const [path, count, what] of hostSpread) {
    if (count > nodes) {
      issues.push({
        ...at(path),
        found: `${count} ${what}`,
        expected: `at most ${nodes}: each must run on its own node (required pod anti-affinity on kubernetes.io/hostname) and the pool has ${nodesText}`,
      });
    }
  }

  const db = spec.grafana.database;
  if (spec.phase >= 3 && db.type === "cloudnativepg" && db.instances > zones) {
    issues.push({
      ...at(["grafana", "database", "instances"]),
      found: `${db.instances} PostgreSQL instances`,
      expected: `at most ${zones}: instances are spread one per zone (required anti-affinity on topology.kubernetes.io/zone) and cluster.zones lists ${zones}`,
    });
  }

  const sidecarBytes = spec.phase >= 2 ? sizing.thanosSidecar.resources.memory.value : 0;
  const prom = Quantity.of(sizing.prometheus.resources.memory.value + sidecarBytes);
  if (prom.value > spec.nodePool.memory.value) {
    issues.push({
      ...at(["prometheus", spec.prometheus.shards === "auto" ? "shards" : "resources"]),
      found: `a Prometheus pod needing ${prom.toBytesString()} of memory`,
      expected: `a pod that fits a node's ${spec.nodePool.memory.toBytesString()} (nodePool.memory): raise prometheus.shards or nodePool.memory`,
    });
  }
  return issues;
}
