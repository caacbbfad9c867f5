/**
 * The real binaries the lab, the sizing calibration and the tests run: Prometheus, Alertmanager,
 * promtool, amtool and node-exporter, as Debian packages them (`prometheus` 2.42 ships prometheus
 * and promtool; `prometheus-alertmanager` 0.25 ships prometheus-alertmanager and amtool;
 * `prometheus-node-exporter` 1.5 ships prometheus-node-exporter; packages.debian.org/bookworm),
 * and setpriv (`util-linux`), which makes children die with hamon (process-supervisor.ts). One environment variable overrides each path (HAMON_PROMETHEUS,
 * HAMON_ALERTMANAGER, HAMON_PROMTOOL, HAMON_AMTOOL, HAMON_SETPRIV, HAMON_NODE_EXPORTER).
 */
import { execFile } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import { promisify } from "node:util";
import { InputError } from "../errors.js";

export type LabTool = "prometheus" | "alertmanager" | "promtool" | "amtool" | "setpriv" | "node-exporter";

interface ToolFacts {
  env: string;
  /** File names to look for on PATH, first match wins. Debian renames alertmanager. */
  names: string[];
  debianPackage: string;
}

export const TOOLS: Record<LabTool, ToolFacts> = {
  prometheus: { env: "HAMON_PROMETHEUS", names: ["prometheus"], debianPackage: "prometheus" },
  alertmanager: {
    env: "HAMON_ALERTMANAGER",
    names: ["prometheus-alertmanager", "alertmanager"],
    debianPackage: "prometheus-alertmanager",
  },
  promtool: { env: "HAMON_PROMTOOL", names: ["promtool"], debianPackage: "prometheus" },
  amtool: { env: "HAMON_AMTOOL", names: ["amtool"], debianPackage: "prometheus-alertmanager" },
  setpriv: { env: "HAMON_SETPRIV", names: ["setpriv"], debianPackage: "util-linux" },
  "node-exporter": {
    env: "HAMON_NODE_EXPORTER",
    names: ["prometheus-node-exporter", "node_exporter"],
    debianPackage: "prometheus-node-exporter",
  },
};

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The path of a tool, or undefined when it is not installed (or its override names no executable). */
export function findBinary(tool: LabTool, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const facts = TOOLS[tool];
  const override = env[facts.env];
  if (override !== undefined && override !== "") return isExecutable(override) ? override : undefined;
  const dirs = ["/usr/bin", ...(env.PATH ?? "").split(delimiter).filter(Boolean)];
  for (const name of facts.names) {
    for (const dir of dirs) {
      const path = join(dir, name);
      if (isExecutable(path)) return path;
    }
  }
  return undefined;
}

/** The binaries are missing: what to install (exit 2, as any input the user can fix). */
export class MissingBinaryError extends InputError {
  override name = "MissingBinaryError";
  constructor(readonly missing: LabTool[]) {
    const packages = [...new Set(missing.map((t) => TOOLS[t].debianPackage))].sort();
    super(
      `${missing.join(" and ")} not found (looked in /usr/bin and PATH; override with ${missing.map((t) => TOOLS[t].env).join(", ")}). ` +
        `Install with: sudo apt-get install -y ${packages.join(" ")}`,
    );
  }
}

export function requireBinaries<T extends LabTool>(
  tools: readonly T[],
  env: NodeJS.ProcessEnv = process.env,
): Record<T, string> {
  const found = {} as Record<T, string>;
  const missing: LabTool[] = [];
  for (const tool of tools) {
    const path = findBinary(tool, env);
    if (path === undefined) missing.push(tool);
    else found[tool] = path;
  }
  if (missing.length > 0) throw new MissingBinaryError(missing);
  return found;
}

/** "prometheus, version 2.42.0+ds (branch: …)" → "2.42.0+ds". */
export function parseVersion(output: string): string | undefined {
  return output.match(/version\s+v?([0-9][^\s(]*)/)?.[1];
}

export async function binaryVersion(path: string): Promise<string> {
  const { stdout, stderr } = await promisify(execFile)(path, ["--version"], { timeout: 10_000 });
  return parseVersion(`${stdout}\n${stderr}`) ?? "unknown";
}
