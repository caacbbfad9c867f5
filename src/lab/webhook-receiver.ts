/**
 * The receiver every lab Alertmanager notifies: a node HTTP server on loopback that records each
 * webhook notification (prometheus.io/docs/alerting/latest/configuration/#webhook_config, payload
 * fields `receiver`, `status`, `groupKey`, `externalURL`, `alerts[].fingerprint`). It also serves
 * the gauge `hamon_lab_step` that the lab Prometheus scrapes, so that the lab decides when each
 * step's test alert starts to fire.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import { LOOPBACK } from "./free-ports.js";

export const WEBHOOK_PATH = "/alerts";
export const STEP_METRIC = "hamon_lab_step";

/** One notification as Alertmanager delivered it. */
export interface ReceivedNotification {
  /** Milliseconds since the lab started. */
  at: number;
  /** The sending Alertmanager's --web.external-url. */
  externalURL: string;
  receiver: string;
  groupKey: string;
  status: "firing" | "resolved";
  alertnames: string[];
  /** Fingerprints of the alerts in the notification, sorted. */
  fingerprints: string[];
}

interface WebhookPayload {
  receiver?: unknown;
  status?: unknown;
  groupKey?: unknown;
  externalURL?: unknown;
  alerts?: Array<{ labels?: Record<string, string>; fingerprint?: string }>;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", () => resolveBody(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

/** Parses a webhook body; undefined when it is not an Alertmanager notification. */
export function parseNotification(body: string, at: number): ReceivedNotification | undefined {
  let payload: WebhookPayload;
  try {
    payload = JSON.parse(body) as WebhookPayload;
  } catch {
    return undefined;
  }
  if (typeof payload.groupKey !== "string" || typeof payload.receiver !== "string" || !Array.isArray(payload.alerts))
    return undefined;
  const alerts = payload.alerts;
  return {
    at,
    externalURL: typeof payload.externalURL === "string" ? payload.externalURL : "",
    receiver: payload.receiver,
    groupKey: payload.groupKey,
    status: payload.status === "resolved" ? "resolved" : "firing",
    alertnames: [...new Set(alerts.map((a) => a.labels?.alertname ?? ""))].sort(),
    fingerprints: alerts.map((a) => a.fingerprint ?? JSON.stringify(a.labels ?? {})).sort(),
  };
}

export class WebhookReceiver {
  readonly notifications: ReceivedNotification[] = [];
  private step = 0;
  private server: Server | undefined;
  private listeners: Array<(n: ReceivedNotification) => void> = [];

  constructor(private readonly startedAt: number) {}

  /** Listens on a free loopback port; resolves with it. */
  async start(): Promise<number> {
    const server = createServer((request, response) => {
      void (async () => {
        if (request.method === "POST" && request.url === WEBHOOK_PATH) {
          const notification = parseNotification(await readBody(request), Date.now() - this.startedAt);
          if (notification) {
            this.notifications.push(notification);
            for (const l of this.listeners) l(notification);
          }
          response.writeHead(notification ? 200 : 400).end();
        } else if (request.method === "GET" && request.url === "/metrics") {
          response
            .writeHead(200, { "content-type": "text/plain; version=0.0.4" })
            .end(
              `# HELP ${STEP_METRIC} The lab's current fault-injection step.\n# TYPE ${STEP_METRIC} gauge\n${STEP_METRIC} ${this.step}\n`,
            );
        } else {
          response.writeHead(404).end();
        }
      })().catch(() => response.writeHead(500).end());
    });
    this.server = server;
    return new Promise((resolvePort, reject) => {
      server.once("error", reject);
      server.listen(0, LOOPBACK, () => {
        const address = server.address();
        resolvePort(typeof address === "object" && address ? address.port : 0);
      });
    });
  }

  setStep(step: number): void {
    this.step = step;
  }

  onNotification(listener: (n: ReceivedNotification) => void): void {
    this.listeners.push(listener);
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
}
