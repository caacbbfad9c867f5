/**
 * The lab's Prometheus, Alertmanager and node-exporter processes: started with the lab's
 * configuration, each awaited until it serves, the Alertmanagers until their gossip cluster has
 * settled, every Prometheus until it sends to every Alertmanager; then killed and restarted by name.
 */
import { LOOPBACK } from "./free-ports.js";
import { alertmanagerArgs, labPrometheusConfig, prometheusArgs } from "./lab-config.js";
import type { LabTimeline } from "./lab-timeline.js";
import { nodeUrl, type AlertmanagerNode, type LabNode, type LabNodes } from "./lab-topology.js";
import type { LabWorkspace } from "./lab-workspace.js";
import type { ProcessSupervisor } from "./process-supervisor.js";
import { getJson, isReady, waitFor } from "./readiness.js";

const STARTUP_TIMEOUT_MS = 60_000;

export interface LabProcessesContext {
  supervisor: ProcessSupervisor;
  /** node-exporter: when the topology has one. */
  binaries: { prometheus: string; alertmanager: string; "node-exporter"?: string };
  workspace: LabWorkspace;
  nodes: LabNodes;
  /** false: Alertmanagers without peers, each on its own (the negative control). */
  clustered: boolean;
  timeline: LabTimeline;
  /** Aborted on Ctrl-C. */
  signal: AbortSignal;
}

/** What every Prometheus replica's configuration shares: the cluster's name and the webhook receiver to scrape. */
export interface SharedPrometheusConfig {
  cluster: string;
  webhookTarget: string;
  /** Scrapes of the stack's own targets (the node-exporter). */
  targetScrapes?: Record<string, unknown>[];
}

export class LabProcesses {
  constructor(private readonly lab: LabProcessesContext) {}

  get nodes(): LabNodes {
    return this.lab.nodes;
  }

  /** Polls `condition` until it holds; stops at once when a lab process died or on Ctrl-C. */
  waitFor<T>(what: string, timeoutMs: number, condition: () => Promise<T | undefined | false>): Promise<T> {
    const { supervisor, signal } = this.lab;
    return waitFor(condition, { what, timeoutMs, signal, check: () => supervisor.assertHealthy(), intervalMs: 100 });
  }

  /** Starts every Alertmanager; resolves once each is ready and, clustered, their gossip has settled. */
  async startAlertmanagers(): Promise<void> {
    const { nodes, workspace, clustered, timeline } = this.lab;
    for (const node of nodes.alertmanagers) {
      await workspace.createFolderOf(node.name);
      this.startAlertmanager(node);
      timeline.record(
        "start",
        node.name,
        clustered ? `cluster port ${node.clusterPort}` : "no peers (negative control)",
      );
    }
    for (const node of nodes.alertmanagers) await this.awaitReady(node);
    await this.awaitCluster();
  }

  /** Starts every Prometheus replica; resolves once each is ready and sends to every Alertmanager. */
  async startPrometheus(shared: SharedPrometheusConfig): Promise<void> {
    const { nodes, workspace, timeline } = this.lab;
    for (const node of nodes.prometheus) {
      await workspace.createFolderOf(node.name);
      await workspace.writePrometheusConfig(
        node.name,
        labPrometheusConfig({
          cluster: shared.cluster,
          replica: node.name,
          alertmanagers: nodes.alertmanagers.map((a) => `${LOOPBACK}:${a.webPort}`),
          webhookTarget: shared.webhookTarget,
          ruleFiles: [workspace.ruleFiles],
          ...(shared.targetScrapes ? { targetScrapes: shared.targetScrapes } : {}),
        }),
      );
      this.startPrometheusReplica(node);
      timeline.record("start", node.name);
    }
    for (const node of nodes.prometheus) await this.awaitReady(node);
    for (const node of nodes.prometheus) await this.awaitDiscovery(node);
  }

  /** Starts the node-exporter, if the topology has one; resolves once it serves. */
  async startNodeExporter(): Promise<void> {
    const { nodes, supervisor, binaries, workspace, timeline } = this.lab;
    const node = nodes.nodeExporter;
    if (!node) return;
    const command = binaries["node-exporter"];
    if (command === undefined) throw new Error("hamon bug: a node-exporter in the lab without its binary");
    supervisor.start({
      name: node.name,
      command,
      args: [`--web.listen-address=${LOOPBACK}:${node.webPort}`],
      logFile: workspace.logOf(node.name),
    });
    timeline.record("start", node.name);
    await this.awaitReady(node);
  }

  /**
   * Every Prometheus replica scrapes `job`'s target `up`; records the labels of its `up` series
   * (as the real Prometheus relabeled it) on the timeline.
   */
  async awaitScraped(job: string): Promise<void> {
    const { nodes, signal, timeline } = this.lab;
    const query = encodeURIComponent(`up{job="${job}"}`);
    type Result = Array<{ metric: Record<string, string>; value: [number, string] }>;
    const labels = await this.waitFor(`every Prometheus to scrape ${job}`, STARTUP_TIMEOUT_MS, async () => {
      let first: Record<string, string> | undefined;
      for (const p of nodes.prometheus) {
        const body = (await getJson(`${nodeUrl(p)}/api/v1/query?query=${query}`, signal)) as
          { data?: { result?: Result } } | undefined;
        const result = body?.data?.result ?? [];
        if (result.length === 0 || result.some((r) => r.value[1] !== "1")) return undefined;
        first ??= result[0]!.metric;
      }
      return first;
    });
    const { __name__: _, ...series } = labels;
    const text = Object.entries(series)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}="${v}"`)
      .join(",");
    timeline.record("scraped", job, `up{${text}} == 1 at every Prometheus`);
  }

  /** The rendered rules run in the real binary: records what the first Prometheus loaded. */
  async recordLoadedRules(): Promise<void> {
    const node = this.lab.nodes.prometheus[0]!;
    const loaded = (await getJson(`${nodeUrl(node)}/api/v1/rules`, this.lab.signal)) as
      { data?: { groups?: Array<{ name: string; rules: unknown[] }> } } | undefined;
    const groups = loaded?.data?.groups ?? [];
    this.lab.timeline.record(
      "rules",
      node.name,
      `${groups.reduce((n, g) => n + g.rules.length, 0)} rules in ${groups.length} groups: ${groups.map((g) => g.name).join(", ")}`,
    );
  }

  /** SIGKILL: a crash, no graceful leave from the gossip cluster. */
  async kill(name: string): Promise<void> {
    await this.lab.supervisor.kill(name);
    this.lab.timeline.record("kill", name, "SIGKILL");
  }

  /** Starts a killed process again: same ports, same data. */
  restart(name: string): void {
    this.lab.supervisor.restart(name);
    this.lab.timeline.record("restart", name);
  }

  async awaitReady(node: LabNode): Promise<void> {
    const url = nodeUrl(node);
    await this.waitFor(`${node.name} to be ready on ${url}`, STARTUP_TIMEOUT_MS, () => isReady(url, this.lab.signal));
    this.lab.timeline.record("ready", node.name, url);
  }

  /** Every running Alertmanager sees all of them as peers and has settled. */
  async awaitCluster(): Promise<void> {
    const { clustered, nodes, signal, timeline } = this.lab;
    if (!clustered) return;
    const count = nodes.alertmanagers.length;
    await this.waitFor(`a gossip cluster of ${count}`, STARTUP_TIMEOUT_MS, async () => {
      for (const a of nodes.alertmanagers) {
        const status = (await getJson(`${nodeUrl(a)}/api/v2/status`, signal)) as
          { cluster?: { status?: string; peers?: unknown[] } } | undefined;
        if (status?.cluster?.status !== "ready" || status.cluster.peers?.length !== count) return false;
      }
      return true;
    });
    timeline.record("cluster", `${count} alertmanagers`, "gossip settled, every member sees every peer");
  }

  private async awaitDiscovery(node: LabNode): Promise<void> {
    const count = this.lab.nodes.alertmanagers.length;
    await this.waitFor(`${node.name} to discover every Alertmanager`, STARTUP_TIMEOUT_MS, async () => {
      const body = (await getJson(`${nodeUrl(node)}/api/v1/alertmanagers`, this.lab.signal)) as
        { data?: { activeAlertmanagers?: unknown[] } } | undefined;
      return body?.data?.activeAlertmanagers?.length === count;
    });
    // Prometheus publishes discovered targets at most every 5s (prometheus discovery/manager.go, updatert), hence the wait.
    this.lab.timeline.record("discovered", node.name, `sends to all ${count} alertmanagers`);
  }

  private startAlertmanager(node: AlertmanagerNode): void {
    const { supervisor, binaries, workspace, nodes, clustered } = this.lab;
    supervisor.start({
      name: node.name,
      command: binaries.alertmanager,
      args: alertmanagerArgs({
        configFile: workspace.alertmanagerConfig,
        storagePath: workspace.folderOf(node.name),
        webPort: node.webPort,
        clusterPort: node.clusterPort,
        peerPorts: clustered ? nodes.alertmanagers.filter((a) => a !== node).map((a) => a.clusterPort!) : [],
      }),
      logFile: workspace.logOf(node.name),
    });
  }

  private startPrometheusReplica(node: LabNode): void {
    const { supervisor, binaries, workspace } = this.lab;
    supervisor.start({
      name: node.name,
      command: binaries.prometheus,
      args: prometheusArgs(
        workspace.prometheusConfigOf(node.name),
        workspace.prometheusDataOf(node.name),
        node.webPort,
      ),
      logFile: workspace.logOf(node.name),
    });
  }
}
