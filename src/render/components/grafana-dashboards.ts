/**
 * Dashboards provisioned to Grafana from files: one ConfigMap per dashboard, projected together
 * into one read-only folder, and a provider file that tells Grafana to load that folder
 * (grafana.com/docs/grafana/latest/administration/provisioning/#dashboards). Grafana reads
 * provider files from `<provisioning>/dashboards/*.yaml`; the grafana/grafana image sets the
 * provisioning path to /etc/grafana/provisioning (GF_PATHS_PROVISIONING, Grafana's Dockerfile).
 * ConfigMap and projected volumes are allowed under Pod Security "restricted" and are mounted
 * read-only, which suits Grafana's read-only root filesystem: provisioning only reads them.
 *
 * Beside them, the recording rules the dashboards read (dashboards/recording-rules.ts), as a
 * PrometheusRule that the Prometheus CR selects like every other (`ruleSelector: {}`).
 *
 * grafana.ts calls this and adds the objects, volumes and mounts to the Grafana it renders.
 */
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import type { IVolume, IVolumeMount } from "kubernetes-models/v1";
import { PrometheusRule } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule";
import { stringify } from "yaml";
import type { Spec } from "../../spec/schema.js";
import type { StackSizing } from "../../sizing/size-stack.js";
import type { Manifest } from "../manifest.js";
import { componentLabels, stackNames } from "../stack-facts.js";
import { renderedDashboards } from "./dashboards/index.js";
import { DASHBOARD_RULES_NAME, dashboardRecordingRuleGroups } from "./dashboards/recording-rules.js";

/** Where the dashboards' JSON files appear in the Grafana container. */
export const DASHBOARDS_DIR = "/etc/grafana/dashboards/hamon";
export const DASHBOARD_PROVIDERS_DIR = "/etc/grafana/provisioning/dashboards";
/** The Grafana folder the dashboards appear in. */
export const DASHBOARDS_FOLDER = "hamon";

/**
 * The tightest size limit a dashboard ConfigMap meets: `kubectl apply` (client-side) copies the
 * whole object into the kubectl.kubernetes.io/last-applied-configuration annotation, and an
 * object's annotations may hold 256 KiB in all (kubernetes apimachinery
 * pkg/api/validation/objectmeta.go, TotalAnnotationSizeLimitB), below ConfigMap's own 1 MiB
 * (kubernetes.io/docs/concepts/configuration/configmap/).
 */
export const DASHBOARD_CONFIGMAP_LIMIT_BYTES = 256 * 1024;

export interface GrafanaDashboardProvisioning {
  objects: Manifest[];
  volumes: IVolume[];
  volumeMounts: IVolumeMount[];
}

/** The provider file: load every JSON file of DASHBOARDS_DIR into one folder, read-only in the UI. */
export function dashboardProvider() {
  return {
    apiVersion: 1,
    providers: [
      {
        name: "hamon",
        orgId: 1,
        folder: DASHBOARDS_FOLDER,
        type: "file",
        // The files are the truth: edits in the UI would be lost at the next render anyway.
        allowUiUpdates: false,
        disableDeletion: true,
        updateIntervalSeconds: 60,
        options: { path: DASHBOARDS_DIR, foldersFromFilesStructure: false },
      },
    ],
  };
}

const configMapName = (file: string) => `grafana-dashboard-${file.replace(/\.json$/, "")}`;

export function grafanaDashboardProvisioning(spec: Spec, sizing: StackSizing): GrafanaDashboardProvisioning {
  const dashboards = renderedDashboards(spec, sizing);
  if (dashboards.length === 0) return { objects: [], volumes: [], volumeMounts: [] };
  const names = stackNames(spec);
  const ns = names.namespace;
  const labels = componentLabels("grafana", names.grafana);
  const providerName = "grafana-dashboard-provider";
  const objects: Manifest[] = [
    new ConfigMap({
      metadata: { name: providerName, namespace: ns, labels },
      data: { "dashboards.yaml": stringify(dashboardProvider()) },
    }),
  ];
  for (const { file, dashboard } of dashboards) {
    const configMap = new ConfigMap({
      metadata: { name: configMapName(file), namespace: ns, labels },
      data: { [file]: `${JSON.stringify(dashboard, null, 2)}\n` },
    });
    const size = Buffer.byteLength(JSON.stringify(configMap.toJSON()));
    if (size > DASHBOARD_CONFIGMAP_LIMIT_BYTES)
      throw new Error(`hamon bug: dashboard ConfigMap ${configMapName(file)} is ${size} bytes, over the apply limit`);
    objects.push(configMap);
  }
  const groups = dashboardRecordingRuleGroups(spec);
  if (groups.length > 0) {
    objects.push(
      new PrometheusRule({
        metadata: { name: DASHBOARD_RULES_NAME, namespace: ns, labels },
        spec: { groups },
      }),
    );
  }
  return {
    objects,
    volumes: [
      { name: "dashboard-provider", configMap: { name: providerName } },
      // One folder from several ConfigMaps: each keeps its own 1 MiB budget.
      {
        name: "dashboards",
        projected: { sources: dashboards.map(({ file }) => ({ configMap: { name: configMapName(file) } })) },
      },
    ],
    volumeMounts: [
      { name: "dashboard-provider", mountPath: DASHBOARD_PROVIDERS_DIR, readOnly: true },
      { name: "dashboards", mountPath: DASHBOARDS_DIR, readOnly: true },
    ],
  };
}
