/** The spec's `clusterAlerts` section: thresholds of the Kubernetes alert rules. */
import * as z from "zod";
import { durationText, percent } from "./schema-fields.js";

/** Thresholds of the cluster alert rules (src/render/components/cluster-alert-rules.ts; docs/cluster-alerts.md). */
export const clusterAlertsSchema = z
  .strictObject({
    freeSpaceWarningPercent: percent(
      10,
      "Node filesystems and PersistentVolumes: a warning when less than this share of the space is free.",
    ),
    freeSpaceCriticalPercent: percent(
      3,
      "Node filesystems and PersistentVolumes: critical when less than this share is free; below freeSpaceWarningPercent.",
    ),
    fillingUpWithin: durationText("24h")
      .superRefine((d, ctx) => {
        if (d.milliseconds === 0)
          ctx.addIssue({
            code: "custom",
            message: "a duration longer than 0: how far ahead the trend is followed",
            input: d.toString(),
          });
      })
      .prefault("24h")
      .describe(
        "Node filesystems and PersistentVolumes: a warning when the last 6 hours' trend (predict_linear) fills them within this. Default 24h.",
      ),
    clockSkewSeconds: z
      .number()
      .gt(0)
      .max(3600)
      .default(0.05)
      .describe("A node's clock offset from its time source (node_timex_offset_seconds) that warns. Default 0.05."),
    crashLoopRestarts: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(3)
      .describe(
        "Restarts of one container within 15 minutes that count as crash looping (as does the CrashLoopBackOff state). Default 3.",
      ),
    notReadyFor: durationText("15m")
      .prefault("15m")
      .describe("How long a node or a pod must be not ready before it alerts. Default 15m."),
    rolloutStuckFor: durationText("15m")
      .prefault("15m")
      .describe(
        "How long a Deployment may lack replicas, or a StatefulSet or DaemonSet rollout make no progress, before it alerts. Default 15m.",
      ),
    apiServerErrorPercent: percent(5, "Share of API server requests answered 5xx that alerts (over 5 minutes)."),
    apiServerLatencySeconds: z
      .number()
      .gt(0)
      .max(60)
      .default(1)
      .describe(
        "99th percentile latency of the API server's non-streaming requests (WATCH and CONNECT left out) that alerts, per verb. Default 1.",
      ),
    certificateExpiryDays: z
      .number()
      .int()
      .min(1)
      .max(365)
      .default(7)
      .describe(
        "Client certificates (seen by the API server, and the kubelets' own) that expire within this many days warn. Default 7.",
      ),
    coreDnsErrorPercent: percent(5, "Share of CoreDNS responses that are SERVFAIL that alerts (over 5 minutes)."),
    targetDownPercent: percent(10, "Share of one job's scrape targets down that alerts."),
  })
  .superRefine((a, ctx) => {
    if (a.freeSpaceCriticalPercent >= a.freeSpaceWarningPercent)
      ctx.addIssue({
        code: "custom",
        path: ["freeSpaceCriticalPercent"],
        message: `a share below freeSpaceWarningPercent (${a.freeSpaceWarningPercent}): critical means less space free than the warning`,
        input: a.freeSpaceCriticalPercent,
      });
  })
  .prefault({})
  .describe(
    "Thresholds of the Kubernetes alert rules (docs/cluster-alerts.md); each rule is rendered only when its target (`targets`) is on.",
  );
