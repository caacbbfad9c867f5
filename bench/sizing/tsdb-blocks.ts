/** Reads what Prometheus wrote: persisted blocks (meta.json stats, bytes on disk) and the WAL size. */
import { readdirSync, readFileSync, statSync, existsSync } from "node:fs";
import { join } from "node:path";

export interface BlockOnDisk {
  ulid: string;
  minTime: number;
  maxTime: number;
  numSamples: number;
  numSeries: number;
  numChunks: number;
  /** Bytes of the block directory: chunks/, index, meta.json, tombstones. */
  bytes: number;
  indexBytes: number;
  chunkBytes: number;
}

export function directoryBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    total += entry.isDirectory() ? directoryBytes(p) : statSync(p).size;
  }
  return total;
}

/** Persisted blocks: every directory of the TSDB with a meta.json (Prometheus' block layout, tsdb/docs/format/README.md). */
export function readBlocks(dataDir: string): BlockOnDisk[] {
  const blocks: BlockOnDisk[] = [];
  for (const entry of readdirSync(dataDir, { withFileTypes: true })) {
    const metaFile = join(dataDir, entry.name, "meta.json");
    if (!entry.isDirectory() || !existsSync(metaFile)) continue;
    const meta = JSON.parse(readFileSync(metaFile, "utf8")) as {
      ulid: string;
      minTime: number;
      maxTime: number;
      stats: { numSamples: number; numSeries: number; numChunks: number };
    };
    const dir = join(dataDir, entry.name);
    blocks.push({
      ulid: meta.ulid,
      minTime: meta.minTime,
      maxTime: meta.maxTime,
      numSamples: meta.stats.numSamples,
      numSeries: meta.stats.numSeries,
      numChunks: meta.stats.numChunks,
      bytes: directoryBytes(dir),
      indexBytes: statSync(join(dir, "index")).size,
      chunkBytes: directoryBytes(join(dir, "chunks")),
    });
  }
  return blocks.sort((a, b) => a.minTime - b.minTime);
}
