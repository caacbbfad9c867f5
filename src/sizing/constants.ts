/**
 * Sizing constants. Each names where its number comes from; issue 6's calibration benchmark
 * (`npm run bench:sizing`) measures the Prometheus ones on a real Prometheus and replaces them.
 */

/**
 * Active series one Prometheus shard should carry at most. Past a few million series a single
 * Prometheus' head, WAL replay and compaction times grow into minutes; the Prometheus Operator's
 * sharding guide recommends sharding before that point
 * (prometheus-operator Documentation/user-guides/shards-and-horizontal-scaling.md).
 */
export const SERIES_PER_SHARD_CEILING = 2_000_000;

/**
 * Resident bytes per active head series, including postings and chunk overhead. Prometheus' own
 * storage docs give no figure; "about 3kB per series" is Robust Perception's measurement for 2.x
 * (robustperception.io/how-much-ram-does-prometheus-2-x-need-for-cardinality-and-ingestion), plus
 * query headroom. Calibrated by bench/sizing.
 */
export const PROMETHEUS_BYTES_PER_SERIES = 4096;
/** Baseline resident memory of an idle Prometheus (same source, rounded up). */
export const PROMETHEUS_BASE_BYTES = 512 * 2 ** 20;

/**
 * Bytes per sample on disk after compaction: "Prometheus stores an average of only 1-2 bytes per
 * sample" (prometheus.io/docs/prometheus/latest/storage/#operational-aspects). 2 keeps headroom.
 */
export const BYTES_PER_SAMPLE = 2;

/** Samples per second one CPU core ingests comfortably (Prometheus 2.x, measured order of magnitude; calibrated by bench/sizing). */
export const SAMPLES_PER_CORE = 100_000;

/**
 * Volume headroom over the computed retention size: WAL segments (up to 3 head blocks' worth of
 * uncompressed samples), compaction scratch space. Prometheus storage docs advise leaving room
 * for the WAL and compaction (prometheus.io/docs/prometheus/latest/storage/).
 */
export const VOLUME_HEADROOM = 1.5;

/**
 * Points per series kept by each downsampled resolution: Thanos stores five aggregates
 * (count, sum, min, max, counter) per 5m or 1h window (thanos.io/tip/components/compact.md#downsampling).
 */
export const DOWNSAMPLE_AGGREGATES = 5;
