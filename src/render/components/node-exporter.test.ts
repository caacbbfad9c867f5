import { describe, expect, it } from "vitest";
import { exampleStack } from "../../../test/support/example-stack.js";
import { checkPodSecurity } from "../../podsecurity/check-pod-security.js";
import { podsOfObject } from "../../podsecurity/pods-of-object.js";
import { runAudit } from "../../audit/run-audit.js";
import { IGNORE_ANNOTATION } from "../../vocabulary.js";
import { NODE_EXPORTER } from "../../upstream/cluster-targets.js";

const { view, inventory } = exampleStack();
const daemonSet = view.byKind("DaemonSet").find((d) => d.metadata.name === "node-exporter")!;
const pod = daemonSet.spec.template.spec;
const namespace = view.byKind("Namespace").find((n) => n.metadata.name === daemonSet.metadata.namespace)!;

describe("node-exporter", () => {
  it("runs in its own namespace, the one at Pod Security privileged, because baseline forbids what it needs", () => {
    expect(daemonSet.metadata.namespace).not.toBe(view.spec.namespace);
    expect(namespace.metadata.labels["pod-security.kubernetes.io/enforce"]).toBe("privileged");
    const stackNamespace = view.byKind("Namespace").find((n) => n.metadata.name === view.spec.namespace)!;
    expect(stackNamespace.metadata.labels["pod-security.kubernetes.io/enforce"]).toBe("restricted");
    // Baseline refuses it for the host namespaces and the hostPath volume, and for nothing else.
    const [podUnderCheck] = podsOfObject(daemonSet);
    const refused = new Set(checkPodSecurity(podUnderCheck!, "baseline").map((v) => v.control));
    expect([...refused].sort()).toEqual(["hostNamespaces", "hostPathVolumes", "hostPorts"].sort());
  });

  it("needs the host read-only and nothing more: non-root, no escalation, no capabilities", () => {
    expect([pod.hostNetwork, pod.hostPID, pod.hostIPC]).toEqual([true, true, undefined]);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 65534 });
    const [container] = pod.containers;
    expect(container.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"] },
    });
    expect(container.securityContext.privileged).toBeUndefined();
    expect(container.volumeMounts).toEqual([
      expect.objectContaining({ mountPath: NODE_EXPORTER.hostRootMount, readOnly: true }),
    ]);
    expect(pod.automountServiceAccountToken).toBe(false);
  });

  it("runs on every node: tolerates every taint, selects no node, and has a PriorityClass that exists", () => {
    expect(pod.tolerations).toEqual([{ operator: "Exists" }]);
    expect(pod.nodeSelector).toBeUndefined();
    expect(pod.affinity).toBeUndefined();
    const classes = view.byKind("PriorityClass").map((c) => c.metadata.name);
    expect(classes).toContain(pod.priorityClassName);
  });

  it("passes hamon's audit: the baseline finding is suppressed on it with its reason, and nothing else is raised", () => {
    expect(daemonSet.metadata.annotations[IGNORE_ANNOTATION]).toBe("HAMON-PSS-001");
    const result = runAudit(inventory);
    const onIt = (f: { object: { name: string } }) => f.object.name === "node-exporter";
    expect(result.findings.filter(onIt)).toEqual([]);
    expect(result.suppressed.filter(onIt).map((f) => [f.rule, f.reason?.includes("hostNetwork")])).toEqual([
      ["HAMON-PSS-001", true],
    ]);
  });

  it("is scraped per node through a headless Service, with the node's name as instance", () => {
    const service = view.byKind("Service").find((s) => s.metadata.name === "node-exporter")!;
    expect(service.spec.clusterIP).toBe("None");
    const monitor = view.byKind("ServiceMonitor").find((m) => m.metadata.name === "node-exporter")!;
    expect(monitor.spec.endpoints[0].relabelings).toEqual([
      { sourceLabels: ["__meta_kubernetes_pod_node_name"], targetLabel: "instance" },
    ]);
    expect(pod.containers[0].ports).toEqual([
      { name: "metrics", containerPort: NODE_EXPORTER.port, hostPort: NODE_EXPORTER.port, protocol: "TCP" },
    ]);
  });
});
