/**
 * The kube-prometheus numbers docs/comparison.md quotes, recounted from its manifests
 * (../shared/corpus, read-only): a drift of the corpus or of the counting fails here.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadManifestInputs } from "../src/inventory/load-manifest-inputs.js";
import { readInventory } from "../src/inventory/read-inventory.js";
import { KUBE_PROMETHEUS_CONTENTS } from "../src/pipeline/comparison-table.js";
import { stackContents } from "../src/report/stack-contents.js";
import { REPO } from "./support/run-cli.js";

const CORPUS = join(REPO, "..", "shared", "corpus", "kube-prometheus");
const present = existsSync(CORPUS);
if (!present) console.warn(`skipping kube-prometheus contents: ${CORPUS} is absent (a fresh clone has no ../shared)`);

describe.skipIf(!present)("kube-prometheus' contents as docs/comparison.md quotes them", () => {
  it("counts the same targets, rules, dashboards, replicas, policies and budgets", async () => {
    const inventory = readInventory(await loadManifestInputs([CORPUS]));
    expect(stackContents(inventory)).toEqual(KUBE_PROMETHEUS_CONTENTS);
  });
});
