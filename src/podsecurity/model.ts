/**
 * Pod Security Standards (kubernetes.io/docs/concepts/security/pod-security-standards/): what is
 * checked (a pod spec, where it sits in its object) and what a violation says.
 */
import type { IPodSpec } from "kubernetes-models/v1";

export type PodSecurityLevel = "baseline" | "restricted";

/**
 * The controls, by the id pod-security-admission gives its check
 * (kubernetes/kubernetes staging/src/k8s.io/pod-security-admission/policy/check_*.go).
 */
export type ControlId =
  | "hostProcess"
  | "hostNamespaces"
  | "privileged"
  | "capabilities_baseline"
  | "hostPathVolumes"
  | "hostPorts"
  | "appArmorProfile"
  | "seLinuxOptions"
  | "procMount"
  | "seccompProfile_baseline"
  | "sysctls"
  | "restrictedVolumes"
  | "allowPrivilegeEscalation"
  | "runAsNonRoot"
  | "runAsUser"
  | "seccompProfile_restricted"
  | "capabilities_restricted";

/** A pod spec as parsed YAML: every field optional (an Operator CR's spec carries only some). */
export type PodSpecLike = Partial<IPodSpec>;

export interface PodUnderCheck {
  spec: PodSpecLike;
  /** The pod's annotations (AppArmor's legacy per-container annotations live here). */
  annotations?: Record<string, string>;
  /** Where the spec sits in its object, e.g. `spec.template.spec` or `spec` (for a Pod or an Operator CR). */
  specPath: string;
  /** Where the annotations sit, e.g. `spec.template.metadata.annotations`. */
  annotationsPath?: string;
  /**
   * Containers the pod will have that are not written here (an Operator CR: the operator
   * generates them), named for messages. They are taken to leave runAsNonRoot and seccompProfile
   * unset, so the pod level must set both for "restricted".
   */
  generatedContainers?: string;
}

export interface PodSecurityViolation {
  control: ControlId;
  /** The lowest level that forbids it. */
  level: PodSecurityLevel;
  /** Full field path in the object, e.g. `spec.template.spec.containers[1].securityContext.allowPrivilegeEscalation`. */
  path: string;
  /** What is there (`unset` when the field is missing). */
  found: string;
  /** What the level allows. */
  expected: string;
}

export interface PodSecurityControl {
  id: ControlId;
  level: PodSecurityLevel;
  /** Skipped for pods with `spec.os.name: windows` (pod-security-admission ≥ 1.25 does so for these Linux-only controls). */
  linuxOnly?: boolean;
  check(pod: PodUnderCheck): PodSecurityViolation[];
}
