/**
 * Prometheus' size retention (`retentionSize`) for a volume: RETENTION_SIZE_FRACTION of it
 * (constants.ts says why), in the byte notation Prometheus and the operator's CRD accept.
 */
import { Quantity } from "../units/quantity.js";
import { RETENTION_SIZE_FRACTION } from "./constants.js";

const MiB = 2 ** 20;
const GiB = 2 ** 30;

/** The size retention of one Prometheus replica whose volume is `volume`, rounded down to whole MiB. */
export function retentionSizeFor(volume: Quantity): Quantity {
  return Quantity.of(Math.floor((volume.value * RETENTION_SIZE_FRACTION) / MiB) * MiB);
}

/**
 * Bytes as Prometheus reads `--storage.tsdb.retention.size`: units B, KB, MB, GB… in powers of 2
 * (prometheus.io/docs/prometheus/latest/storage/: "Based on powers-of-2, so 1KB is 1024B"), which
 * the Prometheus CRD's ByteSize pattern `(^0|([0-9]*[.])?[0-9]+((K|M|G|T|E|P)i?)?B)$` also accepts.
 */
export function prometheusByteSize(q: Quantity): string {
  if (q.value >= GiB && Number.isInteger(q.value / GiB)) return `${q.value / GiB}GB`;
  return `${Math.floor(q.value / MiB)}MB`;
}
