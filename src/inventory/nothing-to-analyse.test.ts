import { describe, expect, it } from "vitest";
import { readInventory } from "./read-inventory.js";
import { noMonitoringComponent, NothingToAnalyseError, requireKubernetesObjects } from "./nothing-to-analyse.js";
import { InputError } from "../errors.js";

const refusal = (inputs: Array<{ file: string; text: string }>): string => {
  try {
    requireKubernetesObjects(readInventory(inputs), inputs, "audit");
  } catch (e) {
    expect(e).toBeInstanceOf(NothingToAnalyseError);
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  return "(accepted)";
};

describe("input with no Kubernetes object", () => {
  // Each case: what the input holds → the one line that refuses it.
  it.each([
    [
      "an empty stdin",
      "-",
      "",
      "stdin: nothing to audit: found nothing on stdin, expected Kubernetes objects (YAML or JSON with apiVersion and kind); did the command before the pipe fail? helm and kubectl print their errors on stderr",
    ],
    ["an empty file", "e.yaml", "\n\n", "e.yaml: nothing to audit: found an empty file, expected Kubernetes objects"],
    ["only comments", "c.yaml", "# nothing\n---\n", "c.yaml: nothing to audit: found only comments"],
    [
      "an error message that parses as YAML",
      "-",
      "Error: INSTALLATION FAILED\n",
      'stdin:1: nothing to audit: found an error message ("Error: INSTALLATION FAILED"), expected Kubernetes objects (YAML or JSON with apiVersion and kind); fix the command that produced it first',
    ],
    [
      "a Helm values file",
      "values.yaml",
      "# defaults\nreplicaCount: 2\nimage: {repository: nginx}\nservice: {}\nresources: {}\nnodeSelector: {}\n",
      "values.yaml:2: nothing to audit: found YAML without apiVersion and kind, with keys replicaCount, image, service, resources, …, expected Kubernetes objects (YAML or JSON with apiVersion and kind); a Helm values file? Render the chart with `helm template` and read its output",
    ],
    ["plain text", "t.yaml", "just some words\n", 't.yaml:1: nothing to audit: found plain text ("just some words")'],
    ["a YAML list", "l.yaml", "- a\n- b\n", "l.yaml:1: nothing to audit: found a YAML list"],
    [
      "an empty List",
      "k.yaml",
      "apiVersion: v1\nkind: List\nitems: []\n",
      "k.yaml:1: nothing to audit: found a List with no items",
    ],
  ])("refuses %s, saying what it holds", (_, file, text, message) => {
    const refused = refusal([{ file, text }]);
    expect(refused.startsWith(message), refused).toBe(true);
  });

  it("names each input when there are several, up to three", () => {
    const inputs = ["a", "b", "c", "d"].map((n) => ({ file: `${n}.yaml`, text: "" }));
    expect(refusal(inputs)).toBe(
      "nothing to audit: no Kubernetes object in 4 inputs: a.yaml (an empty file), b.yaml (an empty file), c.yaml (an empty file) and 1 more; expected Kubernetes objects (YAML or JSON with apiVersion and kind)",
    );
  });

  it("accepts any Kubernetes object", () => {
    expect(
      refusal([
        { file: "-", text: "" },
        { file: "cm.yaml", text: "kind: ConfigMap\nmetadata: {name: a}\n" },
      ]),
    ).toBe("(accepted)");
  });
});

describe("objects without a monitoring component", () => {
  const deployment = (name: string, image: string) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}}\nspec:\n  selector: {matchLabels: {app: ${name}}}\n  template:\n    metadata: {labels: {app: ${name}}}\n    spec: {containers: [{name: c, image: "${image}"}]}\n---\n`;

  it("says so, with what the input holds instead", () => {
    const text =
      deployment("web", "nginx:1.27") + deployment("api", "example/api") + "kind: ConfigMap\nmetadata: {name: c}\n";
    expect(noMonitoringComponent(readInventory([{ file: "app.yaml", text }]), "app.yaml")).toBe(
      "no monitoring component found in app.yaml (Prometheus, Alertmanager, Thanos, Grafana, or Grafana's PostgreSQL and Redis; recognised by image name or the hamon.io/component label), only 3 objects: Deployment ×2, ConfigMap",
    );
  });

  it("is silent when one workload is a component", () => {
    const text = deployment("web", "nginx:1.27") + deployment("grafana", "grafana/grafana:11.1.0");
    expect(noMonitoringComponent(readInventory([{ file: "app.yaml", text }]), "app.yaml")).toBeUndefined();
  });
});
