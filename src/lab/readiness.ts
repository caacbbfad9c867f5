/** Waiting for the lab's processes over HTTP: polls with a deadline, abortable by Ctrl-C. */
import { setTimeout as sleep } from "node:timers/promises";

export class LabTimeoutError extends Error {
  override name = "LabTimeoutError";
}

export interface WaitOptions {
  what: string;
  timeoutMs: number;
  intervalMs?: number;
  signal?: AbortSignal | undefined;
  /** Called before every attempt; throws to stop waiting (a process died). */
  check?: () => void;
}

/** Polls `condition` until it returns a value other than undefined/false, or throws on timeout. */
export async function waitFor<T>(condition: () => Promise<T | undefined | false>, options: WaitOptions): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown;
  for (;;) {
    options.signal?.throwIfAborted();
    options.check?.();
    try {
      const value = await condition();
      if (value !== undefined && value !== false) return value;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() >= deadline) {
      const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : "";
      throw new LabTimeoutError(`timed out after ${options.timeoutMs / 1000}s waiting for ${options.what}${why}`);
    }
    await sleep(options.intervalMs ?? 100, undefined, { signal: options.signal });
  }
}

/** GET a URL; the body as JSON, or undefined unless the status is 2xx. */
export async function getJson(url: string, signal?: AbortSignal): Promise<unknown> {
  const response = await fetch(url, {
    signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(2_000)]) : AbortSignal.timeout(2_000),
  });
  if (!response.ok) return undefined;
  return response.json();
}

export async function isReady(baseUrl: string, signal?: AbortSignal): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/-/ready`, {
      signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(2_000)]) : AbortSignal.timeout(2_000),
    });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}
