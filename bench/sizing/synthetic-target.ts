/**
 * hamon's synthetic scrape target for the sizing calibration: a node HTTP server on 127.0.0.1
 * that serves many "pods", each exposing the metric families a typical instrumented service
 * exposes (request counters per method/path/status, a latency histogram per method/path, Go
 * runtime and process gauges). Prometheus attaches the Kubernetes-style target labels
 * (namespace, pod, container, service, instance) from its static_configs, as kubernetes_sd
 * relabeling does in a real cluster.
 *
 * Time is simulated: every scrape of a pod returns the next step of that pod's series with an
 * explicit timestamp `start + step × interval` (the text format allows a timestamp per sample:
 * prometheus.io/docs/instrumenting/exposition_formats/#text-format-details). Prometheus keeps
 * scraped timestamps (`honor_timestamps: true`, the default), so the benchmark pushes hours of
 * 30s-interval data through the real scrape → head → WAL → compaction path in minutes, with the
 * same samples per chunk as a real 30s scrape. Values evolve like real ones (integer counter
 * increments, cumulative histogram buckets, float sums, random-walk gauges), since the XOR
 * chunk encoding's bytes per sample depend on how values change.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** Series each synthetic pod exposes; a typical instrumented service exposes several hundred to a few thousand. */
export const SERIES_PER_POD = 1000;

const METHODS = ["GET", "POST"] as const;
const PATHS = [
  "/",
  "/healthz",
  "/api/v1/orders",
  "/api/v1/orders/:id",
  "/api/v1/orders/:id/items",
  "/api/v1/customers",
  "/api/v1/customers/:id",
  "/api/v1/invoices",
  "/api/v1/invoices/:id",
  "/api/v1/payments",
  "/api/v1/payments/:id",
  "/api/v1/products",
  "/api/v1/products/:id",
  "/api/v1/search",
  "/api/v1/cart",
  "/api/v1/cart/items",
  "/api/v1/login",
  "/api/v1/logout",
  "/api/v1/session",
  "/api/v2/orders",
  "/api/v2/orders/:id",
  "/api/v2/stock",
  "/api/v2/stock/:sku",
  "/metrics-proxy",
  "/static/:file",
] as const;
const STATUSES = ["200", "201", "404", "500"] as const;
const LE = ["0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"] as const;

type Kind = "counter" | "gauge";
interface SeriesDef {
  /** `name{labels} ` prefix of the exposition line. */
  prefix: string;
  kind: Kind;
}
interface HistogramDef {
  buckets: number[]; // series indexes of the buckets, ascending le
  sum: number;
  count: number;
}

/** A small seeded PRNG (mulberry32) so that runs are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The exposition layout of one pod: exactly SERIES_PER_POD series. */
function podLayout(): { series: SeriesDef[]; counters: number[]; histograms: HistogramDef[]; header: string } {
  const series: SeriesDef[] = [];
  const counters: number[] = [];
  const histograms: HistogramDef[] = [];
  const header =
    "# HELP http_requests_total Requests handled.\n# TYPE http_requests_total counter\n" +
    "# HELP http_request_duration_seconds Request latency.\n# TYPE http_request_duration_seconds histogram\n";
  for (const method of METHODS) {
    for (const path of PATHS) {
      for (const status of STATUSES) {
        counters.push(series.length);
        series.push({
          prefix: `http_requests_total{method="${method}",path="${path}",status="${status}"} `,
          kind: "counter",
        });
      }
      const h: HistogramDef = { buckets: [], sum: 0, count: 0 };
      for (const le of LE) {
        h.buckets.push(series.length);
        series.push({
          prefix: `http_request_duration_seconds_bucket{method="${method}",path="${path}",le="${le}"} `,
          kind: "counter",
        });
      }
      h.sum = series.length;
      series.push({ prefix: `http_request_duration_seconds_sum{method="${method}",path="${path}"} `, kind: "counter" });
      h.count = series.length;
      series.push({
        prefix: `http_request_duration_seconds_count{method="${method}",path="${path}"} `,
        kind: "counter",
      });
      histograms.push(h);
    }
  }
  // Runtime and application gauges fill the pod up to SERIES_PER_POD (queue depths, pool sizes,
  // cache entries per name, like client_golang's and typical app gauges).
  for (let i = 0; series.length < SERIES_PER_POD; i++) {
    series.push({ prefix: `app_queue_depth{queue="q${i % 40}",shard="${Math.floor(i / 40)}"} `, kind: "gauge" });
  }
  return { series, counters, histograms, header };
}

const LAYOUT = podLayout();

/** One pod's evolving values. */
class SyntheticPod {
  private readonly values: Float64Array;
  private readonly rates: Float64Array;
  private step = 0;
  private revision = 0;
  private prefixes: string[] = [];
  constructor(
    private readonly random: () => number,
    private readonly startMs: number,
    private readonly intervalMs: number,
    /** Churn: the pod restarts every this many steps (0: never), first after `restartPhase` steps. */
    private readonly restartEverySteps = 0,
    private readonly restartPhase = 0,
  ) {
    this.relabel();
    this.values = new Float64Array(SERIES_PER_POD);
    this.rates = new Float64Array(SERIES_PER_POD);
    for (let i = 0; i < SERIES_PER_POD; i++) {
      // Requests per second of each endpoint: heavy-tailed, many near zero (as in real services);
      // error statuses are rare, so their counters mostly stay flat between scrapes.
      const errorShare = LAYOUT.series[i]!.prefix.includes('status="500"')
        ? 0.01
        : LAYOUT.series[i]!.prefix.includes('status="404"')
          ? 0.05
          : 1;
      this.rates[i] = Math.pow(random(), 3) * 50 * errorShare;
      this.values[i] = LAYOUT.series[i]!.kind === "gauge" ? Math.floor(random() * 1000) : Math.floor(random() * 1e6);
    }
  }

  get steps(): number {
    return this.step;
  }

  /**
   * With churn, every series carries the pod's revision, so that a restart replaces all of them
   * with new series; without churn the series are exactly the layout's (as calibrated).
   */
  private relabel(): void {
    this.prefixes =
      this.restartEverySteps > 0
        ? LAYOUT.series.map((d) => d.prefix.replace("} ", `,revision="${this.revision}"} `))
        : LAYOUT.series.map((d) => d.prefix);
  }

  /** A restart, as a rollout makes it: new series (a new revision), counters from zero. */
  private restart(): void {
    this.revision++;
    this.relabel();
    for (let i = 0; i < SERIES_PER_POD; i++) if (LAYOUT.series[i]!.kind === "counter") this.values[i] = 0;
  }

  /** Advance one simulated interval and return the exposition text with explicit timestamps. */
  next(): string {
    if (this.restartEverySteps > 0 && this.step > 0 && (this.step + this.restartPhase) % this.restartEverySteps === 0) {
      this.restart();
    }
    const seconds = this.intervalMs / 1000;
    const r = this.random;
    for (const i of LAYOUT.counters) this.values[i]! += Math.round(this.rates[i]! * seconds * (0.5 + r()));
    for (const h of LAYOUT.histograms) {
      const rate = this.rates[h.count]!;
      const n = Math.round(rate * seconds * (0.5 + r()));
      // Cumulative buckets: each bucket gets the share of requests faster than its bound.
      let cumulative = 0;
      const shares = [0.05, 0.15, 0.35, 0.6, 0.8, 0.92, 0.97, 0.99, 0.997, 0.999, 1, 1];
      for (let b = 0; b < h.buckets.length; b++) {
        const target = Math.round(n * shares[b]!);
        cumulative = Math.max(cumulative, target);
        this.values[h.buckets[b]!]! += cumulative;
      }
      this.values[h.count]! += n;
      this.values[h.sum]! += n * (0.02 + 0.08 * r());
    }
    for (let i = 0; i < SERIES_PER_POD; i++) {
      if (LAYOUT.series[i]!.kind === "gauge")
        this.values[i] = Math.max(0, this.values[i]! + Math.round((r() - 0.5) * 20));
    }
    const ts = this.startMs + this.step * this.intervalMs;
    this.step++;
    const lines: string[] = [LAYOUT.header];
    for (let i = 0; i < SERIES_PER_POD; i++)
      lines.push(this.prefixes[i]!, String(this.values[i]), " ", String(ts), "\n");
    return lines.join("");
  }
}

export interface SyntheticTarget {
  /** host:port the target listens on (127.0.0.1 only). */
  address: string;
  pods: number;
  /** The metrics path of pod `i`. */
  path(i: number): string;
  /** The fewest steps any pod has served. */
  minSteps(): number;
  /** The most steps any pod has served. */
  maxSteps(): number;
  close(): Promise<void>;
}

export interface SyntheticTargetOptions {
  pods: number;
  /** Simulated start time (ms since epoch) of every pod's first sample. */
  startMs: number;
  /** Simulated scrape interval between consecutive samples. */
  intervalMs: number;
  /** Steps after which a pod answers 503 (no sample): the run's simulated length. */
  maxSteps: number;
  /**
   * Distinct value histories: pod i replays history i mod this. Per-series compression depends
   * only on that series' own values, so sharing histories between pods keeps the data realistic
   * while the (single-threaded) target stays far cheaper than the Prometheus under test.
   */
  histories?: number;
  /**
   * Series churn: the share of pods restarted per simulated hour, each restart replacing the
   * pod's series (new `revision` label), as rollouts do. 0 (the default) for stable series.
   * Restarts go by history, so the granularity is 1/histories of the pods.
   */
  churnPerHour?: number;
  seed?: number;
}

export async function startSyntheticTarget(opts: SyntheticTargetOptions): Promise<SyntheticTarget> {
  const random = seededRandom(opts.seed ?? 42);
  const historyCount = Math.min(opts.pods, opts.histories ?? 16);
  const churn = opts.churnPerHour ?? 0;
  const restartEvery = churn > 0 ? Math.max(1, Math.round(3_600_000 / opts.intervalMs / churn)) : 0;
  const histories = Array.from(
    { length: historyCount },
    (_, h) =>
      new SyntheticPod(
        random,
        opts.startMs,
        opts.intervalMs,
        restartEvery,
        Math.floor((h * restartEvery) / historyCount),
      ),
  );
  // bodies[h][step]: generated once per history and step, dropped once every pod has moved past it.
  const bodies: Array<Map<number, Buffer>> = histories.map(() => new Map());
  const podSteps = new Int32Array(opts.pods);
  let lowest = 0;
  const bodyAt = (h: number, step: number): Buffer => {
    const cache = bodies[h]!;
    let body = cache.get(step);
    if (!body) {
      while (histories[h]!.steps <= step) cache.set(histories[h]!.steps, Buffer.from(histories[h]!.next()));
      body = cache.get(step)!;
    }
    return body;
  };
  const server: Server = createServer((req, res) => {
    const m = /^\/pod\/(\d+)\/metrics$/.exec(req.url ?? "");
    const i = m ? Number(m[1]) : -1;
    if (!(i >= 0 && i < opts.pods)) {
      res.writeHead(404).end();
      return;
    }
    const step = podSteps[i]!;
    if (step >= opts.maxSteps) {
      res.writeHead(503).end("simulated run finished\n");
      return;
    }
    podSteps[i] = step + 1;
    const body = bodyAt(i % historyCount, step);
    const min = podSteps.reduce((a, b) => Math.min(a, b), Infinity);
    if (min > lowest) {
      for (const cache of bodies) for (let s = lowest; s < min; s++) cache.delete(s);
      lowest = min;
    }
    res.writeHead(200, { "Content-Type": "text/plain; version=0.0.4; charset=utf-8", "Content-Length": body.length });
    res.end(body);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    pods: opts.pods,
    path: (i) => `/pod/${i}/metrics`,
    minSteps: () => podSteps.reduce((a, b) => Math.min(a, b), Infinity),
    maxSteps: () => podSteps.reduce((a, b) => Math.max(a, b), 0),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
