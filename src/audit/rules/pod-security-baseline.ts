/** HAMON-PSS-001. Its documentation (what, why, sources, severity, fix) is the fields below; `npm run docs` renders it. */
import { podsOfObject } from "../../podsecurity/pods-of-object.js";
import type { Rule } from "../rule.js";
import { podSecurityFindings, POD_SECURITY_SOURCES } from "./_pod-security.js";

export const podSecurityBaseline: Rule = {
  id: "HAMON-PSS-001",
  severity: "error",
  title: "Pod violates Pod Security Standards baseline",
  what:
    "Every pod template (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod) and the pod-level " +
    'fields of the Prometheus Operator CRs, checked against Pod Security Standards "baseline" as ' +
    "pod-security-admission does (src/podsecurity/); each violation with its field path, what is there and what " +
    "is allowed.",
  why:
    '"Baseline" is the "minimally restrictive policy which prevents known privilege escalations": host ' +
    "namespaces, privileged containers, hostPath volumes, host ports. A namespace labelled " +
    "`pod-security.kubernetes.io/enforce: baseline` — the level the docs suggest for most workloads, and the " +
    "default of several managed platforms — refuses such a pod outright.",
  sources: POD_SECURITY_SOURCES,
  severityReason:
    "Error: where baseline is enforced the pod is never created (its controller retries forever), so the " +
    "component is down from the first rollout; where it is not, the pod holds a known path to its node. An " +
    "exporter that must read the host (node-exporter) is a deliberate exception: run it in a namespace labelled " +
    "`privileged` and suppress with `hamon.io/ignore`.",
  fix: "Remove the host access (hostNetwork/hostPID/hostIPC, hostPath, hostPort, privileged, added capabilities) or, for a host exporter, run it in a namespace labelled pod-security.kubernetes.io/enforce: privileged and suppress with hamon.io/ignore.",
  check: (inv) => podSecurityFindings(inv, "baseline", podsOfObject),
};
