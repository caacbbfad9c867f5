/**
 * Where each kind that makes pods keeps its pod template (`metadata` and `spec` of the pods), as
 * a path of field names from the object's root (kubernetes.io/docs/concepts/workloads/controllers/,
 * the workload-resources API reference). A Pod is its own template.
 */
import { get } from "./json.js";

export const POD_TEMPLATE_PATH: Readonly<Record<string, readonly string[]>> = {
  Pod: [],
  Deployment: ["spec", "template"],
  StatefulSet: ["spec", "template"],
  DaemonSet: ["spec", "template"],
  ReplicaSet: ["spec", "template"],
  ReplicationController: ["spec", "template"],
  Job: ["spec", "template"],
  CronJob: ["spec", "jobTemplate", "spec", "template"],
};

/** The controllers that keep a set of pods running (a Job's pods end; a CronJob's come and go). */
export const LONG_RUNNING_CONTROLLERS: ReadonlySet<string> = new Set([
  "Deployment",
  "StatefulSet",
  "DaemonSet",
  "ReplicaSet",
  "ReplicationController",
]);

/** The path of the pod template of a kind, or undefined when the kind makes no pods. */
export function podTemplatePath(kind: unknown): readonly string[] | undefined {
  return typeof kind === "string" && Object.prototype.hasOwnProperty.call(POD_TEMPLATE_PATH, kind)
    ? POD_TEMPLATE_PATH[kind]
    : undefined;
}

/** The pod template of an object (any value as written), or undefined when its kind makes no pods. */
export function podTemplateOf(object: Record<string, unknown>): unknown {
  const path = podTemplatePath(object.kind);
  return path === undefined ? undefined : path.length === 0 ? object : get(object, ...path);
}
