/**
 * Grafana, several replicas on one shared database (its remote cache there too, or in Redis when enabled), with
 * unified alerting in HA mode: replicas gossip over a headless Service on 9094 TCP+UDP so that
 * each notification goes out once (grafana.com/docs/grafana/latest/alerting/set-up/configure-high-availability/).
 * Every credential comes from a Secret by reference.
 */
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { Service } from "kubernetes-models/v1/Service";
import type { IEnvVar } from "kubernetes-models/v1";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { stringify } from "yaml";
import type { Spec } from "../../spec/schema.js";
import type { StackSizing } from "../../sizing/size-stack.js";
import { oneAtATimePdb, serviceMonitor } from "./common-objects.js";
import type { ComponentRender } from "../manifest.js";
import { podPlacement } from "../scheduling.js";
import { GRAFANA_UID, restrictedContainerSecurity, restrictedPodSecurity } from "../security.js";
import { componentLabels, selectorLabels, stackNames } from "../stack-facts.js";
import { podResources } from "./resources.js";
import { DEFAULT_PORTS } from "../../upstream/ports.js";
import { THANOS_DATASOURCE } from "./dashboards/datasource.js";
import { grafanaDashboardProvisioning } from "./grafana-dashboards.js";
import {
  grafanaCacheEnv,
  grafanaDatabaseCa,
  grafanaDatabaseEnv,
  grafanaOAuthEnv,
  grafanaSecretKeyEnv,
  grafanaServerEnv,
  secretEnv,
} from "./grafana-env.js";
import { renderGrafanaWayIn } from "./grafana-way-in.js";
import { VERSIONS } from "../../upstream/versions.js";

/** The datasource Grafana is provisioned with: Thanos through the Query Frontend. */
export function grafanaDatasources(spec: Spec) {
  const names = stackNames(spec);
  return {
    apiVersion: 1,
    datasources: [
      {
        name: THANOS_DATASOURCE.name,
        uid: THANOS_DATASOURCE.uid,
        type: THANOS_DATASOURCE.type,
        access: "proxy",
        isDefault: true,
        url: `http://${names.serviceDns(names.thanosQueryFrontend)}:${DEFAULT_PORTS.thanosHttp}`,
        jsonData: {
          prometheusType: "Thanos",
          prometheusVersion: spec.thanos.version.replace(/^v/, ""),
          timeInterval: spec.workload.scrapeInterval.toString(),
          // Thanos Query merges the HA replicas that differ only in the replica label; asking
          // for it explicitly keeps dashboards free of duplicate series whatever the querier's
          // default (thanos.io/tip/components/query.md#deduplication).
          customQueryParameters: "dedup=true&partial_response=true",
        },
      },
    ],
  };
}

export const GRAFANA_INI = `[server]
http_port = ${DEFAULT_PORTS.grafanaHttp}

[analytics]
reporting_enabled = false
check_for_updates = false

[users]
allow_sign_up = false

[unified_alerting]
enabled = true
ha_peer_timeout = 15s
`;

export function renderGrafana(spec: Spec, sizing: StackSizing): ComponentRender {
  const names = stackNames(spec);
  const name = names.grafana;
  const ns = names.namespace;
  const labels = componentLabels("grafana", name);
  const selector = selectorLabels("grafana", name);
  const dashboards = grafanaDashboardProvisioning(spec, sizing);
  const alertingPeers = `${names.serviceDns(names.grafanaAlertingPeers)}:${DEFAULT_PORTS.grafanaAlertingHa}`;
  const databaseCa = grafanaDatabaseCa(spec);
  const env: IEnvVar[] = [
    { name: "POD_IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } },
    secretEnv("GF_SECURITY_ADMIN_USER", spec.grafana.adminSecretName, "admin-user"),
    secretEnv("GF_SECURITY_ADMIN_PASSWORD", spec.grafana.adminSecretName, "admin-password"),
    ...grafanaSecretKeyEnv(spec),
    ...grafanaServerEnv(spec),
    ...grafanaOAuthEnv(spec),
    ...grafanaDatabaseEnv(spec, names),
    ...grafanaCacheEnv(spec, names),
    { name: "GF_UNIFIED_ALERTING_HA_PEERS", value: alertingPeers },
    { name: "GF_UNIFIED_ALERTING_HA_LISTEN_ADDRESS", value: `$(POD_IP):${DEFAULT_PORTS.grafanaAlertingHa}` },
    { name: "GF_UNIFIED_ALERTING_HA_ADVERTISE_ADDRESS", value: `$(POD_IP):${DEFAULT_PORTS.grafanaAlertingHa}` },
  ];
  return {
    component: "grafana",
    objects: [
      new ConfigMap({
        metadata: { name: "grafana-config", namespace: ns, labels },
        data: { "grafana.ini": GRAFANA_INI },
      }),
      new ConfigMap({
        metadata: { name: "grafana-datasources", namespace: ns, labels },
        data: { "datasources.yaml": stringify(grafanaDatasources(spec)) },
      }),
      new Deployment({
        metadata: { name, namespace: ns, labels },
        spec: {
          replicas: spec.grafana.replicas,
          selector: { matchLabels: selector },
          template: {
            metadata: { labels },
            spec: {
              automountServiceAccountToken: false,
              securityContext: restrictedPodSecurity(GRAFANA_UID),
              ...podPlacement(spec, "grafana", selector),
              containers: [
                {
                  name: "grafana",
                  image: `${VERSIONS.grafana.image}:${spec.grafana.version}`,
                  env,
                  ports: [
                    { name: "http", containerPort: DEFAULT_PORTS.grafanaHttp },
                    { name: "alerting-tcp", containerPort: DEFAULT_PORTS.grafanaAlertingHa, protocol: "TCP" },
                    { name: "alerting-udp", containerPort: DEFAULT_PORTS.grafanaAlertingHa, protocol: "UDP" },
                  ],
                  // /api/health answers 503 when Grafana cannot query its database
                  // (grafana.com/docs/grafana/latest/developers/http_api/other/#health-api;
                  // grafana pkg/api/health.go): right for readiness, which only takes a pod out of the
                  // Service, wrong for liveness, which would restart every replica at once during a
                  // database switchover. Liveness asks only that the HTTP server accepts connections;
                  // the startup probe gives a first start or an upgrade 5 minutes for its migrations.
                  startupProbe: { tcpSocket: { port: "http" }, periodSeconds: 10, failureThreshold: 30 },
                  readinessProbe: { httpGet: { path: "/api/health", port: "http" }, periodSeconds: 10 },
                  livenessProbe: { tcpSocket: { port: "http" }, periodSeconds: 10, failureThreshold: 6 },
                  resources: podResources(sizing.grafana.resources),
                  securityContext: restrictedContainerSecurity(),
                  volumeMounts: [
                    { name: "config", mountPath: "/etc/grafana/grafana.ini", subPath: "grafana.ini", readOnly: true },
                    { name: "datasources", mountPath: "/etc/grafana/provisioning/datasources", readOnly: true },
                    { name: "data", mountPath: "/var/lib/grafana" },
                    { name: "tmp", mountPath: "/tmp" },
                    ...dashboards.volumeMounts,
                    ...databaseCa.volumeMounts,
                  ],
                },
              ],
              volumes: [
                { name: "config", configMap: { name: "grafana-config" } },
                { name: "datasources", configMap: { name: "grafana-datasources" } },
                // Dashboards, users and alert state live in PostgreSQL: the local dir holds only plugins and scratch.
                { name: "data", emptyDir: {} },
                { name: "tmp", emptyDir: {} },
                ...dashboards.volumes,
                ...databaseCa.volumes,
              ],
            },
          },
        },
      }),
      new Service({
        metadata: { name, namespace: ns, labels },
        spec: { selector, ports: [{ name: "http", port: DEFAULT_PORTS.grafanaHttp, targetPort: "http" }] },
      }),
      // Peers find each other through this headless Service, ready or not, as the Grafana HA docs ask.
      new Service({
        metadata: { name: names.grafanaAlertingPeers, namespace: ns, labels },
        spec: {
          clusterIP: "None",
          publishNotReadyAddresses: true,
          selector,
          ports: [
            {
              name: "alerting-tcp",
              port: DEFAULT_PORTS.grafanaAlertingHa,
              targetPort: "alerting-tcp",
              protocol: "TCP",
            },
            {
              name: "alerting-udp",
              port: DEFAULT_PORTS.grafanaAlertingHa,
              targetPort: "alerting-udp",
              protocol: "UDP",
            },
          ],
        },
      }),
      ...renderGrafanaWayIn(spec),
      oneAtATimePdb({ name, namespace: ns, labels }, selector),
      serviceMonitor({ name, namespace: ns, labels }, selector, ["http"]),
      ...dashboards.objects,
    ],
  };
}
