import { describe, expect, it } from "vitest";
import type { MonitoringComponent } from "../inventory/model.js";
import { group } from "../../test/support/inventory-builder.js";
import { componentStatuses, type GroupObservation } from "./availability.js";

function obs(
  name: string,
  component: MonitoringComponent,
  expected: number,
  worst: number,
  end = worst,
  extra: Partial<GroupObservation> = {},
  shard?: number,
): GroupObservation {
  return {
    group: group({ name, component, replicas: expected, labels: {}, ...(shard !== undefined ? { shard } : {}) }),
    expected,
    worst,
    end,
    events: [],
    ...extra,
  };
}
const statusOf = (list: GroupObservation[], component: string) =>
  componentStatuses(list).find((c) => c.component === component);

describe("availability model", () => {
  it("prometheus is down when one shard has no replica, even if the other shard is whole", () => {
    const s = statusOf(
      [obs("p", "prometheus", 2, 2, 2, {}, 0), obs("p", "prometheus", 2, 0, 0, { events: ["x cannot return"] }, 1)],
      "prometheus",
    );
    expect(s).toEqual({
      component: "prometheus",
      status: "down",
      reason: "shard 1: no replica left, a gap in its data (x cannot return)",
    });
  });

  it("prometheus with one replica left per shard is degraded", () => {
    expect(
      statusOf([obs("p", "prometheus", 2, 1, 2, {}, 0), obs("p", "prometheus", 2, 2, 2, {}, 1)], "prometheus")?.status,
    ).toBe("degraded");
  });

  it("the thanos sidecar counts as prometheus", () => {
    expect(statusOf([obs("s", "thanos-sidecar", 2, 0, 0)], "prometheus")?.status).toBe("down");
  });

  it("alertmanager with fewer peers is degraded, with none is down", () => {
    expect(statusOf([obs("am", "alertmanager", 3, 2)], "alertmanager")?.status).toBe("degraded");
    expect(statusOf([obs("am", "alertmanager", 3, 0)], "alertmanager")?.status).toBe("down");
  });

  it("thanos ruler with fewer replicas is degraded, with none is down", () => {
    expect(statusOf([obs("r", "thanos-ruler", 2, 1)], "thanos-ruler")?.status).toBe("degraded");
    expect(statusOf([obs("r", "thanos-ruler", 2, 0)], "thanos-ruler")?.reason).toContain("rules are not evaluated");
  });

  it("thanos receive routing over its own pods is down once more are lost than its replication factor spares", () => {
    const receive = (factor: number | undefined, expected: number, worst: number) => {
      const o = obs("recv", "thanos-receive", expected, worst);
      o.group.config.flags = {
        "receive.hashrings-file": ["/etc/hashrings.json"],
        "receive.local-endpoint": ["$(NAME):10901"],
        ...(factor !== undefined ? { "receive.replication-factor": [String(factor)] } : {}),
      };
      return statusOf([o], "thanos-receive");
    };
    expect(receive(3, 3, 2)?.status).toBe("degraded");
    expect(receive(3, 3, 1)).toMatchObject({ status: "down", reason: expect.stringContaining("some writes fail") });
    expect(receive(undefined, 3, 2)?.status).toBe("down");
    expect(receive(2, 3, 2)?.status).toBe("degraded");
  });

  it("a receive router alone, or an ingestor fed by routers, is down only with no pod left", () => {
    const router = obs("router", "thanos-receive", 3, 1);
    router.group.config.flags = { "receive.hashrings-file": ["/etc/hashrings.json"] };
    expect(statusOf([router], "thanos-receive")?.status).toBe("degraded");
    expect(statusOf([obs("ingest", "thanos-receive", 3, 1)], "thanos-receive")?.status).toBe("degraded");
    expect(statusOf([obs("ingest", "thanos-receive", 3, 0)], "thanos-receive")?.status).toBe("down");
  });

  it("a stopped compactor is degraded, never down", () => {
    expect(statusOf([obs("c", "thanos-compact", 1, 0, 0)], "thanos-compact")?.status).toBe("degraded");
  });

  it("grafana is down when its database has no instance left, degraded during a failover", () => {
    expect(statusOf([obs("g", "grafana", 2, 2), obs("db", "postgresql", 3, 0)], "grafana")).toMatchObject({
      status: "down",
      reason: "its database has no primary",
    });
    const failover = [
      obs("g", "grafana", 2, 2),
      obs("db", "postgresql", 3, 2, 2, { failover: "primary lost, CloudNativePG promotes db-2" }),
    ];
    expect(statusOf(failover, "grafana")?.status).toBe("degraded");
    expect(statusOf(failover, "postgresql")?.reason).toContain("CloudNativePG promotes db-2");
  });

  it("redis: restarted elsewhere is degraded, unable to restart is down; grafana degraded either way", () => {
    expect(statusOf([obs("r", "redis", 1, 0, 1)], "redis")?.status).toBe("degraded");
    expect(statusOf([obs("r", "redis", 1, 0, 0)], "redis")?.status).toBe("down");
    expect(statusOf([obs("g", "grafana", 2, 2), obs("r", "redis", 1, 0, 0)], "grafana")).toMatchObject({
      status: "degraded",
      reason: "its Redis remote cache is lost",
    });
  });

  it("lists only the components present, in the output order, and ignores other workloads", () => {
    const list = componentStatuses([obs("r", "redis", 1, 1), obs("x", "other", 1, 0), obs("q", "thanos-query", 2, 2)]);
    expect(list.map((c) => [c.component, c.status])).toEqual([
      ["thanos-query", "ok"],
      ["redis", "ok"],
    ]);
  });
});
