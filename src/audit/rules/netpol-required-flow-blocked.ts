/** HAMON-NETPOL-001. Its documentation (what, why, sources, severity, fix) is the fields below; `npm run docs` renders it. */
import { blockingSides } from "../../netpol/required/flow-analysis.js";
import { describeDestination, describeEnd, describePort } from "../../netpol/required/describe-required.js";
import type { Rule, RuleFinding } from "../rule.js";
import type { InventoryObject } from "../../inventory/model.js";
import type { Direction, NetworkPolicyObject } from "../../netpol/model.js";
import { deniesAllFor } from "../../netpol/default-deny.js";
import { wellFormedPolicy } from "../../netpol/well-formed-policy.js";
import { flowAnalysisOf, policyObject } from "./_netpol.js";

/** Whether a policy object denies every flow of a direction, read once per object (every blocked flow asks). */
const wellFormed = new WeakMap<InventoryObject, NetworkPolicyObject>();
function deniesAll(object: InventoryObject, direction: Direction): boolean {
  let policy = wellFormed.get(object);
  if (!policy) wellFormed.set(object, (policy = wellFormedPolicy(object.raw)));
  return deniesAllFor(policy, direction);
}

export const netpolRequiredFlowBlocked: Rule = {
  id: "HAMON-NETPOL-001",
  severity: "error",
  title: "A flow the stack needs is blocked by the NetworkPolicies",
  what:
    "The flows the components' own configuration asks for (src/netpol/required/: Thanos Query's `--endpoint`s, " +
    "the Query Frontend's downstream URL, Grafana's datasources, database, cache and HA peers, Prometheus' " +
    "Alertmanagers and scrape targets, Alertmanager gossip, cluster DNS, the API server, object storage, users " +
    "to Grafana), evaluated against the input's NetworkPolicies with Kubernetes semantics " +
    "(src/netpol/evaluate-flow.ts). The finding names both ends, the port, and the policies that isolate the " +
    "blocking side without allowing the flow; it is reported on the policy to change (the first isolating policy " +
    "that is not a default deny).",
  why:
    "A flow is allowed only when the source's egress and the destination's ingress both allow it. A flow a " +
    "component needs and the policies block does not happen: Query without a StoreAPI answers without that data, " +
    "Prometheus without its Alertmanagers sends no alert, Grafana without its database does not start, pods " +
    "without DNS resolve nothing.",
  sources: [
    {
      title: "Kubernetes: Network Policies",
      url: "https://kubernetes.io/docs/concepts/services-networking/network-policies/",
    },
    {
      title: "Kubernetes: Network Policies, NetworkPolicy and hostNetwork pods",
      url: "https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-and-hostnetwork-pods",
    },
  ],
  severityReason:
    "Error: the block is not a risk but a certainty once the policies are enforced; the function behind the flow " +
    "fails every time. Info when the verdict rests on what the input cannot show, and the message says what: an " +
    "end that is a hostNetwork pod (Kubernetes calls NetworkPolicy behaviour for them undefined, and most network " +
    "plugins do not isolate them), or a namespaceSelector over a namespace with no Namespace object in the input " +
    "(its labels are assumed absent).",
  fix: "Add an allow rule for this flow on the blocking side (egress of the source, ingress of the destination), selecting the peer by labels and the port shown.",
  check(inv) {
    const a = flowAnalysisOf(inv);
    const out: RuleFinding[] = [];
    const reported = new Set<string>();
    for (const j of a.blocked) {
      if (j.flow.anyOf) {
        if (reported.has(j.flow.anyOf)) continue;
        reported.add(j.flow.anyOf);
      }
      // The policies isolating each blocking side; the one to change is the first that is not a
      // default deny for that side's direction.
      const isolating = (
        [
          ["Ingress", j.verdict.ingress],
          ["Egress", j.verdict.egress],
        ] as const
      ).flatMap(([direction, s]) =>
        s.status === "blocked"
          ? s.isolatedBy.flatMap((id) => {
              const object = policyObject(inv, id);
              return object ? [{ object, direction }] : [];
            })
          : [],
      );
      const toChange = isolating.find((p) => !deniesAll(p.object, p.direction));
      const object = (toChange ?? isolating[0])?.object ?? j.flow.origin ?? inv.objects[0];
      if (!object) continue;
      const from = describeEnd(a.context, j.flow.from, j.flow);
      const to = describeDestination(a.context, j.flow);
      const alternatives = j.flow.anyOf?.startsWith("kubernetes-api")
        ? " (on 443 or 6443, IPv4 or IPv6: none is allowed)"
        : j.flow.anyOf
          ? " (over IPv4 or IPv6: neither is allowed)"
          : "";
      const doubts = [...new Set(j.verdict.uncertain)];
      out.push({
        object,
        ...(doubts.length > 0 ? { severity: "info" as const } : {}),
        message:
          doubts.length > 0
            ? `${from} → ${to} on ${describePort(j.flow)}${alternatives} may be blocked: ${blockingSides(j, a).join("; ")}. Uncertain: ${doubts.join("; ")}. Needed for ${j.flow.why}`
            : `${from} → ${to} on ${describePort(j.flow)}${alternatives} is blocked: ${blockingSides(j, a).join("; ")}. Needed for ${j.flow.why}`,
      });
    }
    return out;
  },
};
