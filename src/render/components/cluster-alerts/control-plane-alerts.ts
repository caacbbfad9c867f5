/**
 * Control-plane alerts: the API server's errors, latency and the client certificates it sees;
 * each kubelet being scraped and its own client certificate; CoreDNS' failed answers.
 *
 * Metric sources: apiserver_request_total, apiserver_request_duration_seconds and
 * apiserver_client_certificate_expiration_seconds (kubernetes staging/src/k8s.io/apiserver
 * pkg/endpoints/metrics/metrics.go and pkg/authentication/request/x509/x509.go; listed in
 * kubernetes.io/docs/reference/instrumentation/metrics/); kubelet_certificate_manager_client_ttl_seconds
 * (kubernetes pkg/kubelet/certificate/kubelet.go); coredns_dns_responses_total{server, zone, rcode}
 * (coredns.io/plugins/metrics/).
 */
import type { Spec } from "../../../spec/schema.js";
import { promql } from "../meta-monitoring-rules.js";
import { clusterMatchers, sel, type ClusterAlertGroup } from "./cluster-alert.js";

const DAY_SECONDS = 86_400;

/**
 * Long-running requests whose duration says nothing about the API server's health: watches,
 * CONNECT (exec, attach, port-forward, proxy) and pod logs, which the apiserver's own latency
 * SLI also leaves out (staging/src/k8s.io/apiserver/pkg/endpoints/metrics/metrics.go, requestSliLatencies).
 */
const LONG_RUNNING = 'verb!~"WATCH|WATCHLIST|CONNECT",subresource!~"log|exec|attach|portforward|proxy"';

export function controlPlaneAlertGroup(spec: Spec): ClusterAlertGroup {
  const m = clusterMatchers(spec);
  const a = spec.clusterAlerts;
  const expirySeconds = a.certificateExpiryDays * DAY_SECONDS;
  const days = `${a.certificateExpiryDays} day${a.certificateExpiryDays === 1 ? "" : "s"}`;
  return {
    name: "hamon-cluster-control-plane",
    title: "Control plane",
    alerts: [
      {
        target: "apiServer",
        thresholds: ["apiServerErrorPercent"],
        rule: {
          alert: "HamonAPIServerErrors",
          expr: promql(`
            100 * sum by (job) (rate(apiserver_request_total${sel(m.apiServer, 'code=~"5.."')}[5m]))
              /
            sum by (job) (rate(apiserver_request_total${sel(m.apiServer)}[5m]))
              > ${a.apiServerErrorPercent}
          `),
          for: "10m",
          labels: { severity: "critical" },
          annotations: {
            summary: `More than ${a.apiServerErrorPercent}% of API server requests fail with 5xx.`,
            description:
              "The API server answers {{ $value | humanize }}% of requests with a server error: controllers, deployments and kubectl fail. Check first: apiserver_request_total by code, resource and verb to see what fails; etcd's health and latency; the API server's logs; admission webhooks that time out.",
          },
        },
      },
      {
        target: "apiServer",
        thresholds: ["apiServerLatencySeconds"],
        rule: {
          alert: "HamonAPIServerLatencyHigh",
          expr: promql(`
            histogram_quantile(0.99, sum by (job, verb, le) (rate(apiserver_request_duration_seconds_bucket${sel(m.apiServer, LONG_RUNNING)}[5m])))
              > ${a.apiServerLatencySeconds}
          `),
          for: "10m",
          labels: { severity: "warning" },
          annotations: {
            summary: `The API server's 99th percentile latency is above ${a.apiServerLatencySeconds}s.`,
            description:
              "1% of the API server's {{ $labels.verb }} requests take longer than {{ $value | humanize }}s. Check first: etcd's latency (etcd_request_duration_seconds); admission webhooks (apiserver_admission_webhook_admission_duration_seconds); a client that lists large collections often (apiserver_request_total by resource and client).",
          },
        },
      },
      {
        // A histogram of the remaining lifetime of each client certificate presented: its 1st
        // percentile below the limit means some client presents a certificate about to expire.
        target: "apiServer",
        thresholds: ["certificateExpiryDays"],
        rule: {
          alert: "HamonAPIServerClientCertificateExpiring",
          expr: promql(`
            histogram_quantile(0.01, sum by (job, instance, le) (rate(apiserver_client_certificate_expiration_seconds_bucket${sel(m.apiServer)}[5m]))) < ${expirySeconds}
              and on (job, instance)
            sum by (job, instance) (rate(apiserver_client_certificate_expiration_seconds_count${sel(m.apiServer)}[5m])) > 0
          `),
          for: "5m",
          labels: { severity: "warning" },
          annotations: {
            summary: `A client authenticates to the API server with a certificate that expires within ${days}.`,
            description: `API server {{ $labels.instance }} sees client certificates that expire within ${days}; when they do, those clients (kubelets, controllers, kubectl users) are refused. Check first: kubeadm certs check-expiration on control-plane nodes; kubelet client certificate rotation (rotateCertificates); kubeconfig files with embedded certificates.`,
          },
        },
      },
      {
        target: "kubelet",
        thresholds: ["certificateExpiryDays"],
        rule: {
          alert: "HamonKubeletClientCertificateExpiring",
          expr: `min by (node) (kubelet_certificate_manager_client_ttl_seconds${sel(m.kubelet)}) < ${expirySeconds}`,
          for: "5m",
          labels: { severity: "warning" },
          annotations: {
            summary: `A kubelet's client certificate expires within ${days}.`,
            description: `The client certificate of the kubelet on node {{ $labels.node }} expires within ${days}; then the node can no longer report to the API server and goes NotReady. Check first: whether the kubelet rotates it (rotateCertificates) and its certificate signing requests are approved (kubectl get csr).`,
          },
        },
      },
      {
        // `up` of each kubelet's own /metrics endpoint (prometheus.io/docs/concepts/jobs_instances/),
        // named by the node cluster-monitors.ts relabels onto it.
        target: "kubelet",
        thresholds: [],
        rule: {
          alert: "HamonKubeletDown",
          expr: `max by (node) (up${sel(m.kubelet)}) == 0`,
          for: "15m",
          labels: { severity: "critical" },
          annotations: {
            summary: "A kubelet answers no scrapes.",
            description:
              "The kubelet on node {{ $labels.node }} has answered no scrape for 15 minutes: nothing restarts or probes that node's pods, and its volume and certificate alerts are blind. Check first: is the node up and Ready; systemctl status kubelet and its logs on the node; does a firewall block port 10250 from Prometheus.",
          },
        },
      },
      {
        target: "coreDns",
        thresholds: ["coreDnsErrorPercent"],
        rule: {
          alert: "HamonCoreDNSErrors",
          expr: promql(`
            100 * sum by (job) (rate(coredns_dns_responses_total${sel(m.coreDns, 'rcode="SERVFAIL"')}[5m]))
              /
            sum by (job) (rate(coredns_dns_responses_total${sel(m.coreDns)}[5m]))
              > ${a.coreDnsErrorPercent}
          `),
          for: "10m",
          labels: { severity: "warning" },
          annotations: {
            summary: `More than ${a.coreDnsErrorPercent}% of CoreDNS answers are SERVFAIL.`,
            description:
              "CoreDNS ({{ $labels.job }}) answers {{ $value | humanize }}% of queries with SERVFAIL: name resolution fails for pods. Check first: CoreDNS' logs; the upstream resolvers its forward plugin uses (coredns_forward_responses_total); whether it reaches the API server.",
          },
        },
      },
    ],
  };
}
