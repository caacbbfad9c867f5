/**
 * A clustered Alertmanager via the Prometheus Operator. The operator wires the gossip peers
 * (`--cluster.peer` for every replica through the alertmanager-operated Service). Replicas ≥ 2,
 * 3 by default; an odd count is not needed: the cluster is AP and has no quorum
 * (github.com/prometheus/alertmanager#high-availability).
 */
import { Secret } from "kubernetes-models/v1/Secret";
import { Service } from "kubernetes-models/v1/Service";
import { Alertmanager } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/Alertmanager";
import { stringify } from "yaml";
import type { Spec } from "../../spec/schema.js";
import type { StackSizing } from "../../sizing/size-stack.js";
import { alertingSecrets, alertmanagerRouting } from "../alertmanager-config.js";
import { oneAtATimePdb, serviceMonitor } from "./common-objects.js";
import type { ComponentRender } from "../manifest.js";
import { podPlacement } from "../scheduling.js";
import { NOBODY, restrictedPodSecurity } from "../security.js";
import { componentLabels, selectorLabels, stackNames } from "../stack-facts.js";
import {
  ALERTMANAGER_CONFIG_KEY,
  alertmanagerConfigSecret,
  alertmanagerPodSelector,
} from "../../upstream/prometheus-operator.js";
import { podResources } from "./resources.js";
import { operatorVolumeClaim } from "./volume-claim.js";
import { COMPONENT_LABEL } from "../../vocabulary.js";
import { DEFAULT_PORTS } from "../../upstream/ports.js";

export function renderAlertmanager(spec: Spec, sizing: StackSizing): ComponentRender {
  const names = stackNames(spec);
  const name = names.alertmanager;
  const ns = names.namespace;
  const labels = componentLabels("alertmanager", name);
  const selector = alertmanagerPodSelector(name);
  // The user's receiver credentials, mounted read-only at /etc/alertmanager/secrets/<name>/.
  const secrets = alertingSecrets(spec.alerting);
  return {
    component: "alertmanager",
    objects: [
      // The Secret the operator reads the configuration from by default. It holds routing only:
      // every credential is a file of the user's Secret, mounted below (docs/alerting.md).
      new Secret({
        metadata: { name: alertmanagerConfigSecret(name), namespace: ns, labels },
        type: "Opaque",
        stringData: {
          [ALERTMANAGER_CONFIG_KEY]: stringify(alertmanagerRouting(spec.alerting), { sortMapEntries: false }),
        },
      }),
      new Alertmanager({
        metadata: { name, namespace: ns, labels },
        spec: {
          version: spec.alertmanager.version,
          replicas: spec.alertmanager.replicas,
          ...(secrets.length > 0 ? { secrets } : {}),
          podMetadata: { labels: { [COMPONENT_LABEL]: "alertmanager" } },
          resources: podResources(sizing.alertmanager.resources),
          // Silences and the notification log survive a restart on their own volume.
          storage: { volumeClaimTemplate: operatorVolumeClaim(spec.storage.className, sizing.alertmanager.storage) },
          securityContext: restrictedPodSecurity(NOBODY),
          ...podPlacement(spec, "alertmanager", selector),
        },
      }),
      new Service({
        metadata: { name: names.alertmanagerService, namespace: ns, labels },
        spec: { selector, ports: [{ name: "web", port: DEFAULT_PORTS.alertmanagerWeb, targetPort: "web" }] },
      }),
      oneAtATimePdb({ name: `alertmanager-${name}`, namespace: ns, labels }, selector),
      serviceMonitor({ name: "alertmanager", namespace: ns, labels }, selectorLabels("alertmanager", name), ["web"]),
    ],
  };
}
