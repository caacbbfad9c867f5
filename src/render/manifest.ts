/**
 * What a render module produces: typed Kubernetes objects (kubernetes-models classes), each able
 * to validate itself against its Kubernetes or CRD schema.
 */
import type { ComponentName } from "./stack-facts.js";

export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata?: { name?: string; namespace?: string } | undefined;
  validate(): void;
  toJSON(): unknown;
}

export interface ComponentRender {
  component: ComponentName;
  objects: Manifest[];
}

/** A rendered object failed its schema: a bug in hamon, reported with the object and the schema's words. */
export class ManifestValidationError extends Error {
  constructor(component: ComponentName, object: Manifest, cause: unknown) {
    super(
      `hamon bug: rendered ${object.kind} "${object.metadata?.name}" (${component}) fails its schema: ${(cause as Error).message}`,
    );
    this.name = "ManifestValidationError";
  }
}

/**
 * @kubernetes-models/prometheus-operator 6.0 generates `storage.volumeClaimTemplate` as a
 * top-level kind that requires `apiVersion: monitoring.coreos.com/v1` and
 * `kind: EmbeddedPersistentVolumeClaim`; the CRD itself has both as optional free strings
 * (prometheus-operator example/prometheus-operator-crd). We validate a copy with those two
 * filled in and write the object without them.
 */
function withModelQuirksFilled(object: Manifest): Manifest {
  if (
    object.apiVersion !== "monitoring.coreos.com/v1" ||
    !["Prometheus", "Alertmanager", "ThanosRuler"].includes(object.kind)
  )
    return object;
  const json = structuredClone(object.toJSON()) as {
    spec?: { storage?: { volumeClaimTemplate?: Record<string, unknown> } };
  };
  const template = json.spec?.storage?.volumeClaimTemplate;
  if (!template) return object;
  template.apiVersion ??= "monitoring.coreos.com/v1";
  template.kind ??= "EmbeddedPersistentVolumeClaim";
  const Model = object.constructor as new (data: unknown) => Manifest;
  return new Model(json);
}

export function validateAll(renders: ComponentRender[]): void {
  for (const render of renders) {
    for (const object of render.objects) {
      try {
        withModelQuirksFilled(object).validate();
      } catch (e) {
        throw new ManifestValidationError(render.component, object, e);
      }
    }
  }
}
