/**
 * The lab: the rendered alerting path run for real on loopback, failures injected, delivery judged.
 *
 *   N × prometheus (REPLICA_LABEL distinct, rendered rules + the lab's step alerts)
 *        │ every Prometheus → every Alertmanager
 *   M × alertmanager (gossip cluster, rendered routing) ──► hamon's webhook receiver (records)
 *
 * With node-exporter in the spec, the real node-exporter runs too, scraped by every Prometheus as
 * the rendered ServiceMonitor has it scraped; after the exactly-once steps it is killed, and the
 * rendered alerts that watch it must fire once and resolve once after its restart
 * (target-down-fault.ts).
 *
 * With a heartbeat in the spec (the dead man's switch), the receiver also plays the outside
 * heartbeat service: after the exactly-once steps, every Prometheus is killed and the heartbeat
 * must stop, then resume after the restart (heartbeat-proof.ts).
 *
 * N and M are the spec's replica counts (lab-topology.ts). Everything lives in one temp folder
 * (lab-workspace.ts); every process is stopped and the folder removed however the lab ends
 * (lab-teardown.ts). The steps: fault-schedule.ts.
 */
import { renderFromSpecText } from "../pipeline/render-pipeline.js";
import { HEARTBEAT_RECEIVER } from "../render/alertmanager-config.js";
import { WATCHDOG_ALERT } from "../render/components/meta-monitoring-rules.js";
import { isHeartbeat, runHeartbeatProof, type HeartbeatProof } from "./heartbeat-proof.js";
import { binaryVersion, requireBinaries } from "./binaries.js";
import { analyzeDelivery } from "./delivery-analysis.js";
import { DeliveryWatch } from "./delivery-wait.js";
import { runFaultSchedule, type InjectedFaults } from "./fault-schedule.js";
import { LAB_STEPS } from "./fault-injection.js";
import { LOOPBACK } from "./free-ports.js";
import { LabProcesses } from "./lab-processes.js";
import { labReport, type LabReport } from "./lab-report.js";
import { interruptOnSignals, setprivOrNotice, tearDownLab } from "./lab-teardown.js";
import { LabTimeline } from "./lab-timeline.js";
import { allocateLabNodes, labTopology, senderNameIn, type LabNodes } from "./lab-topology.js";
import { LabWorkspace, removeKilledLabRuns } from "./lab-workspace.js";
import { ProcessSupervisor } from "./process-supervisor.js";
import { renderedRouting, renderedRuleGroups } from "./rendered-alerting.js";
import { WEBHOOK_PATH, WebhookReceiver } from "./webhook-receiver.js";
import { labScrapeConfig, nodeExporterScrape } from "./node-exporter-scrape.js";
import { withLabForDurations } from "./target-down-alerts.js";
import {
  judgeTargetDown,
  planTargetDown,
  runTargetDownFault,
  type TargetDownPlan,
  type TargetDownProof,
} from "./target-down-fault.js";
import type { LabTool } from "./binaries.js";

// The lab's face to the command line and the tests, next to runLab.
export { LabInterruptedError } from "./lab-teardown.js";
export { labTopology } from "./lab-topology.js";

export interface LabOptions {
  specText: string;
  specFile: string;
  /** Keep the temp dir (configs, data, logs). Default false. */
  keep?: boolean;
  /** false: Alertmanagers without peers, each on its own (the negative control). Default true. */
  clustered?: boolean;
  /** Progress lines (the CLI writes them to stderr). */
  progress?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
}

export interface LabRun {
  report: LabReport;
  /** The temp dir; removed unless `keep`. */
  dir: string;
  /** Every process id the lab started, all stopped by now. */
  pids: number[];
}

export async function runLab(options: LabOptions): Promise<LabRun> {
  const env = options.env ?? process.env;
  const clustered = options.clustered ?? true;
  const keep = options.keep ?? false;
  const progress = options.progress ?? (() => {});
  const rendered = renderFromSpecText(options.specText, options.specFile);
  const topology = labTopology(rendered.spec);
  const tools: LabTool[] = ["prometheus", "alertmanager", ...(topology.nodeExporter ? ["node-exporter" as const] : [])];
  const binaries = requireBinaries(tools, env);
  const ruleGroups = renderedRuleGroups(rendered);
  const routing = renderedRouting(rendered);
  const scrape = nodeExporterScrape(rendered);
  const versions = {
    prometheus: await binaryVersion(binaries.prometheus),
    alertmanager: await binaryVersion(binaries.alertmanager),
    ...(binaries["node-exporter"] ? { nodeExporter: await binaryVersion(binaries["node-exporter"]) } : {}),
  };

  const timeline = new LabTimeline(Date.now(), progress);
  await removeKilledLabRuns(progress);
  const setpriv = setprivOrNotice(env, progress);
  const workspace = await LabWorkspace.create(keep);
  const supervisor = new ProcessSupervisor({ setpriv });
  const interruption = interruptOnSignals(supervisor, workspace);
  const signal = interruption.signal;
  const receiver = new WebhookReceiver(timeline.startedAt);

  const hasHeartbeat = routing.receivers.some((r) => r.name === HEARTBEAT_RECEIVER);
  let nodes: LabNodes;
  let faults: InjectedFaults;
  let heartbeat: HeartbeatProof | null = null;
  let targetDown: TargetDownPlan | undefined;
  let targetDownEvents = { killedAt: null as number | null, restartedAt: null as number | null };
  /** The exactly-once steps end here (ms since the lab started); what comes later is the heartbeat proof. */
  let stepsEndedAt = Infinity;
  try {
    timeline.record("setup", workspace.dir, keep ? "kept after the run" : "removed after the run");
    const webhookPort = await receiver.start();
    nodes = await allocateLabNodes(topology, clustered);
    const scrapeInterval = rendered.spec.workload.scrapeInterval;
    if (scrape && nodes.nodeExporter)
      targetDown = planTargetDown(scrape, nodes.nodeExporter, ruleGroups, scrapeInterval);
    await workspace.writeAlertingConfig(
      withLabForDurations(ruleGroups, targetDown?.alertnames ?? [], scrapeInterval),
      routing,
      `http://${LOOPBACK}:${webhookPort}${WEBHOOK_PATH}`,
      nodes.alertmanagers.length,
    );
    const processes = new LabProcesses({ supervisor, binaries, workspace, nodes, clustered, timeline, signal });
    const delivery = new DeliveryWatch(receiver, processes, timeline, signal);

    await processes.startAlertmanagers();
    await processes.startNodeExporter();
    await processes.startPrometheus({
      cluster: rendered.spec.cluster.name,
      webhookTarget: `${LOOPBACK}:${webhookPort}`,
      ...(scrape && nodes.nodeExporter
        ? { targetScrapes: [labScrapeConfig(scrape, `${LOOPBACK}:${nodes.nodeExporter.webPort}`)] }
        : {}),
    });
    await processes.recordLoadedRules();
    faults = await runFaultSchedule({ processes, delivery, receiver, timeline, signal });
    if (targetDown) {
      targetDownEvents = await runTargetDownFault({ processes, delivery, receiver, timeline, signal }, targetDown);
      if (targetDownEvents.killedAt !== null) faults.killed.push(targetDown.target.name);
    }
    await delivery.awaitQuietPeriod(faults.rejoinedAt);
    stepsEndedAt = Date.now() - timeline.startedAt;
    // The negative control proves duplicates; the heartbeat is proved on the clustered lab.
    if (hasHeartbeat && clustered)
      heartbeat = await runHeartbeatProof({ processes, receiver, timeline, signal, allMembersUpAt: faults.rejoinedAt });
    supervisor.assertHealthy();
    timeline.record("done", "stopping every process");
  } catch (e) {
    throw interruption.errorFor(e);
  } finally {
    await tearDownLab({ interruption, supervisor, receiver, workspace });
  }

  // Heartbeats repeat by design: they are judged by the heartbeat proof, not by exactly-once.
  const expected = [
    ...(hasHeartbeat ? [] : [WATCHDOG_ALERT]),
    ...LAB_STEPS.map((s) => s.alertname),
    ...(targetDown?.alertnames ?? []),
  ];
  const steps = receiver.notifications.filter((n) => !isHeartbeat(n) && n.at < stepsEndedAt);
  const analysis = analyzeDelivery(steps, expected, senderNameIn(nodes.alertmanagers));
  const targetDownProof: TargetDownProof | null = targetDown
    ? judgeTargetDown(steps, targetDown, targetDownEvents)
    : null;
  return {
    report: labReport(versions, analysis, faults.killed, timeline.events, heartbeat, targetDownProof),
    dir: workspace.dir,
    pids: supervisor.allPids(),
  };
}
