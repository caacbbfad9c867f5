/**
 * A ProcessSupervisor in a process of its own, for tests that SIGKILL it: creates its lab temp
 * folder (in TMPDIR), starts the processes given as JSON in argv[2] (`{dir}` in an argument is
 * replaced by that folder), prints `{"dir": …, "pids": […]}` on stdout and waits to be killed.
 * setpriv is found as the lab finds it (HAMON_SETPRIV overrides).
 */
import { join } from "node:path";
import { findBinary } from "../../src/lab/binaries.js";
import { createOwnedTempDir } from "../../src/lab/owned-temp-dir.js";
import { ProcessSupervisor } from "../../src/lab/process-supervisor.js";

const commands = JSON.parse(process.argv[2] ?? "[]") as Array<{ name: string; command: string; args: string[] }>;
const dir = await createOwnedTempDir("lab");
const supervisor = new ProcessSupervisor({ setpriv: findBinary("setpriv") });
for (const c of commands) {
  supervisor.start({
    name: c.name,
    command: c.command,
    args: c.args.map((a) => a.replaceAll("{dir}", dir)),
    logFile: join(dir, `${c.name}.log`),
  });
}
process.stdout.write(`${JSON.stringify({ dir, pids: supervisor.runningPids() })}\n`);
setInterval(() => supervisor.assertHealthy(), 200);
