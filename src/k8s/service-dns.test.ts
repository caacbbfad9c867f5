import { describe, expect, it } from "vitest";
import { clusterIpServiceNamed, serviceOfHost } from "./service-dns.js";

describe("serviceOfHost", () => {
  it("reads the Service from A and SRV names, with scheme, port and path removed", () => {
    expect(serviceOfHost("_grpc._tcp.prometheus-operated.monitoring.svc.cluster.local", "x")).toEqual({
      service: "prometheus-operated",
      namespace: "monitoring",
    });
    expect(serviceOfHost("http://alertmanager-main.monitoring:9093/api", "x")).toEqual({
      service: "alertmanager-main",
      namespace: "monitoring",
    });
    expect(serviceOfHost("thanos-store:10901", "obs")).toEqual({ service: "thanos-store", namespace: "obs" });
  });

  it("is undefined for an IP address or a name outside the cluster", () => {
    expect(serviceOfHost("10.0.0.1:10901", "x")).toBeUndefined();
    expect(serviceOfHost("thanos.example.com:443", "x")).toBeUndefined();
  });
});

describe("clusterIpServiceNamed", () => {
  const svc = (name: string, spec: Record<string, unknown>) => ({ ref: { name, namespace: "m" }, raw: { spec } });
  it("finds Services with a cluster IP, not headless or ExternalName ones", () => {
    const services = [svc("a", {}), svc("b", { clusterIP: "None" }), svc("c", { type: "ExternalName" })];
    expect(clusterIpServiceNamed(services, { service: "a", namespace: "m" })?.ref.name).toBe("a");
    expect(clusterIpServiceNamed(services, { service: "b", namespace: "m" })).toBeUndefined();
    expect(clusterIpServiceNamed(services, { service: "c", namespace: "m" })).toBeUndefined();
  });
});
