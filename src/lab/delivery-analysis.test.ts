import { describe, expect, it } from "vitest";
import { analyzeDelivery } from "./delivery-analysis.js";
import type { ReceivedNotification } from "./webhook-receiver.js";

const n = (
  at: number,
  from: string,
  alertname: string,
  extra: Partial<ReceivedNotification> = {},
): ReceivedNotification => ({
  at,
  externalURL: from,
  receiver: "default",
  groupKey: `{}:{alertname="${alertname}"}`,
  status: "firing",
  alertnames: [alertname],
  fingerprints: [`fp-${alertname}`],
  ...extra,
});

describe("analyzeDelivery", () => {
  it("counts each group once and finds nothing wrong when every group arrives exactly once", () => {
    const result = analyzeDelivery([n(1000, "am0", "A"), n(2500, "am1", "B")], ["A", "B"]);
    expect(result.groups.map((g) => [g.alertnames, g.notifications, g.firstAt, g.senders])).toEqual([
      [["A"], 1, 1, ["am0"]],
      [["B"], 1, 2.5, ["am1"]],
    ]);
    expect(result.duplicates).toEqual([]);
    expect(result.lost).toEqual([]);
  });

  it("reports the same notification from two Alertmanagers as a duplicate, with both senders", () => {
    const result = analyzeDelivery([n(1000, "am0", "A"), n(1100, "am2", "A")], ["A"], (u) => `name-of-${u}`);
    expect(result.duplicates).toHaveLength(1);
    expect(result.duplicates[0]).toMatchObject({
      deliveries: 2,
      senders: ["name-of-am0", "name-of-am2"],
      at: [1, 1.1],
      status: "firing",
    });
  });

  it("does not call a changed group (new alert, or resolved) a duplicate", () => {
    const result = analyzeDelivery(
      [
        n(1000, "am0", "A"),
        n(3000, "am0", "A", { fingerprints: ["fp-A", "fp-A2"] }),
        n(5000, "am0", "A", { status: "resolved" }),
      ],
      ["A"],
    );
    expect(result.duplicates).toEqual([]);
    expect(result.groups).toHaveLength(1);
    // Firing and resolved notifications are counted apart: a group that fires and resolves is notified once.
    expect([result.groups[0]!.notifications, result.groups[0]!.resolved]).toEqual([2, 1]);
  });

  it("keeps groups of different receivers apart", () => {
    const result = analyzeDelivery([n(1000, "am0", "A"), n(1000, "am0", "A", { receiver: "null" })], ["A"]);
    expect(result.groups).toHaveLength(2);
    expect(result.duplicates).toEqual([]);
  });

  it("lists expected alerts that no firing notification carried as lost", () => {
    const result = analyzeDelivery([n(1000, "am0", "A"), n(2000, "am0", "B", { status: "resolved" })], ["A", "B", "C"]);
    expect(result.lost).toEqual(["B", "C"]);
  });
});
