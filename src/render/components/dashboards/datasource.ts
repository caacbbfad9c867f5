/**
 * The one datasource every provisioned dashboard queries: Thanos through the Query Frontend,
 * which deduplicates the HA replicas and splits and caches range queries. grafana.ts provisions
 * it under this name and uid; dashboards refer to it by uid, so the two cannot drift.
 */
import type { DataSourceRef } from "@grafana/grafana-foundation-sdk/common";

export const THANOS_DATASOURCE = { name: "Thanos", uid: "thanos", type: "prometheus" } as const;

/** The reference a panel, a query or a variable carries. */
export const THANOS_DATASOURCE_REF: DataSourceRef = { type: THANOS_DATASOURCE.type, uid: THANOS_DATASOURCE.uid };
