/**
 * What a report shows, independent of how it is drawn: the placement, the failure matrix, the
 * worst-case placements, the findings, the sizing summary, and what the stack watches (targets,
 * alerts, dashboards). Built from the pipeline's results
 * (see build-report-model.ts); drawn by html/render-html-report.ts.
 */
export type Status = "ok" | "degraded" | "down";

export interface ReportPod {
  name: string;
  component: string;
}

export interface ReportNode {
  name: string;
  pods: ReportPod[];
  /** e.g. "cordoned", "tainted: hamon.io/dedicated=monitoring:NoSchedule" */
  notes?: string[];
}

export interface ReportZone {
  name: string;
  /** Nodes holding at least one stack pod, shown one by one. */
  nodes: ReportNode[];
  /** Nodes of this zone without stack pods, shown as one count so that 5,000 nodes stay readable. */
  idleNodes: number;
}

export interface ReportScenario {
  id: string;
  kind: "node" | "zone" | "drain" | "upgrade";
  target: string;
  cells: Array<{ component: string; status: Status; reason: string }>;
}

export interface ReportFinding {
  rule: string;
  severity: "error" | "warning" | "info";
  object: { kind: string; name: string; namespace?: string };
  file: string;
  line: number;
  message: string;
  fix: string;
}

/** One ServiceMonitor or PodMonitor: what it scrapes and how. */
export interface ReportTarget {
  /** The workload it reaches (node-exporter, prometheus, …), or the monitor's name for a cluster endpoint. */
  component: string;
  /** e.g. "ServiceMonitor → Service → DaemonSet", "ServiceMonitor → Service → cluster endpoint in kube-system". */
  how: string;
  /** `namespace/name` of the monitor. */
  monitor: string;
  /** Endpoint ports (and paths), comma separated. */
  ports: string;
  /** The series a cluster target adds, per node or per pod; empty for the stack's own components. */
  series: string;
}

export interface ReportAlert {
  name: string;
  severity: string;
  summary: string;
  /** The rule's `for`, empty when it fires at once. */
  for: string;
  /** `namespace/PrometheusRule: group`. */
  group: string;
}

export interface ReportDashboard {
  title: string;
  /** The ConfigMap key it is provisioned from. */
  file: string;
  configMap: string;
}

/** A DaemonSet: one pod per eligible node, shown as one line rather than a chip on every node. */
export interface ReportDaemonSet {
  name: string;
  component: string;
  eligible: number;
  placed: number;
}

/** What the hard constraints guarantee for one replica set, whatever the scheduler's soft choices. */
export type WorstCaseSpread = "zones" | "nodes" | "none" | "single-replica";

export interface ReportModel {
  title: string;
  /** What was analysed, e.g. "hamon.yaml (phase 4)" or "manifests/ on nodes.yaml". */
  subject: string;
  verdict: { ok: boolean; text: string };
  components: string[];
  zones: ReportZone[];
  daemonSets: ReportDaemonSet[];
  unplaced: Array<{ pod: string; component: string; reason: string }>;
  scenarios: ReportScenario[];
  worstCase: Array<{ component: string; group: string; spread: WorstCaseSpread; detail: string }>;
  findings: ReportFinding[];
  sizing: Array<{ label: string; value: string }>;
  targets: ReportTarget[];
  alerts: ReportAlert[];
  dashboards: ReportDashboard[];
}
