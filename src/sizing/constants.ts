/**
 * Sizing constants. Each names where its number comes from. The Prometheus ones marked
 * "calibrated" are least-squares fits by `npm run bench:sizing` (bench/sizing/run.ts) on the real
 * Prometheus 2.42, over the raw measurements kept in bench/results/sizing-calibration-runs/
 * (runs run-2026-11-25T09-42.json and run-2026-11-25T09-51.json: 6 points at 50k, 200k and
 * 500k series), then verified by a further run whose measured-vs-predicted table is
 * bench/results/sizing-calibration.md (JSON: bench/results/sizing-calibration.json, whose `fit`
 * pools every kept run, that one included).
 */

const MiB = 2 ** 20;
const MB = 1e6;

// ── Prometheus ──────────────────────────────────────────────────────────────────────────────

/**
 * Active series one Prometheus shard carries at most. Past a few million series a single
 * Prometheus' head, WAL replay and compaction times grow into minutes; the Prometheus Operator's
 * sharding guide recommends sharding before that point
 * (prometheus-operator Documentation/user-guides/shards-and-horizontal-scaling.md).
 */
export const SERIES_PER_SHARD_CEILING = 2_000_000;

/**
 * Calibrated: resident memory (VmRSS) per active head series, the slope of the least-squares
 * line through the measured steady resident memory at 50k, 200k and 500k series
 * (bench/results/sizing-calibration-runs/, pooled fit 3219 B, rounded up).
 * Includes labels, postings, the open XOR chunk and Go GC overhead at GOGC=100, for label sets
 * of ~11 labels with the name, ~235 bytes as text (bench/sizing/synthetic-target.ts). Robust Perception's rule of
 * thumb since 2.20, "around 3kB per series in the head", agrees
 * (robustperception.io/why-does-prometheus-use-so-much-ram).
 */
export const PROMETHEUS_BYTES_PER_SERIES = 3220;
/** Calibrated: resident memory at zero series, the intercept of the same fit (77.4 MiB, rounded up). */
export const PROMETHEUS_BASE_BYTES = 78 * MiB;

/**
 * Memory request over the measured steady resident memory: the benchmark measures ingestion
 * only; queries, rule evaluation, head compaction and WAL replay after a restart all allocate on
 * top of it. Prometheus' docs give no factor; WAL replay alone re-creates the whole head
 * (prometheus.io/docs/prometheus/latest/storage/#compaction), and heavy queries can take far
 * more than the head (robustperception.io/why-does-prometheus-use-so-much-ram). 1.5× is a
 * judgment: room for a replay and moderate queries; a query-heavy Prometheus sets
 * prometheus.resources.memory. The memory limit equals the request (src/render/components/resources.ts).
 */
export const PROMETHEUS_MEMORY_HEADROOM = 1.5;

/**
 * Calibrated: bytes of XOR chunks per sample in persisted blocks, at 120 samples per chunk (a
 * full chunk, as a 30s scrape fills it) (bench/results/sizing-calibration-runs/,
 * pooled fit 2.251; 2.25–2.26 at every size). Prometheus' docs quote 1–2 bytes per
 * sample (prometheus.io/docs/prometheus/latest/storage/#operational-aspects); the synthetic
 * target's counters move at every scrape and its histogram sums are arbitrary floats, so real
 * workloads with many idle series compress better: the figure errs on the safe side.
 */
export const CHUNK_BYTES_PER_SAMPLE = 2.26;

/**
 * Calibrated: index bytes per series in each block (symbols, series entries, postings)
 * (bench/results/sizing-calibration-runs/, pooled fit of the block's non-chunk bytes over its series:
 * 111.3, the same at every size).
 * Grows with label length; the synthetic series carry ~11 labels with the name, ~235 bytes as text.
 */
export const INDEX_BYTES_PER_SERIES_PER_BLOCK = 112;

/**
 * Range of one local Prometheus block. A sidecar that uploads blocks needs local compaction off:
 * `--storage.tsdb.min-block-duration` and `--storage.tsdb.max-block-duration` equal, 2h
 * (thanos.io/tip/components/sidecar.md; the Prometheus Operator sets both when a Thanos object
 * storage config is given), so every 2h of local retention is one block with its own index.
 * Without Thanos, Prometheus compacts into larger blocks and needs less: the figure errs safe.
 */
export const LOCAL_BLOCK_RANGE_SECONDS = 2 * 3600;

/**
 * Calibrated: WAL bytes per ingested sample (uncompressed sample records, series records
 * included) (bench/results/sizing-calibration-runs/, pooled fit 9.40).
 */
export const WAL_BYTES_PER_SAMPLE = 9.4;
/**
 * Hours of samples the WAL holds at most: the head spans up to 1.5 block ranges (3h with the
 * default 2h blocks) before it is compacted and the WAL truncated
 * (prometheus.io/docs/prometheus/latest/storage/#on-disk-layout: "at least two hours of raw data").
 */
export const WAL_HOURS = 3;

/**
 * Calibrated: Prometheus CPU seconds per ingested sample (scrape, parse, append, WAL, GC)
 * (bench/results/sizing-calibration-runs/, pooled fit 1.416 µs). Rule evaluation and queries
 * are not in it: see PROMETHEUS_CPU_HEADROOM.
 */
export const CPU_SECONDS_PER_SAMPLE = 1.42e-6;
/**
 * CPU request over the measured ingestion cost: rule evaluation and queries run on the same
 * cores. 2× is a judgment call (no upstream figure); the request never drops below MIN_CPU_CORES.
 */
export const PROMETHEUS_CPU_HEADROOM = 2;
/** Smallest CPU request: Prometheus' own runtime, service discovery and rule evaluation. */
export const MIN_CPU_CORES = 0.25;

/**
 * Volume headroom over the computed TSDB + WAL size: compaction writes the new block before it
 * deletes its sources, and Prometheus' docs advise leaving room for the WAL and compaction
 * (prometheus.io/docs/prometheus/latest/storage/#operational-aspects).
 */
export const VOLUME_HEADROOM = 1.5;

/**
 * Fraction of each Prometheus volume given to `retentionSize` (--storage.tsdb.retention.size).
 * Size retention counts the blocks, the WAL and the memory-mapped head chunks, but only deletes
 * whole persisted blocks, so the WAL and head chunks (which peak every 2h) and a compaction in
 * progress need room beyond it; Prometheus' docs recommend at most 80-85% of the disk
 * (prometheus.io/docs/prometheus/latest/storage/, "Operational aspects" and "Right-Sizing
 * Retention Size"). Without it a disk that fills stops ingestion and crashes both replicas of a
 * pair at the same moment, since they ingest the same data; with it the oldest blocks go first
 * (already in object storage with Thanos).
 */
export const RETENTION_SIZE_FRACTION = 0.8;

// ── Thanos ──────────────────────────────────────────────────────────────────────────────────

/**
 * Range of the blocks the Compactor ends with: 2h → 8h → 2d → 14d
 * (thanos.io/tip/components/compact.md#compaction); in the bucket, a series pays its index
 * entry once per 14 days.
 */
export const BUCKET_BLOCK_RANGE_SECONDS = 14 * 86_400;

/**
 * Points per series kept by each downsampled resolution: Thanos stores five aggregates
 * (count, sum, min, max, counter) per 5m or 1h window (thanos.io/tip/components/compact.md#downsampling).
 */
export const DOWNSAMPLE_AGGREGATES = 5;

/**
 * Days of raw data the HA replicas' duplicate blocks stay in the bucket before the Compactor's
 * vertical compaction merges them and deletes the sources: the rendered `--delete-delay=48h`
 * (src/render/components/thanos-compact.ts).
 */
export const DUPLICATE_RAW_DAYS = 2;

/**
 * Days in the Compactor's largest compaction group (BUCKET_BLOCK_RANGE_SECONDS): its scratch disk
 * must hold the source blocks of one 14-day group and their output.
 */
export const COMPACTION_GROUP_DAYS = 14;
/**
 * Blocks of a stream that are not yet in 14-day blocks: up to 7 two-day, 6 eight-hour and 4
 * two-hour blocks on the way (same compaction levels).
 */
export const UNCOMPACTED_BLOCKS_PER_STREAM = 17;

/**
 * Store Gateway local disk per block in the bucket (index-header): "an average of 6 MB … per
 * TSDB block …, but for high cardinality blocks with large label set it can even go up to 30MB"
 * (thanos.io/tip/components/store.md).
 */
export const STORE_INDEX_HEADER_BYTES_PER_BLOCK = 6 * MB;
export const STORE_INDEX_HEADER_BYTES_PER_HIGH_CARDINALITY_BLOCK = 30 * MB;
/** Series per block from which the docs' high-cardinality figure applies (a judgment: the docs give no threshold). */
export const HIGH_CARDINALITY_BLOCK_SERIES = 1_000_000;
/** Store Gateway in-memory index cache: the `--index-cache-size` default, 250MB (thanos.io/tip/components/store.md). */
export const STORE_INDEX_CACHE_BYTES = 250 * MB;
/** Store Gateway runtime and query working set beside its caches (judgment: a Go service's baseline plus one large query's chunks). */
export const STORE_BASE_BYTES = 1024 * MiB;
