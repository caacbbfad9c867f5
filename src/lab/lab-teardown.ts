/**
 * How the lab ends, whatever happens: every process is stopped and the temp folder removed on
 * success, on failure, and on SIGINT/SIGTERM (a second signal kills at once); with setpriv also
 * when hamon is killed with SIGKILL (process-supervisor.ts). The folders and processes of a lab
 * killed that way are removed at the start of the next run (lab-workspace.ts).
 */
import { findBinary } from "./binaries.js";
import type { LabWorkspace } from "./lab-workspace.js";
import type { ProcessSupervisor } from "./process-supervisor.js";
import type { WebhookReceiver } from "./webhook-receiver.js";

/** Ctrl-C or SIGTERM: the lab stopped everything it started. */
export class LabInterruptedError extends Error {
  override name = "LabInterruptedError";
  constructor(readonly signal: NodeJS.Signals) {
    super(`interrupted by ${signal}; every lab process was stopped`);
  }
}

/** The path of setpriv, or undefined after saying what its absence means. */
export function setprivOrNotice(env: NodeJS.ProcessEnv, progress: (line: string) => void): string | undefined {
  const setpriv = findBinary("setpriv", env);
  if (setpriv === undefined) {
    progress(
      "hamon lab: setpriv (util-linux) not found: if hamon is killed with SIGKILL, its processes run on until the next hamon lab",
    );
  }
  return setpriv;
}

export interface LabInterruption {
  /** Aborted (with a LabInterruptedError) by the first SIGINT or SIGTERM. */
  readonly signal: AbortSignal;
  /** The error to throw for `e`: the interruption, when that is what stopped the lab. */
  errorFor(e: unknown): unknown;
  /** Removes the signal handlers. */
  dispose(): void;
}

/**
 * The first SIGINT or SIGTERM aborts the lab, which then stops in order (`tearDownLab`); a second
 * one kills every process at once, removes the folder and exits 130.
 */
export function interruptOnSignals(supervisor: ProcessSupervisor, workspace: LabWorkspace): LabInterruption {
  const abort = new AbortController();
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (++signals > 1) {
      supervisor.killAllNow();
      workspace.removeNow();
      process.exit(130);
    }
    abort.abort(new LabInterruptedError(signal));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return {
    signal: abort.signal,
    errorFor: (e) => (abort.signal.aborted ? abort.signal.reason : e),
    dispose: () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    },
  };
}

/** Stops every process and the receiver, and removes the folder unless kept. */
export async function tearDownLab(lab: {
  interruption: LabInterruption;
  supervisor: ProcessSupervisor;
  receiver: WebhookReceiver;
  workspace: LabWorkspace;
}): Promise<void> {
  lab.interruption.dispose();
  await lab.supervisor.stopAll();
  await lab.receiver.stop();
  await lab.workspace.remove();
}
