/**
 * What the receiver got, judged: every expected alert group notified (none lost), and no group
 * notified twice with the same content (no duplicate). Pure.
 *
 * A "group" is Alertmanager's group key (route + group_by labels) for one receiver. A duplicate is
 * a second notification with the same receiver, group key, status and set of alert fingerprints:
 * the lab's repeat_interval is far longer than the lab, so nothing else can explain it.
 */
import type { ReceivedNotification } from "./webhook-receiver.js";

export interface GroupDelivery {
  receiver: string;
  groupKey: string;
  alertnames: string[];
  /** Firing notifications received for this group. */
  notifications: number;
  /** Resolved notifications received for this group (the target-down alert resolves during the steps). */
  resolved: number;
  /** Seconds since the lab started, of the first notification. */
  firstAt: number;
  /** The Alertmanagers that sent them, in order. */
  senders: string[];
}

export interface Duplicate {
  receiver: string;
  groupKey: string;
  status: "firing" | "resolved";
  alertnames: string[];
  /** How many times the same notification arrived (≥ 2). */
  deliveries: number;
  senders: string[];
  /** Seconds since the lab started, of each delivery. */
  at: number[];
}

export interface DeliveryAnalysis {
  groups: GroupDelivery[];
  duplicates: Duplicate[];
  /** Expected alerts that no firing notification carried. */
  lost: string[];
}

const seconds = (ms: number) => Math.round(ms / 100) / 10;

export function analyzeDelivery(
  notifications: readonly ReceivedNotification[],
  expectedAlertnames: readonly string[],
  senderName: (externalURL: string) => string = (u) => u,
): DeliveryAnalysis {
  const sorted = [...notifications].sort((a, b) => a.at - b.at);
  const groups = new Map<string, GroupDelivery>();
  const identical = new Map<string, Duplicate>();
  for (const n of sorted) {
    const groupId = `${n.receiver}\u0000${n.groupKey}`;
    const group = groups.get(groupId) ?? {
      receiver: n.receiver,
      groupKey: n.groupKey,
      alertnames: [],
      notifications: 0,
      resolved: 0,
      firstAt: seconds(n.at),
      senders: [],
    };
    if (n.status === "firing") group.notifications++;
    else group.resolved++;
    group.senders.push(senderName(n.externalURL));
    group.alertnames = [...new Set([...group.alertnames, ...n.alertnames])].sort();
    groups.set(groupId, group);

    const contentId = `${groupId}\u0000${n.status}\u0000${n.fingerprints.join(",")}`;
    const same = identical.get(contentId) ?? {
      receiver: n.receiver,
      groupKey: n.groupKey,
      status: n.status,
      alertnames: n.alertnames,
      deliveries: 0,
      senders: [],
      at: [],
    };
    same.deliveries++;
    same.senders.push(senderName(n.externalURL));
    same.at.push(seconds(n.at));
    identical.set(contentId, same);
  }
  const notified = new Set(sorted.filter((n) => n.status === "firing").flatMap((n) => n.alertnames));
  return {
    groups: [...groups.values()].sort((a, b) => a.firstAt - b.firstAt || a.groupKey.localeCompare(b.groupKey)),
    duplicates: [...identical.values()].filter((d) => d.deliveries > 1),
    lost: expectedAlertnames.filter((a) => !notified.has(a)),
  };
}
