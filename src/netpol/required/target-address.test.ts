import { describe, expect, it } from "vitest";
import { parseTargetAddress, serviceOfHost } from "./target-address.js";

describe("parseTargetAddress", () => {
  it("reads Thanos SRV, A and plain forms, URLs with and without ports", () => {
    expect(parseTargetAddress("dnssrv+_grpc._tcp.thanos-store.monitoring.svc.cluster.local")).toEqual({
      host: "thanos-store.monitoring.svc.cluster.local",
      srvPortName: "grpc",
      protocol: "TCP",
    });
    expect(parseTargetAddress("dnssrv+http://_web._tcp.alertmanager-operated.monitoring.svc/api")).toEqual({
      host: "alertmanager-operated.monitoring.svc",
      srvPortName: "web",
      protocol: "TCP",
    });
    expect(parseTargetAddress("dnssrvnoa+_web._tcp.alertmanager-operated")).toMatchObject({
      host: "alertmanager-operated",
      srvPortName: "web",
    });
    expect(parseTargetAddress("dns+thanos-store.monitoring.svc:10901")).toEqual({
      host: "thanos-store.monitoring.svc",
      port: 10901,
      protocol: "TCP",
    });
    expect(parseTargetAddress("prometheus-0.prometheus-operated:10901")).toEqual({
      host: "prometheus-0.prometheus-operated",
      port: 10901,
      protocol: "TCP",
    });
    expect(parseTargetAddress("http://thanos-query.monitoring.svc:10902/")).toEqual({
      host: "thanos-query.monitoring.svc",
      port: 10902,
      protocol: "TCP",
    });
    expect(parseTargetAddress("https://user:pw@hooks.example.com/x")).toEqual({
      host: "hooks.example.com",
      port: 443,
      protocol: "TCP",
    });
    expect(parseTargetAddress("grafana-db-rw")).toEqual({ host: "grafana-db-rw", protocol: "TCP" });
    expect(parseTargetAddress("dnssrv+thanos-store")).toBeUndefined();
    expect(parseTargetAddress("  ")).toBeUndefined();
  });
});

describe("serviceOfHost", () => {
  it("names the Service of every cluster DNS form, and nothing for outside names and IPs", () => {
    expect(serviceOfHost("redis", "monitoring")).toEqual({ service: "redis", namespace: "monitoring" });
    expect(serviceOfHost("redis.cache", "monitoring")).toEqual({ service: "redis", namespace: "cache" });
    expect(serviceOfHost("redis.cache.svc", "monitoring")).toEqual({ service: "redis", namespace: "cache" });
    expect(serviceOfHost("redis.cache.svc.cluster.local", "monitoring")).toEqual({
      service: "redis",
      namespace: "cache",
    });
    expect(serviceOfHost("alertmanager-main-0.alertmanager-operated.monitoring.svc", "x")).toEqual({
      service: "alertmanager-operated",
      namespace: "monitoring",
    });
    expect(serviceOfHost("s3.eu-west-1.amazonaws.com", "monitoring")).toBeUndefined();
    expect(serviceOfHost("10.0.0.1", "monitoring")).toBeUndefined();
  });
});
