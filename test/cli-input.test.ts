/**
 * What hamon does with input it cannot analyse, and with input it must read as kubectl does:
 * each case runs the real CLI and checks its exit code and its one line on stderr.
 */
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./support/run-cli.js";
import { tempDirs } from "./support/temp-dirs.js";

const tempFolder = tempDirs("hamon-cli-input-");
const dir = tempFolder();
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const HELM_ERROR =
  'Error: INSTALLATION FAILED: execution error at (prom/templates/statefulset.yaml:12:4): "storage" is required\n';
const VALUES = file(
  "values.yaml",
  "replicaCount: 2\nimage:\n  repository: grafana/grafana\nservice: {type: ClusterIP}\n",
);
const EMPTY = file("empty.yaml", "");
const CONFIGMAP = file("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: shop}\n");
const APP = file(
  "app.yaml",
  "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  selector: {matchLabels: {app: web}}\n" +
    "  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: nginx:1.27}]}\n",
);
const NO_NODES = file("no-nodes.yaml", "apiVersion: v1\nkind: List\nitems: []\n");
const EMPTY_NODES = file("empty-nodes.yaml", "");
const TEMPLATE = file(
  "deployment.yaml",
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "grafana.fullname" . }}\n  labels:\n' +
    '    {{- include "grafana.labels" . | nindent 4 }}\nspec:\n  replicas: {{ .Values.replicas }}\n',
);
const BOMB = file(
  "bomb.yaml",
  "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n" +
    Array.from({ length: 9 }, (_, i) =>
      i === 0
        ? '  a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        : `  a${i}: &a${i} [${Array(9)
            .fill(`*a${i - 1}`)
            .join(",")}]\n`,
    ).join(""),
);

/** `kubectl get nodes -o yaml` as PyYAML writes it: one anchor per shared map, an alias for each reuse. */
function pyyamlNodeList(count: number): string {
  const items = Array.from({ length: count }, (_, i) => {
    const zone = ["a", "b", "c"][i % 3]!;
    // The built-in example's pool: its label and taint, so that its pods have somewhere to go.
    const labels =
      i < 3
        ? `&z${zone}\n      topology.kubernetes.io/zone: eu-west-1${zone}\n      hamon.io/pool: monitoring`
        : `*z${zone}`;
    const taints = i === 0 ? "&t\n    - {key: hamon.io/dedicated, value: monitoring, effect: NoSchedule}" : "*t";
    const allocatable = i === 0 ? "&r\n      cpu: '8'\n      memory: 32Gi\n      pods: '110'" : "*r";
    return (
      `- apiVersion: v1\n  kind: Node\n  metadata:\n    name: node-${i}\n    labels: ${labels}\n` +
      `  spec:\n    taints: ${taints}\n  status:\n    allocatable: ${allocatable}\n    capacity: *r\n`
    );
  });
  return `apiVersion: v1\nkind: List\nitems:\n${items.join("")}`;
}
const PYYAML_NODES = file("pyyaml-nodes.yaml", pyyamlNodeList(300));

interface Case {
  name: string;
  args: string[];
  stdin?: string;
  status: number;
  /** The start of stderr's last line (after `hamon: `), or a pattern it matches. */
  stderr: string | RegExp;
}

describe("input with nothing to analyse is refused (exit 2), never ✓ HA", () => {
  const html = join(dir, "report.html");
  const cases: Case[] = [
    {
      name: "audit of an empty stdin",
      args: ["audit", "-"],
      stdin: "",
      status: 2,
      stderr: "stdin: nothing to audit: found nothing on stdin, expected Kubernetes objects",
    },
    {
      name: "audit of a failed helm template's error message",
      args: ["audit", "-"],
      stdin: HELM_ERROR,
      status: 2,
      stderr: 'stdin:1: found an error message ("Error: INSTALLATION FAILED: execution error at',
    },
    {
      name: "audit of a one-line error message",
      args: ["audit", "-"],
      stdin: "Error: INSTALLATION FAILED\n",
      status: 2,
      stderr: 'stdin:1: nothing to audit: found an error message ("Error: INSTALLATION FAILED")',
    },
    {
      name: "audit of a Helm values file",
      args: ["audit", VALUES],
      status: 2,
      stderr: `${VALUES}:1: nothing to audit: found YAML without apiVersion and kind, with keys replicaCount, image, service`,
    },
    {
      name: "simulate --manifests of an empty file",
      args: ["simulate", "--manifests", EMPTY],
      status: 2,
      stderr: `${EMPTY}: nothing to analyse: found an empty file`,
    },
    {
      name: "simulate --manifests of an empty stdin",
      args: ["simulate", "--manifests", "-"],
      stdin: "",
      status: 2,
      stderr: "stdin: nothing to analyse: found nothing on stdin",
    },
    {
      name: "report --manifests of a values file and an empty file",
      args: ["report", "--manifests", VALUES, EMPTY, "--html", html],
      status: 2,
      stderr: `nothing to analyse: no Kubernetes object in 2 inputs: ${VALUES}:1 (YAML without apiVersion and kind`,
    },
    {
      name: "simulate --manifests of objects without a monitoring component",
      args: ["simulate", "--manifests", APP, CONFIGMAP],
      status: 2,
      stderr: `nothing to analyse: no monitoring component found in ${APP} ${CONFIGMAP} (Prometheus, Alertmanager, Thanos, Grafana`,
    },
    {
      name: "report --manifests of objects without a monitoring component",
      args: ["report", "--manifests", APP, "--html", html],
      status: 2,
      stderr: /nothing to analyse: no monitoring component found in .*, only 1 object: Deployment$/,
    },
  ];
  it.each(cases)("$name", ({ args, stdin, status, stderr }) => {
    const r = runCli(args, stdin !== undefined ? { input: stdin } : {});
    const last = r.stderr.trim().split("\n").at(-1) ?? "";
    expect(r.status, r.stderr).toBe(status);
    if (typeof stderr === "string") expect(last).toContain(`hamon: ${stderr}`);
    else expect(last).toMatch(stderr);
    expect(r.stdout).not.toContain("✓");
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(html)).toBe(false);
  });

  it("audit of objects without a monitoring component audits them and says so plainly (exit 0)", () => {
    const r = runCli(["audit", CONFIGMAP]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("1 objects in 1 file: 0 errors");
    expect(r.stderr).toBe(
      `hamon: no monitoring component found in ${CONFIGMAP} (Prometheus, Alertmanager, Thanos, Grafana, or Grafana's PostgreSQL and Redis; recognised by image name or the hamon.io/component label), only 1 object: ConfigMap; only the generic checks (pod security, network policies, inline secrets) apply\n`,
    );
  });
});

describe("node files: at least one node, errors at file:line (exit 2)", () => {
  const out = join(dir, "plan-out");
  const cases: Case[] = [
    {
      name: "simulate --nodes with an empty List",
      args: ["simulate", "--nodes", NO_NODES],
      status: 2,
      stderr: `${NO_NODES}:1: found a List with no items, expected at least one Node (kubectl get nodes -o yaml)`,
    },
    {
      name: "plan --nodes with an empty file",
      args: ["plan", "--nodes", EMPTY_NODES, "--out", out],
      status: 2,
      stderr: `${EMPTY_NODES}: found an empty file, expected at least one Node (kubectl get nodes -o yaml)`,
    },
    {
      name: "report --nodes with an empty List",
      args: ["report", "--nodes", NO_NODES, "--html", join(dir, "nodes.html")],
      status: 2,
      stderr: `${NO_NODES}:1: found a List with no items`,
    },
    {
      name: "simulate --nodes with a file that does not exist (was exit 3)",
      args: ["simulate", "--nodes", join(dir, "missing.yaml")],
      status: 2,
      stderr: `cannot read ${join(dir, "missing.yaml")}: no such file or folder`,
    },
    {
      name: "simulate --nodes with a folder (was exit 3)",
      args: ["simulate", "--nodes", dir],
      status: 2,
      stderr: `cannot read ${dir}: it is a folder, expected a file`,
    },
    {
      name: "simulate --nodes with a YAML syntax error",
      args: [
        "simulate",
        "--nodes",
        file("bad-nodes.yaml", "kind: NodeList\nitems:\n - kind: Node\n   metadata: {name: a\n"),
      ],
      status: 2,
      stderr: /bad-nodes\.yaml:5: YAML syntax error: /,
    },
  ];
  it.each(cases)("$name", ({ args, status, stderr }) => {
    const r = runCli(args);
    expect(r.status, r.stderr).toBe(status);
    expect(r.stderr.split("\n").filter(Boolean)).toHaveLength(1);
    if (typeof stderr === "string") expect(r.stderr).toContain(`hamon: ${stderr}`);
    else expect(r.stderr).toMatch(stderr);
    expect(existsSync(out)).toBe(false);
  });

  it("reads a PyYAML node list with hundreds of aliases (was an 'Excessive alias count' crash)", () => {
    const r = runCli(["simulate", "--nodes", PYYAML_NODES]);
    expect(r.stderr).toBe(
      `hamon: simulating the built-in example (phase 4) on the nodes of ${PYYAML_NODES} (300 nodes)\n`,
    );
    expect(r.status).toBe(0);
    // 19 pods: the example renders no Redis (grafana.redis.enabled is false).
    expect(r.stdout).toMatch(/^Placement: 19\/19 pods on \d+ nodes in 3 zones/m);
  });
});

describe("manifests read as kubectl reads them", () => {
  it("refuses an alias bomb at its line (exit 2), quickly", () => {
    const started = Date.now();
    const r = runCli(["audit", BOMB]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^hamon: ${BOMB}:8: excessive aliasing \\(an alias bomb\\?\\)`));
    expect(Date.now() - started).toBeLessThan(60_000);
  });

  it("refuses an unrendered Helm template at file:line with a hint to run helm template (exit 2)", () => {
    const r = runCli(["audit", TEMPLATE]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(`^hamon: ${TEMPLATE}:6: YAML syntax error: .*; the line holds a Go template action`),
    );
    expect(r.stderr).toContain("render it with `helm template` first");
  });

  it("audits symlinked YAML files and folders in a folder, each once", () => {
    const root = join(dir, "linked");
    mkdirSync(join(root, "base"), { recursive: true });
    symlinkSync(APP, join(root, "base", "app.yaml"));
    symlinkSync(join(root, "base"), join(root, "again")); // the same folder twice
    symlinkSync(root, join(root, "base", "loop")); // a loop
    const r = runCli(["audit", root, "--format", "json"]);
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { findings: Array<{ object: { name: string }; file: string }> };
    const files = new Set(report.findings.filter((f) => f.object.name === "web").map((f) => f.file));
    expect([...files]).toEqual([join(root, "again", "app.yaml")]);
  });

  it("expands YAML merge keys: a PodDisruptionBudget selects the pods whose labels come through <<", () => {
    const merged = file(
      "merged.yaml",
      [
        "apiVersion: apps/v1",
        "kind: Deployment",
        "metadata: {name: grafana, namespace: monitoring}",
        "spec:",
        "  replicas: 2",
        "  selector:",
        "    matchLabels: &selector {app.kubernetes.io/name: grafana}",
        "  template:",
        "    metadata:",
        "      labels: {<<: *selector, version: v11}",
        "    spec:",
        "      containers: [{name: grafana, image: grafana/grafana:11.1.0}]",
        "---",
        "apiVersion: policy/v1",
        "kind: PodDisruptionBudget",
        "metadata: {name: grafana, namespace: monitoring}",
        "spec:",
        "  maxUnavailable: 1",
        "  selector: {matchLabels: {app.kubernetes.io/name: grafana, version: v11}}",
        "",
      ].join("\n"),
    );
    const r = runCli(["audit", merged, "--format", "json"]);
    expect([0, 1]).toContain(r.status);
    const rules = (JSON.parse(r.stdout) as { findings: Array<{ rule: string }> }).findings.map((f) => f.rule);
    expect(rules).not.toContain("HAMON-PDB-003"); // the PDB selects the Deployment's pods
    expect(rules).not.toContain("HAMON-PDB-001"); // and the Deployment has its PDB
    expect(r.stderr).not.toContain("no monitoring component");
  });
});
