/**
 * Scrapes of the endpoints a cluster has by itself, whose Services are not in the manifests:
 * a ServiceMonitor a Prometheus CR selects that points at
 * - the Prometheus Operator's kubelet Service in kube-system → every node's address on 10250
 *   (its endpoints are the nodes' InternalIPs, prometheus-operator pkg/kubelet/controller.go);
 * - the `kubernetes` Service in default → the API server, on 443 or 6443 (outside-addresses.ts);
 * - cluster DNS' Service in kube-system (kubeadm's labels) on its metrics port → the CoreDNS pods
 *   on 9153 (coredns.io/plugins/metrics/); a monitor of other labels (another distribution's) is
 *   not recognised.
 * When the input has the Service itself, prometheus-flows.ts resolves it like any other.
 */
import type { Inventory } from "../../inventory/model.js";
import { asArray, asRecord, asRecords, asString, asStringMap, get } from "../../k8s/json.js";
import { selectorMatches, type SelectorLike } from "../../k8s/label-selector.js";
import { KUBERNETES_API_PORTS } from "../../k8s/api-server.js";
import { API_SERVER_SERVICE, COREDNS_METRICS, KUBELET_SERVICE } from "../../upstream/cluster-targets.js";
import { clusterDnsPods } from "./flow-context.js";
import type { FlowContext, RequiredFlow } from "./model.js";
import { OUTSIDE } from "./outside-addresses.js";
import { selectedMonitors } from "./prometheus-flows.js";
import { atIp, atPod, originName, podOf } from "./_build.js";

type Json = Record<string, unknown>;

/** Does the monitor select a Service of `namespace` carrying `labels`, on an endpoint named `port`? */
function points(monitor: Json, namespace: string, labels: Record<string, string>, port: string): boolean {
  const names = asArray(get(monitor, "spec", "namespaceSelector", "matchNames")).map(String);
  const any = get(monitor, "spec", "namespaceSelector", "any") === true;
  const own = asString(get(monitor, "metadata", "namespace"));
  if (!(any || names.includes(namespace) || (names.length === 0 && own === namespace))) return false;
  if (!selectorMatches(asRecord(get(monitor, "spec", "selector")) as SelectorLike, labels)) return false;
  return asRecords(get(monitor, "spec", "endpoints")).some((e) => e.port === port);
}

/** Does the input hold a Service of `namespace` carrying `labels`? Asked per monitor of the same few Services: answered once per inventory. */
const inInputAnswers = new WeakMap<Inventory, Map<string, boolean>>();
function inInput(inv: Inventory, namespace: string, labels: Record<string, string>): boolean {
  let answers = inInputAnswers.get(inv);
  if (!answers) inInputAnswers.set(inv, (answers = new Map()));
  const key = JSON.stringify([namespace, labels]);
  let answer = answers.get(key);
  if (answer === undefined) {
    answer = inv.services.some(
      (s) =>
        (s.ref.namespace ?? "default") === namespace &&
        Object.entries(labels).every(([k, v]) => asStringMap(get(s.raw, "metadata", "labels"))[k] === v),
    );
    answers.set(key, answer);
  }
  return answer;
}

export function clusterEndpointFlows(inv: Inventory, ctx: FlowContext): RequiredFlow[] {
  const out: RequiredFlow[] = [];
  for (const g of inv.podGroups.filter((x) => x.component === "prometheus" && x.config.crSpec)) {
    const from = atPod(podOf(ctx, g));
    for (const m of selectedMonitors(inv, g, "ServiceMonitor")) {
      const monitor = `${asString(get(m, "metadata", "namespace"))}/${asString(get(m, "metadata", "name"))}`;
      const why = (what: string) => `scrape: ${originName(g)} selects monitor ${monitor} (${what})`;
      const k = KUBELET_SERVICE;
      if (points(m, k.namespace, k.labels, k.portName) && !inInput(inv, k.namespace, k.labels)) {
        out.push({
          from,
          to: atIp(OUTSIDE.nodes.ip),
          port: k.port,
          protocol: "TCP",
          why: why(`the operator's kubelet Service ${k.namespace}/${k.name}`),
          origin: g.owner,
        });
      }
      const a = API_SERVER_SERVICE;
      if (points(m, a.namespace, a.labels, a.portName) && !inInput(inv, a.namespace, a.labels)) {
        for (const port of KUBERNETES_API_PORTS)
          out.push({
            from,
            to: atIp(OUTSIDE.kubernetesApi.ip),
            port,
            protocol: "TCP",
            why: why(`the API server's Service ${a.namespace}/${a.name}`),
            origin: g.owner,
            anyOf: `kubernetes-api-scrape|${g.id}|${monitor}`,
          });
      }
      const d = COREDNS_METRICS;
      if (points(m, d.namespace, d.serviceLabels, d.portName) && !inInput(inv, d.namespace, d.serviceLabels)) {
        for (const to of clusterDnsPods(ctx))
          out.push({
            from,
            to: atPod(to),
            port: d.port,
            protocol: "TCP",
            why: why(`cluster DNS' metrics in ${d.namespace}`),
            origin: g.owner,
          });
      }
    }
  }
  return out;
}
