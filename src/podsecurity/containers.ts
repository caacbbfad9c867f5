/**
 * Every container of a pod with its field path: containers, initContainers and
 * ephemeralContainers, as pod-security-admission's visitContainers walks them
 * (staging/src/k8s.io/pod-security-admission/policy/visitor.go).
 */
import type { IContainer } from "kubernetes-models/v1";
import type { PodUnderCheck } from "./model.js";

export interface ContainerAt {
  container: Partial<IContainer>;
  /** e.g. `spec.template.spec.initContainers[0]`. */
  path: string;
}

export function podContainers(pod: PodUnderCheck): ContainerAt[] {
  const out: ContainerAt[] = [];
  for (const field of ["containers", "initContainers", "ephemeralContainers"] as const) {
    (pod.spec[field] ?? []).forEach((container, i) =>
      out.push({ container: container as Partial<IContainer>, path: `${pod.specPath}.${field}[${i}]` }),
    );
  }
  return out;
}

/** A value as a violation shows it: JSON, or `unset`. */
export function shown(value: unknown): string {
  return value === undefined || value === null ? "unset" : JSON.stringify(value);
}
