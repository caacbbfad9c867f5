/**
 * Security contexts that meet Pod Security Standards "restricted"
 * (kubernetes.io/docs/concepts/security/pod-security-standards/#restricted): non-root,
 * no privilege escalation, all capabilities dropped, RuntimeDefault seccomp.
 */
import type { IPodSecurityContext, ISecurityContext } from "kubernetes-models/v1";

/** uid/gid 65534 ("nobody"): what the Prometheus, Alertmanager and Thanos images run as. */
export const NOBODY = 65534;
/** Grafana's image user (grafana.com/docs/grafana/latest/setup-grafana/installation/docker/#run-grafana-container-with-persistent-storage). */
export const GRAFANA_UID = 472;
/** The official Redis image's redis user. */
export const REDIS_UID = 999;

export function restrictedPodSecurity(uid: number): IPodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: uid,
    runAsGroup: uid,
    fsGroup: uid,
    seccompProfile: { type: "RuntimeDefault" },
  };
}

export function restrictedContainerSecurity(): ISecurityContext {
  return {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ["ALL"] },
    seccompProfile: { type: "RuntimeDefault" },
  };
}
