import { describe, expect, it } from "vitest";
import { relabelTarget } from "./prometheus-relabel.js";
import { serviceMonitorJob, serviceMonitorRelabelConfigs } from "./service-monitor-scrape.js";

describe("relabelTarget", () => {
  it("replaces with the defaults ((.*), $1), deletes on an empty result, defaults instance, drops __ labels", () => {
    expect(
      relabelTarget({ __address__: "h:1", __meta_a: "x", __meta_b: "", job: "j" }, [
        { source_labels: ["__meta_a"], target_label: "a" },
        { source_labels: ["__meta_b"], target_label: "job" },
      ]),
    ).toEqual({ a: "x", instance: "h:1" });
  });

  it("joins source labels with the separator, anchors the regex, expands ${1} and $2", () => {
    const labels = { __address__: "h:1", k: "Pod", n: "p-1" };
    expect(
      relabelTarget(labels, [
        { source_labels: ["k", "n"], regex: "Pod;(.*)", replacement: "${1}", target_label: "pod" },
        { source_labels: ["k", "n"], regex: "Node;(.*)", replacement: "${1}", target_label: "node" },
        { source_labels: ["k", "n"], separator: "/", regex: "(P)od/(.*)", replacement: "$2-$1", target_label: "both" },
        { source_labels: ["k"], regex: "Po", target_label: "partial", replacement: "matched" },
      ]),
    ).toEqual({ k: "Pod", n: "p-1", pod: "p-1", both: "p-1-P", instance: "h:1" });
  });

  it("keeps or drops the target", () => {
    expect(relabelTarget({ a: "x" }, [{ source_labels: ["a"], regex: "y", action: "keep" }])).toBeUndefined();
    expect(relabelTarget({ a: "x" }, [{ source_labels: ["a"], regex: "x", action: "drop" }])).toBeUndefined();
    expect(relabelTarget({ a: "x" }, [{ source_labels: ["a"], regex: "x", action: "keep" }])).toEqual({ a: "x" });
  });
});

describe("the operator's ServiceMonitor scrape", () => {
  const meta = {
    __address__: "10.0.0.1:9100",
    job: "serviceMonitor/ns/mon/0",
    __meta_kubernetes_namespace: "ns",
    __meta_kubernetes_service_name: "svc",
    __meta_kubernetes_service_label_app_kubernetes_io_name: "from-label",
    __meta_kubernetes_endpoint_address_target_kind: "Pod",
    __meta_kubernetes_endpoint_address_target_name: "svc-abcde",
    __meta_kubernetes_pod_name: "svc-abcde",
    __meta_kubernetes_pod_container_name: "c",
  };

  it("sets job to the Service name, endpoint to the port name, and namespace, service, pod, container", () => {
    expect(relabelTarget(meta, serviceMonitorRelabelConfigs({ port: "metrics" }))).toEqual({
      job: "svc",
      namespace: "ns",
      service: "svc",
      pod: "svc-abcde",
      container: "c",
      endpoint: "metrics",
      instance: "10.0.0.1:9100",
    });
  });

  it("takes job from the Service label jobLabel names, and runs the endpoint's relabelings last", () => {
    const configs = serviceMonitorRelabelConfigs(
      {
        port: "metrics",
        relabelings: [{ sourceLabels: ["__meta_kubernetes_pod_name"], targetLabel: "instance", action: "Replace" }],
      },
      "app.kubernetes.io/name",
    );
    expect(relabelTarget(meta, configs)).toMatchObject({ job: "from-label", instance: "svc-abcde" });
    expect(
      serviceMonitorJob({ name: "svc", labels: { "app.kubernetes.io/name": "from-label" } }, "app.kubernetes.io/name"),
    ).toBe("from-label");
    expect(serviceMonitorJob({ name: "svc", labels: {} }, "app.kubernetes.io/name")).toBe("svc");
    expect(serviceMonitorJob({ name: "svc" })).toBe("svc");
  });
});
