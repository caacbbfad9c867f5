/** The lab's timeline: each event with its time since the start, shown as a progress line when it happens. */
import type { TimelineEvent } from "./lab-report.js";

export class LabTimeline {
  readonly events: TimelineEvent[] = [];

  constructor(
    /** Date.now() at the start; event times and the receiver's notification times count from it. */
    readonly startedAt: number,
    private readonly progress: (line: string) => void,
  ) {}

  record(kind: string, subject: string, detail?: string): void {
    const e: TimelineEvent = {
      at: Math.round((Date.now() - this.startedAt) / 100) / 10,
      kind,
      subject,
      ...(detail ? { detail } : {}),
    };
    this.events.push(e);
    this.progress(`hamon lab: ${e.at.toFixed(1).padStart(5)}s ${kind} ${subject}${detail ? ` (${detail})` : ""}`);
  }
}
