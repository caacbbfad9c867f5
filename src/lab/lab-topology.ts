/**
 * The processes the lab runs, named like the pods they stand for, each on loopback ports chosen
 * free at run time: N Prometheus replicas (one shard) and M Alertmanagers, the spec's replica
 * counts (2 and 3 in the example spec and by default).
 */
import type { Spec } from "../spec/schema.js";
import { LOOPBACK, PortAllocator } from "./free-ports.js";

export interface LabTopology {
  prometheus: number;
  alertmanagers: number;
}

/** What the lab runs: the spec's replica counts (one Prometheus shard; 2 and 3 in the example spec). */
export function labTopology(spec: Spec): LabTopology {
  return { prometheus: spec.prometheus.replicas, alertmanagers: spec.alertmanager.replicas };
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
  return { alertmanagers, prometheus };
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
