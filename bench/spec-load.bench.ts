/**
 * Spec loading is linear in the size of the spec (issue #11: it was quadratic, 1 MB 3 s, 2 MB
 * 9 s, 4 MB 56 s). Each pair loads a 0.5 MB and a 2 MB spec of the same shape: the 2 MB one
 * must take about 4× as long, not 16× (vitest bench prints "… x faster than …").
 *
 * - "valid": one long `storage.parameters` mapping (every key checked for duplicates and indexed).
 * - "invalid": the same keys with numbers for values, one located issue each (zod's issue per key
 *   located in the document: the path that made it quadratic).
 *
 * The cap on a spec's size (1 MiB) is lifted here: the benchmark measures the loader, not the cap.
 * Run: npx vitest bench --run bench/spec-load.bench.ts
 */
import { bench, describe } from "vitest";
import { loadSpec } from "../src/spec/load.js";

const HEAD = "cluster: { name: c, zones: [a, b, c] }\nstorage:\n  provisioner: ebs.csi.aws.com\n  parameters:\n";

function specOf(bytes: number, kind: "valid" | "invalid"): string {
  const lines: string[] = [HEAD];
  let size = HEAD.length;
  for (let i = 0; size < bytes; i++) {
    const line = kind === "valid" ? `    key${i}: value-${i}\n` : `    key${i}: ${i}\n`;
    lines.push(line);
    size += line.length;
  }
  return lines.join("");
}

const load = (text: string) => {
  try {
    loadSpec(text, "bench.yaml", { maxBytes: Infinity });
  } catch {
    // The invalid specs fail by design: the cost of locating every issue is what is measured.
  }
};

const once = { iterations: 3, warmupIterations: 1, time: 0, warmupTime: 0 };

for (const kind of ["valid", "invalid"] as const) {
  const small = specOf(512 * 1024, kind);
  const large = specOf(2 * 1024 * 1024, kind);
  describe(`loadSpec, ${kind}: 0.5 MB vs 2 MB`, () => {
    bench("0.5 MB", () => load(small), once);
    bench("2 MB", () => load(large), once);
  });
}
