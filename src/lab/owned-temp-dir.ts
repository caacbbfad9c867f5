/**
 * Temp folders that name their owner: `hamon-<kind>-<pid>-XXXXXX` in the system temp folder.
 *
 * A run removes its folder when it ends, but a run killed with SIGKILL runs no more code, so its
 * folder stays. The next run of the same kind removes such stale folders: those matching exactly
 * this pattern, owned by the current user, whose owner PID no longer runs. Processes of the dead
 * run still working in the folder (possible only without setpriv, see process-supervisor.ts) are
 * killed first: their flags point into the folder. Anything else is never touched; a folder whose
 * PID was reused by another process is kept (it is removed once that one ends). A folder the user
 * asked to keep (`hamon lab --keep`) is named `hamon-<kind>-kept-<pid>-XXXXXX`, which no sweep matches.
 */
import { lstat, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isProcessRunning, processesConfiguredIn } from "../io/process-table.js";

/** lab: `hamon lab`; sizing: the sizing calibration (bench/sizing). */
export type TempDirKind = "lab" | "sizing";

/** mkdtemp(3) replaces XXXXXX by six characters from [A-Za-z0-9]. */
export function ownedTempDirPattern(kind: TempDirKind): RegExp {
  return new RegExp(`^hamon-${kind}-([1-9][0-9]*)-[A-Za-z0-9]{6}$`);
}

/** A new empty folder `hamon-<kind>-<this pid>-XXXXXX`, or `hamon-<kind>-kept-<pid>-XXXXXX` when `keep`. */
export function createOwnedTempDir(
  kind: TempDirKind,
  options: { keep?: boolean; root?: string } = {},
): Promise<string> {
  return mkdtemp(join(options.root ?? tmpdir(), `hamon-${kind}-${options.keep ? "kept-" : ""}${process.pid}-`));
}

export interface StaleTempDirSweep {
  /** Folders removed. */
  removed: string[];
  /** Processes of dead runs killed before their folder was removed. */
  killed: number[];
}

/** Removes the folders of `kind` left by runs that no longer run (see the module comment). */
export async function removeStaleTempDirs(kind: TempDirKind, root: string = tmpdir()): Promise<StaleTempDirSweep> {
  const pattern = ownedTempDirPattern(kind);
  const sweep: StaleTempDirSweep = { removed: [], killed: [] };
  let names: string[];
  try {
    names = await readdir(root);
  } catch {
    return sweep;
  }
  const uid = process.getuid?.();
  for (const name of names) {
    const owner = pattern.exec(name)?.[1];
    if (owner === undefined || isProcessRunning(Number(owner))) continue;
    const folder = join(root, name);
    try {
      const stat = await lstat(folder);
      // Not a symlink, and ours: another user's folder (or a trap) in a shared /tmp is left alone.
      if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid)) continue;
      for (const pid of processesConfiguredIn(folder)) {
        try {
          process.kill(pid, "SIGKILL");
          sweep.killed.push(pid);
        } catch {
          // exited meanwhile
        }
      }
      await rm(folder, { recursive: true, force: true });
      sweep.removed.push(folder);
    } catch {
      // Gone meanwhile (another run swept it), or not removable: not this run's problem.
    }
  }
  return sweep;
}
