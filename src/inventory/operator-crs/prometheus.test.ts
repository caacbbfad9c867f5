/**
 * A Prometheus CR's pods per shard (prometheus.ts): the topology spread the operator writes into
 * each shard's pods.
 */
import { describe, expect, it } from "vitest";
import { object } from "../../../test/support/inventory-builder.js";
import { prometheusPodGroups } from "./prometheus.js";
import { SHARD_LABEL } from "../../upstream/prometheus-operator.js";

const spreadOf = (additionalLabelSelectors?: string) =>
  prometheusPodGroups(
    object(
      "Prometheus",
      "main",
      "mon",
      {
        spec: {
          shards: 2,
          replicas: 2,
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: "topology.kubernetes.io/zone",
              whenUnsatisfiable: "DoNotSchedule",
              labelSelector: { matchLabels: { team: "a" } },
              ...(additionalLabelSelectors ? { additionalLabelSelectors } : {}),
            },
          ],
        },
      },
      "monitoring.coreos.com/v1",
    ),
  ).map((g) => g.template.spec!.topologySpreadConstraints![0]!);

describe("a Prometheus CR's topology spread per shard", () => {
  it("adds every selector label of the shard for OnShard, and drops the CR-only field", () => {
    const [s0, s1] = spreadOf("OnShard");
    expect(s0!.labelSelector!.matchLabels).toMatchObject({ team: "a", prometheus: "main", [SHARD_LABEL]: "0" });
    expect(s1!.labelSelector!.matchLabels).toMatchObject({ [SHARD_LABEL]: "1" });
    expect(s0).not.toHaveProperty("additionalLabelSelectors");
  });

  it("adds all but the shard label for OnResource", () => {
    const [s0] = spreadOf("OnResource");
    expect(s0!.labelSelector!.matchLabels).toMatchObject({ team: "a", prometheus: "main" });
    expect(s0!.labelSelector!.matchLabels).not.toHaveProperty(SHARD_LABEL);
  });

  it("keeps a constraint without additionalLabelSelectors as written", () => {
    const [s0] = spreadOf();
    expect(s0!.labelSelector).toEqual({ matchLabels: { team: "a" } });
  });
});
