/**
 * The pods an object describes, with the path of their spec in the object as written, so that a
 * violation's path points into it:
 * - the kinds that make pods: their template (src/k8s/pod-template.ts), e.g. `spec.template.spec`;
 * - Prometheus Operator CRs (Prometheus, PrometheusAgent, Alertmanager, ThanosRuler): the CR's
 *   `spec` carries the pod-level fields (securityContext, containers and initContainers merged
 *   into the operator's own, volumes, hostNetwork, hostUsers) and `spec.podMetadata.annotations`.
 *   The containers the operator generates itself are not in the CR: they are taken to leave
 *   runAsNonRoot and seccompProfile to the pod level (so the CR's securityContext must set both).
 *   A CR container named like a generated one is a strategic-merge patch onto it: the fields the
 *   operator sets on its own containers (src/upstream/prometheus-operator.ts) apply where the
 *   patch leaves them unset.
 */
import {
  GENERATED_CONTAINER_SECURITY,
  GENERATED_CONTAINERS,
  OPERATOR_POD_KINDS,
  type OperatorPodKind,
} from "../upstream/prometheus-operator.js";
import { podTemplatePath, podTemplateOf } from "../k8s/pod-template.js";
import type { PodSpecLike, PodUnderCheck } from "./model.js";

const isOperatorPodKind = (kind: unknown): kind is OperatorPodKind =>
  (OPERATOR_POD_KINDS as readonly unknown[]).includes(kind);

// Parsed YAML of any kind: each branch reads the fields its kind documents.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

/** The CR spec fields that mean what they mean in a PodSpec. */
const CR_POD_FIELDS = [
  "securityContext",
  "containers",
  "initContainers",
  "volumes",
  "hostNetwork",
  "hostUsers",
] as const;

/** A CR container patch with the operator's own security defaults under it. */
function withOperatorDefaults(container: Json, generated: readonly string[]): Json {
  if (!generated.includes(container?.name)) return container;
  const sc: Json = container.securityContext ?? {};
  return {
    ...container,
    securityContext: {
      ...sc,
      allowPrivilegeEscalation: sc.allowPrivilegeEscalation ?? GENERATED_CONTAINER_SECURITY.allowPrivilegeEscalation,
      capabilities: {
        ...sc.capabilities,
        drop: sc.capabilities?.drop ?? [...GENERATED_CONTAINER_SECURITY.dropCapabilities],
      },
    },
  };
}

export function podsOfObject(object: Json): PodUnderCheck[] {
  const kind = object?.kind;
  const path = podTemplatePath(kind);
  if (path !== undefined) {
    const t: Json = podTemplateOf(object) ?? {};
    const at = (field: string) => [...path, field].join(".");
    return [
      {
        spec: (t.spec ?? {}) as PodSpecLike,
        annotations: t.metadata?.annotations,
        specPath: at("spec"),
        annotationsPath: `${at("metadata")}.annotations`,
      },
    ];
  }
  if (isOperatorPodKind(kind)) {
    const spec: Json = {};
    for (const f of CR_POD_FIELDS) if (object.spec?.[f] !== undefined) spec[f] = object.spec[f];
    const generated = GENERATED_CONTAINERS[kind];
    for (const f of ["containers", "initContainers"] as const) {
      if (Array.isArray(spec[f])) spec[f] = spec[f].map((c: Json) => withOperatorDefaults(c, generated));
    }
    return [
      {
        spec: spec as PodSpecLike,
        annotations: object.spec?.podMetadata?.annotations,
        specPath: "spec",
        annotationsPath: "spec.podMetadata.annotations",
        generatedContainers: `the containers the Prometheus Operator generates for ${/^[AEIOU]/.test(kind) ? "an" : "a"} ${kind}`,
      },
    ];
  }
  return [];
}
