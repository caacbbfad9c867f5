/** HAMON-NETPOL-003. Its documentation (what, why, sources, severity, fix) is the fields below; `npm run docs` renders it. */
import type { Rule, RuleFinding } from "../rule.js";
import { flowAnalysisOf } from "./_netpol.js";

export const netpolNoDefaultDeny: Rule = {
  id: "HAMON-NETPOL-003",
  severity: "warning",
  title: "Namespace with workloads but no default-deny NetworkPolicy",
  what:
    "A namespace of the input whose pods are not all isolated by a default-deny policy (the direction in " +
    "policyTypes, no rule for it), for ingress, egress or both. The deny is judged by the pods it selects: " +
    "`podSelector: {}`, or a narrower selector that every pod of the namespace in the input matches (one or " +
    "several such policies together). Reported on the Namespace object when the " +
    "input has it, else on the namespace's first NetworkPolicy (where a default deny belongs), else on its first " +
    "workload.",
  why:
    '"By default, a pod is non-isolated for egress [and ingress]; all connections are allowed." Without a ' +
    "default deny, a pod that no policy selects — one added later, or whose labels drifted from the policies' " +
    "selectors — accepts and opens any connection, and the per-component policies protect only the pods they " +
    "happen to select.",
  sources: [
    {
      title: "Kubernetes: Network Policies, default policies",
      url: "https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-policies",
    },
  ],
  severityReason: "Warning: nothing breaks; the isolation rests on every pod being selected by some policy.",
  fix: "Add a NetworkPolicy with `podSelector: {}`, `policyTypes: [Ingress, Egress]` and no rules to the namespace, then allow each needed flow (`hamon audit --flows` lists them).",
  check(inv) {
    const a = flowAnalysisOf(inv);
    const out: RuleFinding[] = [];
    for (const m of a.withoutDefaultDeny) {
      const object =
        inv.objects.find((o) => o.ref.kind === "Namespace" && o.ref.name === m.namespace) ??
        inv.networkPolicies.find((o) => (o.ref.namespace ?? "default") === m.namespace) ??
        inv.podGroups.find((g) => g.namespace === m.namespace)?.owner;
      if (!object) continue;
      out.push({
        object,
        message: `namespace ${m.namespace} has ${m.pods} workload(s) but no default deny for ${m.missing.join(" and ")}: a pod no policy selects accepts${m.missing.includes("Egress") ? " and opens" : ""} any connection`,
      });
    }
    return out;
  },
};
