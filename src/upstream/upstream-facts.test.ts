import { describe, expect, it } from "vitest";
import { selectorMatches } from "../k8s/label-selector.js";
import { clusterServices, INSTANCE_PORTS, instancePodLabels } from "./cloudnative-pg.js";
import {
  alertmanagerPodLabels,
  alertmanagerPodSelector,
  generatedPodPorts,
  governingService,
  prometheusPodLabels,
  prometheusPodSelector,
  SHARD_LABEL,
  thanosRulerPodLabels,
} from "./prometheus-operator.js";

describe("the Prometheus Operator's facts agree with each other", () => {
  it("the selector of a Prometheus selects its pods of every shard, and only that Prometheus'", () => {
    for (const shard of [0, 1, 7]) {
      const labels = prometheusPodLabels("main", shard);
      expect(labels[SHARD_LABEL]).toBe(String(shard));
      expect(selectorMatches({ matchLabels: prometheusPodSelector("main") }, labels)).toBe(true);
      expect(selectorMatches({ matchLabels: prometheusPodSelector("other") }, labels)).toBe(false);
    }
  });
  it("the selector of an Alertmanager selects its pods, and only that Alertmanager's", () => {
    expect(selectorMatches({ matchLabels: alertmanagerPodSelector("main") }, alertmanagerPodLabels("main"))).toBe(true);
    expect(selectorMatches({ matchLabels: alertmanagerPodSelector("main") }, alertmanagerPodLabels("x"))).toBe(false);
  });
  it.each([
    ["Prometheus", prometheusPodLabels("p", 0)],
    ["Alertmanager", alertmanagerPodLabels("a")],
    ["ThanosRuler", thanosRulerPodLabels("t")],
  ])("the governing Service of a %s selects its pods and targets ports its pods have", (kind, labels) => {
    const crSpec = { thanos: {} };
    const svc = governingService(kind, crSpec)!;
    expect(selectorMatches({ matchLabels: svc.selector }, labels)).toBe(true);
    const names = generatedPodPorts(kind, crSpec).map((p) => p.name);
    for (const p of svc.ports) expect(names).toContain(p.targetPort);
  });
  it("a Prometheus without spec.thanos has no sidecar port, in its pods or its governing Service", () => {
    expect(generatedPodPorts("Prometheus", {}).map((p) => p.name)).not.toContain("grpc");
    expect(governingService("Prometheus", {})!.ports.map((p) => p.name)).toEqual(["web"]);
  });
});

describe("CloudNativePG's facts agree with each other", () => {
  it("every Service of a Cluster selects its instances on a port they serve", () => {
    const services = clusterServices("db");
    expect(services.map((s) => s.name)).toEqual(["db-rw", "db-ro", "db-r"]);
    for (const s of services) {
      expect(selectorMatches({ matchLabels: s.selector }, instancePodLabels("db"))).toBe(true);
      expect(selectorMatches({ matchLabels: s.selector }, instancePodLabels("other"))).toBe(false);
      for (const p of s.ports) expect(INSTANCE_PORTS.map((i) => i.containerPort)).toContain(p.targetPort);
    }
  });
});
