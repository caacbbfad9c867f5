/**
 * A real Prometheus and a real node-exporter on loopback for a test file: started on free ports
 * in a temporary folder, stopped (and awaited) and the folder removed when the file's tests end.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll } from "vitest";
import { stringify } from "yaml";
import { LOOPBACK, PortAllocator } from "../../src/lab/free-ports.js";
import { waitFor } from "../../src/lab/readiness.js";
import { tempDirs } from "./temp-dirs.js";

export interface RuleFileText {
  name: string;
  text: string;
}

export interface LoopbackPrometheus {
  url: string;
  dir: string;
  /** Each rule file as written for Prometheus to load. */
  ruleFiles: string[];
}

/** Starts processes and stops them all when the test file ends; call once at module level. */
export function loopbackProcesses() {
  const newDir = tempDirs("hamon-real-prometheus-");
  const children: ChildProcess[] = [];
  const ports = new PortAllocator();
  afterAll(async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolveExit) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolveExit();
            child.once("exit", () => resolveExit());
            child.kill("SIGTERM");
          }),
      ),
    );
  });

  const start = (command: string, args: string[]) => {
    const child = spawn(command, args, { stdio: "ignore" });
    children.push(child);
    return child;
  };

  return {
    /** node-exporter with its default collectors; resolves with its host:port once it answers. */
    async nodeExporter(binary: string): Promise<string> {
      const address = `${LOOPBACK}:${await ports.next()}`;
      const child = start(binary, [`--web.listen-address=${address}`]);
      await waitFor(async () => (await fetch(`http://${address}/metrics`)).ok, {
        what: "node-exporter to answer",
        timeoutMs: 20_000,
        check: () => {
          if (child.exitCode !== null) throw new Error(`node-exporter exited with ${child.exitCode}`);
        },
      });
      return address;
    },

    /** Prometheus with these rule files and scrape configs, evaluating and scraping every second. */
    async prometheus(
      binary: string,
      rules: RuleFileText[],
      scrapeConfigs: Array<Record<string, unknown>>,
    ): Promise<LoopbackPrometheus> {
      const dir = newDir();
      const ruleFiles = rules.map((r) => {
        const file = join(dir, `${r.name}.rules.yaml`);
        writeFileSync(file, r.text);
        return file;
      });
      const config = join(dir, "prometheus.yml");
      writeFileSync(
        config,
        stringify({
          global: { scrape_interval: "1s", evaluation_interval: "1s" },
          rule_files: ruleFiles,
          scrape_configs: scrapeConfigs,
        }),
      );
      const port = await ports.next();
      const child = start(binary, [
        `--config.file=${config}`,
        `--storage.tsdb.path=${join(dir, "data")}`,
        `--web.listen-address=${LOOPBACK}:${port}`,
      ]);
      const url = `http://${LOOPBACK}:${port}`;
      await waitFor(async () => (await fetch(`${url}/-/ready`)).ok, {
        what: "Prometheus to be ready",
        timeoutMs: 30_000,
        check: () => {
          if (child.exitCode !== null)
            throw new Error(`Prometheus exited with ${child.exitCode}: check its rule files`);
        },
      });
      return { url, dir, ruleFiles };
    },
  };
}
