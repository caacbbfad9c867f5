/** Pod Security findings for an inventory: one per object and level, listing every violation with its field path. */
import type { Inventory } from "../../inventory/model.js";
import { checkPodSecurity } from "../../podsecurity/check-pod-security.js";
import type { PodSecurityLevel, PodUnderCheck } from "../../podsecurity/model.js";
import { wellFormedPod } from "../../podsecurity/well-formed-pod.js";
import type { RuleFinding } from "../rule.js";

export function podSecurityFindings(
  inv: Inventory,
  level: PodSecurityLevel,
  podsOf: (object: Record<string, unknown>) => PodUnderCheck[],
): RuleFinding[] {
  const out: RuleFinding[] = [];
  for (const object of inv.objects) {
    for (const pod of podsOf(object.raw).map(wellFormedPod)) {
      // Each violation belongs to the lowest level that forbids it: baseline's to PSS-001, the rest to PSS-002.
      const violations = checkPodSecurity(pod, level).filter((v) => v.level === level);
      if (violations.length === 0) continue;
      out.push({
        object,
        message: `violates "${level}" (${violations.length}): ${violations.map((v) => `${v.path} is ${v.found}, expected ${v.expected}`).join("; ")}`,
      });
    }
  }
  return out;
}

/** Where both Pod Security rules take their levels from. */
export const POD_SECURITY_SOURCES = [
  {
    title: "Kubernetes: Pod Security Standards",
    url: "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
  },
  {
    title: "Kubernetes: Pod Security Admission",
    url: "https://kubernetes.io/docs/concepts/security/pod-security-admission/",
  },
];
