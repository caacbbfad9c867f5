/**
 * The processes the lab runs, named like the pods they stand for, each on loopback ports chosen
 * free at run time: N Prometheus replicas (one shard) and M Alertmanagers, the spec's replica
 * counts (2 and 3 in the example spec and by default), and the real node-exporter when the spec
 * renders one (a DaemonSet in the stack: the lab runs it for one node).
 */
import type { Spec } from "../spec/schema.js";
import { LOOPBACK, PortAllocator } from "./free-ports.js";

export interface LabTopology {
  prometheus: number;
  alertmanagers: number;
  /** A node-exporter, scraped by every Prometheus replica (spec `targets.nodeExporter`). */
  nodeExporter: boolean;
}

/** What the lab runs: the spec's replica counts (one Prometheus shard; 2 and 3 in the example spec). */
export function labTopology(spec: Spec): LabTopology {
  return {
    prometheus: spec.prometheus.replicas,
    alertmanagers: spec.alertmanager.replicas,
    nodeExporter: spec.targets.nodeExporter,
  };
}

export interface LabNode {
  /** prometheus-0, alertmanager-2, … */
  name: string;
  webPort: number;
}

export interface AlertmanagerNode extends LabNode {
  /** Gossip port (TCP and UDP); undefined when the Alertmanagers run without peers (the negative control). */
  clusterPort: number | undefined;
}

export interface LabNodes {
  alertmanagers: AlertmanagerNode[];
  prometheus: LabNode[];
  nodeExporter: LabNode | undefined;
}

/** Names and distinct free ports for every process; `clustered` false gives the Alertmanagers no gossip port. */
export async function allocateLabNodes(topology: LabTopology, clustered: boolean): Promise<LabNodes> {
  const ports = new PortAllocator();
  const alertmanagers: AlertmanagerNode[] = [];
  for (let i = 0; i < topology.alertmanagers; i++) {
    alertmanagers.push({
      name: `alertmanager-${i}`,
      webPort: await ports.next(),
      clusterPort: clustered ? await ports.next({ udp: true }) : undefined,
    });
  }
  const prometheus: LabNode[] = [];
  for (let i = 0; i < topology.prometheus; i++)
    prometheus.push({ name: `prometheus-${i}`, webPort: await ports.next() });
  const nodeExporter = topology.nodeExporter ? { name: "node-exporter", webPort: await ports.next() } : undefined;
  return { alertmanagers, prometheus, nodeExporter };
}

export const nodeUrl = (node: LabNode): string => `http://${LOOPBACK}:${node.webPort}`;

/**
 * The name of the Alertmanager that sent a notification. Each runs with
 * --web.external-url=http://127.0.0.1:<port>/, which its notifications carry; an unknown URL is
 * returned as it is.
 */
export function senderNameIn(alertmanagers: readonly AlertmanagerNode[]): (externalURL: string) => string {
  return (externalURL) => alertmanagers.find((a) => externalURL.replace(/\/$/, "") === nodeUrl(a))?.name ?? externalURL;
}
