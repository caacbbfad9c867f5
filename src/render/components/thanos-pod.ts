/**
 * The pod template every Thanos component shares: one `thanos` container with the grpc/http
 * ports, probes on Thanos' own /-/ready and /-/healthy endpoints
 * (thanos.io/tip/operating/...: every component serves them on --http-address), restricted security.
 */
import type { IContainer, IPodTemplateSpec, IVolume, IVolumeMount } from "kubernetes-models/v1";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import type { Spec } from "../../spec/schema.js";
import type { PodResources } from "../../sizing/size-stack.js";
import { podPlacement, type PodPlacement } from "../scheduling.js";
import { NOBODY, restrictedContainerSecurity, restrictedPodSecurity } from "../security.js";
import { DEFAULT_PORTS } from "../../upstream/ports.js";
import { podResources } from "./resources.js";
import { DEFAULT_IMAGES } from "../../upstream/prometheus-operator.js";

export interface ThanosPodOptions {
  labels: Record<string, string>;
  args: string[];
  resources: PodResources;
  placement: PodPlacement;
  grpc: boolean;
  volumes?: IVolume[];
  volumeMounts?: IVolumeMount[];
  env?: IContainer["env"];
}

export function thanosImage(spec: Spec): string {
  return `${DEFAULT_IMAGES.thanos}:${spec.thanos.version}`;
}

export function thanosPodTemplate(spec: Spec, o: ThanosPodOptions): IPodTemplateSpec {
  const probe = (path: string) => ({ httpGet: { path, port: "http" }, periodSeconds: 10, failureThreshold: 6 });
  return {
    metadata: { labels: o.labels },
    spec: {
      automountServiceAccountToken: false,
      securityContext: restrictedPodSecurity(NOBODY),
      ...o.placement,
      containers: [
        {
          name: "thanos",
          image: thanosImage(spec),
          args: o.args,
          ports: [
            ...(o.grpc ? [{ name: "grpc", containerPort: DEFAULT_PORTS.thanosGrpc }] : []),
            { name: "http", containerPort: DEFAULT_PORTS.thanosHttp },
          ],
          readinessProbe: probe("/-/ready"),
          livenessProbe: probe("/-/healthy"),
          resources: podResources(o.resources),
          securityContext: restrictedContainerSecurity(),
          ...(o.env ? { env: o.env } : {}),
          ...(o.volumeMounts ? { volumeMounts: o.volumeMounts } : {}),
        },
      ],
      ...(o.volumes ? { volumes: o.volumes } : {}),
    },
  };
}

export const OBJSTORE_VOLUME = "objstore-config";
export const OBJSTORE_MOUNT = "/etc/thanos/objstore";

/** Mounts the object-storage Secret (by reference) and names the file the flag points at. */
export function objstoreConfig(spec: Spec): { volume: IVolume; mount: IVolumeMount; flag: string } {
  return {
    volume: { name: OBJSTORE_VOLUME, secret: { secretName: spec.objectStorage.secretName } },
    mount: { name: OBJSTORE_VOLUME, mountPath: OBJSTORE_MOUNT, readOnly: true },
    flag: `--objstore.config-file=${OBJSTORE_MOUNT}/${spec.objectStorage.secretKey}`,
  };
}

export const HTTP_ADDRESS = `--http-address=0.0.0.0:${DEFAULT_PORTS.thanosHttp}`;
export const GRPC_ADDRESS = `--grpc-address=0.0.0.0:${DEFAULT_PORTS.thanosGrpc}`;

/** A stateless, replicated Thanos component (Query, Query Frontend), placed as COMPONENT_PLACEMENT says. */
export function replicatedThanosDeployment(
  spec: Spec,
  o: {
    component: "thanos-query" | "thanos-query-frontend";
    name: string;
    namespace: string;
    labels: Record<string, string>;
    selector: Record<string, string>;
    replicas: number;
  } & Pick<ThanosPodOptions, "args" | "resources" | "grpc">,
): Deployment {
  return new Deployment({
    metadata: { name: o.name, namespace: o.namespace, labels: o.labels },
    spec: {
      replicas: o.replicas,
      selector: { matchLabels: o.selector },
      template: thanosPodTemplate(spec, {
        labels: o.labels,
        args: o.args,
        resources: o.resources,
        grpc: o.grpc,
        placement: podPlacement(spec, o.component, o.selector),
      }),
    },
  });
}
