import { describe, expect, it } from "vitest";
import { specSchema } from "../spec/schema.js";
import { podPlacement, zoneSpreadConstraint } from "./scheduling.js";

const specWith = (zones: string[]) =>
  specSchema.parse({ cluster: { name: "c", zones }, storage: { provisioner: "ebs.csi.aws.com" } });

describe("zone spread", () => {
  it("required: DoNotSchedule, at least 2 zones, lost zones' tainted nodes not counted", () => {
    expect(zoneSpreadConstraint(specWith(["a", "b", "c"]), "required", { app: "x" })).toEqual({
      maxSkew: 1,
      topologyKey: "topology.kubernetes.io/zone",
      labelSelector: { matchLabels: { app: "x" } },
      whenUnsatisfiable: "DoNotSchedule",
      minDomains: 2,
      nodeTaintsPolicy: "Honor",
    });
  });

  it("asks for no second zone when the spec has one", () => {
    expect(zoneSpreadConstraint(specWith(["a"]), "required", { app: "x" })).not.toHaveProperty("minDomains");
  });

  it("preferred: ScheduleAnyway, which takes no minDomains", () => {
    const c = zoneSpreadConstraint(specWith(["a", "b"]), "preferred", { app: "x" });
    expect(c.whenUnsatisfiable).toBe("ScheduleAnyway");
    expect(c).not.toHaveProperty("minDomains");
  });

  it("uses each component's spec choice, and none for singletons", () => {
    const spec = specWith(["a", "b", "c"]);
    const mode = (c: Parameters<typeof podPlacement>[1]) =>
      podPlacement(spec, c, { app: c }).topologySpreadConstraints?.[0]?.whenUnsatisfiable;
    expect(mode("prometheus")).toBe("DoNotSchedule");
    expect(mode("thanos-store")).toBe("DoNotSchedule");
    expect(mode("thanos-query")).toBe("ScheduleAnyway");
    expect(mode("grafana")).toBe("ScheduleAnyway");
    expect(mode("thanos-compact")).toBeUndefined();
    const relaxed = specSchema.parse({
      cluster: { name: "c", zones: ["a", "b"] },
      storage: { provisioner: "ebs.csi.aws.com" },
      alertmanager: { zoneSpread: "preferred" },
    });
    expect(podPlacement(relaxed, "alertmanager", {}).topologySpreadConstraints?.[0]?.whenUnsatisfiable).toBe(
      "ScheduleAnyway",
    );
  });
});
