/**
 * The lab's temp folder, `hamon-lab-<pid>-XXXXXX` (owned-temp-dir.ts), and what it holds:
 *
 *   rules/rendered.rules.yaml          the rendered PrometheusRules' groups (target-down `for:` shortened)
 *   rules/lab.rules.yaml               the lab's step alerts (fault-injection.ts)
 *   alertmanager.yml                   the rendered routing, every receiver the lab's webhook
 *   <process>/                         an Alertmanager's storage; a Prometheus' prometheus.yml and data/
 *                                      (node-exporter has none: it keeps nothing)
 *   <process>.log                      the process' output
 *
 * Removed at the end unless kept (`hamon lab --keep`); the folders a lab killed with SIGKILL left
 * behind are removed when the next lab starts.
 */
import { rmSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { AlertmanagerRouting } from "../render/alertmanager-config.js";
import type { AlertingRuleGroup } from "../render/components/meta-monitoring-rules.js";
import { plural } from "../plural.js";
import { labAlertRuleGroup } from "./fault-injection.js";
import { labAlertmanagerConfig, ruleFileText } from "./lab-config.js";
import { createOwnedTempDir, removeStaleTempDirs } from "./owned-temp-dir.js";

/** Removes the folders (and stops the processes) of lab runs killed with SIGKILL, and says so. */
export async function removeKilledLabRuns(progress: (line: string) => void): Promise<void> {
  const stale = await removeStaleTempDirs("lab");
  if (stale.removed.length === 0) return;
  const processes =
    stale.killed.length > 0 ? `, and stopped ${plural(stale.killed.length, "process", "processes")}` : "";
  progress(`hamon lab: removed ${plural(stale.removed.length, "temp folder")} of a killed lab run${processes}`);
}

export class LabWorkspace {
  private constructor(
    readonly dir: string,
    readonly keep: boolean,
  ) {}

  static async create(keep: boolean): Promise<LabWorkspace> {
    return new LabWorkspace(await createOwnedTempDir("lab", { keep }), keep);
  }

  get alertmanagerConfig(): string {
    return join(this.dir, "alertmanager.yml");
  }

  /** Every rule file, as a Prometheus `rule_files` glob. */
  get ruleFiles(): string {
    return join(this.dir, "rules", "*.rules.yaml");
  }

  /** A process' own folder: an Alertmanager's storage, a Prometheus' config and data. */
  folderOf(name: string): string {
    return join(this.dir, name);
  }

  logOf(name: string): string {
    return join(this.dir, `${name}.log`);
  }

  prometheusConfigOf(name: string): string {
    return join(this.folderOf(name), "prometheus.yml");
  }

  prometheusDataOf(name: string): string {
    return join(this.folderOf(name), "data");
  }

  /** The rendered rules next to the lab's own, and the rendered routing sent to `webhookUrl`. */
  async writeAlertingConfig(
    ruleGroups: AlertingRuleGroup[],
    routing: AlertmanagerRouting,
    webhookUrl: string,
    alertmanagers: number,
  ): Promise<void> {
    await mkdir(join(this.dir, "rules"));
    await writeFile(join(this.dir, "rules", "rendered.rules.yaml"), ruleFileText(ruleGroups));
    await writeFile(join(this.dir, "rules", "lab.rules.yaml"), ruleFileText([labAlertRuleGroup()]));
    await writeFile(this.alertmanagerConfig, labAlertmanagerConfig(routing, webhookUrl, alertmanagers));
  }

  async createFolderOf(name: string): Promise<void> {
    await mkdir(this.folderOf(name));
  }

  async writePrometheusConfig(name: string, text: string): Promise<void> {
    await writeFile(this.prometheusConfigOf(name), text);
  }

  /** Removes the folder unless kept. */
  async remove(): Promise<void> {
    if (!this.keep) await rm(this.dir, { recursive: true, force: true });
  }

  /** Removes the folder unless kept, synchronously (the process is about to exit); failing that, the next run does. */
  removeNow(): void {
    try {
      if (!this.keep) rmSync(this.dir, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // a process still writing: the next run removes the folder
    }
  }
}
