import { describe, expect, it } from "vitest";
import { generatedPodPorts, mergeCrContainers } from "../../upstream/prometheus-operator.js";

describe("the containers of a CR's pods", () => {
  it("patches a generated container by name and appends the CR's other containers", () => {
    const merged = mergeCrContainers(
      [{ name: "prometheus", image: "p" }, { name: "thanos-sidecar" }],
      [
        { name: "kube-rbac-proxy", ports: [{ name: "web", containerPort: 9091 }] },
        { name: "prometheus", resources: { limits: { cpu: "2" } } },
      ],
    );
    expect(merged.map((c) => c.name)).toEqual(["prometheus", "thanos-sidecar", "kube-rbac-proxy"]);
    expect(merged[0]).toEqual({ name: "prometheus", image: "p", resources: { limits: { cpu: "2" } } });
  });

  it("declares no web port of its own under listenLocal", () => {
    expect(generatedPodPorts("Prometheus", {}).map((p) => p.name)).toContain("web");
    expect(generatedPodPorts("Prometheus", { listenLocal: true }).map((p) => p.name)).not.toContain("web");
    expect(generatedPodPorts("Alertmanager", { listenLocal: true }).map((p) => p.name)).toEqual([
      "mesh-tcp",
      "mesh-udp",
      "reloader-web",
    ]);
  });
});
