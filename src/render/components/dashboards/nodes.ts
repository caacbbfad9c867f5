/**
 * Nodes: CPU, memory, filesystems, disks, network and load of each node, from node-exporter
 * (metric names: github.com/prometheus/node_exporter, collector/*_linux.go). node-exporter.ts
 * sets `instance` to the node's name, so the `node` variable lists nodes by name.
 */
import type { Dashboard } from "@grafana/grafana-foundation-sdk/dashboard";
import type { Spec } from "../../../spec/schema.js";
import { finishDashboard, labelVariable, sel, stat, timeseries } from "./panels.js";
import { RECORDED } from "./recording-rules.js";
import { scrapeJobs } from "./scrape-jobs.js";

export const NODES_DASHBOARD_UID = "hamon-nodes";

/** Filesystems that are no disk: node-exporter's default exclusions do not cover them all. */
const VIRTUAL_FS = `fstype!~"tmpfs|ramfs|squashfs|overlay|nsfs"`;

export function nodesDashboard(spec: Spec): Dashboard {
  const job = `job="${scrapeJobs(spec).nodeExporter}"`;
  const node = sel(job, `instance=~"$node"`);
  const nodeWith = (...more: string[]) => sel(job, `instance=~"$node"`, ...more);
  const perNode = "{{instance}}";
  return finishDashboard({
    uid: NODES_DASHBOARD_UID,
    title: "hamon / Nodes",
    description: "Each node's CPU, memory, filesystems, disks, network and load, from node-exporter.",
    variables: [labelVariable("node", "instance", `node_uname_info${sel(job)}`, "Node")],
    rows: [
      {
        title: "Overview",
        panels: [
          stat({ title: "Nodes", description: "Nodes whose node-exporter answers scrapes.", unit: "short" }, [
            { expr: `count(node_uname_info${node})`, legend: "nodes" },
          ]),
          stat({ title: "CPUs", description: "CPUs of the selected nodes.", unit: "short" }, [
            { expr: `sum(${RECORDED.nodeCpus}${node})`, legend: "CPUs" },
          ]),
          stat(
            {
              title: "Memory",
              description: "Physical memory of the selected nodes.",
              unit: "bytes",
            },
            [{ expr: `sum(node_memory_MemTotal_bytes${node})`, legend: "memory" }],
          ),
          stat(
            { title: "Shortest uptime", description: "Time since the most recently booted node started.", unit: "s" },
            [{ expr: `min(time() - node_boot_time_seconds${node})`, legend: "uptime" }],
          ),
        ],
      },
      {
        title: "CPU and load",
        panels: [
          timeseries(
            {
              title: "CPU utilisation",
              description: "Share of CPU time not idle, waiting for I/O or stolen by the hypervisor.",
              unit: "percentunit",
            },
            [{ expr: `${RECORDED.nodeCpuUtilisation}${node}`, legend: perNode }],
          ),
          timeseries(
            {
              title: "CPU by mode",
              description: "CPU seconds per second spent in each mode other than idle.",
              unit: "short",
            },
            [
              {
                expr: `sum by (instance, mode) (rate(node_cpu_seconds_total${nodeWith(`mode!="idle"`)}[$__rate_interval]))`,
                legend: "{{instance}} {{mode}}",
              },
            ],
          ),
          timeseries(
            {
              title: "Load per CPU",
              description: "1-minute load average divided by the node's CPUs: above 1, runnable tasks wait.",
              unit: "short",
            },
            [
              {
                expr: `node_load1${node} / on (instance) group_left () ${RECORDED.nodeCpus}${node}`,
                legend: perNode,
              },
            ],
          ),
          timeseries({ title: "Load average", description: "1, 5 and 15-minute load averages.", unit: "short" }, [
            { expr: `node_load1${node}`, legend: "{{instance}} 1m" },
            { expr: `node_load5${node}`, legend: "{{instance}} 5m" },
            { expr: `node_load15${node}`, legend: "{{instance}} 15m" },
          ]),
        ],
      },
      {
        title: "Memory",
        panels: [
          timeseries(
            {
              title: "Memory utilisation",
              description: "Share of memory not available to new work (1 - MemAvailable / MemTotal).",
              unit: "percentunit",
            },
            [
              {
                expr: `1 - node_memory_MemAvailable_bytes${node} / node_memory_MemTotal_bytes${node}`,
                legend: perNode,
              },
            ],
          ),
          timeseries(
            {
              title: "Memory in use",
              description: "Bytes in use (total minus available) and the page cache.",
              unit: "bytes",
            },
            [
              {
                expr: `node_memory_MemTotal_bytes${node} - node_memory_MemAvailable_bytes${node}`,
                legend: "{{instance}} used",
              },
              { expr: `node_memory_Cached_bytes${node}`, legend: "{{instance}} cache" },
            ],
          ),
        ],
      },
      {
        title: "Filesystems and disks",
        panels: [
          timeseries(
            {
              title: "Filesystem used",
              description:
                "Share of each filesystem's space that is used (available to unprivileged users counted as free).",
              unit: "percentunit",
            },
            [
              {
                expr: `1 - node_filesystem_avail_bytes${nodeWith(VIRTUAL_FS)} / node_filesystem_size_bytes${nodeWith(VIRTUAL_FS)}`,
                legend: "{{instance}} {{mountpoint}}",
              },
            ],
          ),
          timeseries(
            {
              title: "Disk throughput",
              description: "Bytes read and written per second per disk.",
              unit: "Bps",
            },
            [
              {
                expr: `rate(node_disk_read_bytes_total${node}[$__rate_interval])`,
                legend: "{{instance}} {{device}} read",
              },
              {
                expr: `rate(node_disk_written_bytes_total${node}[$__rate_interval])`,
                legend: "{{instance}} {{device}} written",
              },
            ],
          ),
          timeseries(
            {
              title: "Disk busy",
              description: "Share of time each disk spent on I/O: near 1, the disk is saturated.",
              unit: "percentunit",
            },
            [
              {
                expr: `rate(node_disk_io_time_seconds_total${node}[$__rate_interval])`,
                legend: "{{instance}} {{device}}",
              },
            ],
          ),
        ],
      },
      {
        title: "Network",
        panels: [
          timeseries(
            {
              title: "Network received",
              description: "Bytes received per second per interface, loopback excluded.",
              unit: "Bps",
            },
            [
              {
                expr: `rate(node_network_receive_bytes_total${nodeWith(`device!="lo"`)}[$__rate_interval])`,
                legend: "{{instance}} {{device}}",
              },
            ],
          ),
          timeseries(
            {
              title: "Network transmitted",
              description: "Bytes sent per second per interface, loopback excluded.",
              unit: "Bps",
            },
            [
              {
                expr: `rate(node_network_transmit_bytes_total${nodeWith(`device!="lo"`)}[$__rate_interval])`,
                legend: "{{instance}} {{device}}",
              },
            ],
          ),
          timeseries(
            {
              title: "Network errors and drops",
              description: "Packets per second received or sent with errors, or dropped.",
              unit: "pps",
            },
            [
              {
                expr: `rate(node_network_receive_errs_total${nodeWith(`device!="lo"`)}[$__rate_interval]) + rate(node_network_transmit_errs_total${nodeWith(`device!="lo"`)}[$__rate_interval])`,
                legend: "{{instance}} {{device}} errors",
              },
              {
                expr: `rate(node_network_receive_drop_total${nodeWith(`device!="lo"`)}[$__rate_interval]) + rate(node_network_transmit_drop_total${nodeWith(`device!="lo"`)}[$__rate_interval])`,
                legend: "{{instance}} {{device}} drops",
              },
            ],
          ),
        ],
      },
    ],
  });
}
