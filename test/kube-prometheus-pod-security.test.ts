/**
 * kube-prometheus' workloads (../shared/corpus/kube-prometheus) against Pod Security Standards,
 * with the result explained:
 * - node-exporter is "privileged" by design: it reads the host (hostNetwork, hostPID, hostPath
 *   / and /sys, hostPort 9100, and adds SYS_TIME);
 * - the Prometheus and Alertmanager CRs, and blackbox-exporter, meet "baseline" but not
 *   "restricted", for want of a seccomp profile only: the CRs' securityContext sets runAsNonRoot
 *   but no seccompProfile (and the operator's containers set none), and blackbox-exporter sets
 *   one on its kube-rbac-proxy container but not on its first two;
 * - every other Deployment meets "restricted".
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readManifests } from "./support/manifest-network-cluster.js";
import { checkPodSecurity, podSecurityLevelOf } from "../src/podsecurity/check-pod-security.js";
import { podsOfObject } from "../src/podsecurity/pods-of-object.js";

const CORPUS = fileURLToPath(new URL("../../shared/corpus/kube-prometheus", import.meta.url));
const present = existsSync(CORPUS);
if (!present)
  console.warn(
    `kube-prometheus Pod Security test skipped: ${CORPUS} is absent (the shared corpus is not part of a clone)`,
  );

describe.skipIf(!present)("kube-prometheus and Pod Security Standards", () => {
  const checked = (present ? readManifests(CORPUS) : []).flatMap((o) =>
    podsOfObject(o).map((pod) => ({ name: `${o.kind}/${o.metadata.name}`, pod })),
  );
  const levels = Object.fromEntries(checked.map((c) => [c.name, podSecurityLevelOf(c.pod)]));
  const violations = (name: string, level: "baseline" | "restricted") => {
    const c = checked.find((x) => x.name === name);
    if (!c) throw new Error(`${name} not in the corpus`);
    return checkPodSecurity(c.pod, level).map((v) => `${v.control} ${v.path}`);
  };

  it("gives each workload the level explained above", () => {
    expect(levels).toEqual({
      "Alertmanager/main": "baseline",
      "Deployment/blackbox-exporter": "baseline",
      "Deployment/grafana": "restricted",
      "Deployment/kube-state-metrics": "restricted",
      "DaemonSet/node-exporter": "privileged",
      "Prometheus/k8s": "baseline",
      "Deployment/prometheus-adapter": "restricted",
      "Deployment/prometheus-operator": "restricted",
    });
  });

  it("names node-exporter's host access, field by field", () => {
    expect(violations("DaemonSet/node-exporter", "baseline")).toEqual([
      "hostNamespaces spec.template.spec.hostNetwork",
      "hostNamespaces spec.template.spec.hostPID",
      "capabilities_baseline spec.template.spec.containers[0].securityContext.capabilities.add[0]",
      "hostPathVolumes spec.template.spec.volumes[0].hostPath",
      "hostPathVolumes spec.template.spec.volumes[1].hostPath",
      "hostPorts spec.template.spec.containers[1].ports[0].hostPort",
    ]);
  });

  it("misses only a seccomp profile for restricted, on the CRs' pod level and blackbox-exporter's containers", () => {
    expect(violations("Prometheus/k8s", "restricted")).toEqual([
      "seccompProfile_restricted spec.securityContext.seccompProfile.type",
    ]);
    expect(violations("Alertmanager/main", "restricted")).toEqual([
      "seccompProfile_restricted spec.securityContext.seccompProfile.type",
    ]);
    expect(violations("Deployment/blackbox-exporter", "restricted")).toEqual([
      "seccompProfile_restricted spec.template.spec.containers[0].securityContext.seccompProfile.type",
      "seccompProfile_restricted spec.template.spec.containers[1].securityContext.seccompProfile.type",
    ]);
  });
});
