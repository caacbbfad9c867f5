/** Regenerates the alert tables of docs/cluster-alerts.md from the rules the default spec renders (npm run docs). */
import { readFileSync, writeFileSync } from "node:fs";
import {
  CLUSTER_ALERTS_DOC_PATH,
  replaceClusterAlertDocs,
} from "../src/render/components/cluster-alerts/alert-docs.js";
import { EXAMPLE_SPEC_YAML } from "../src/spec/example.js";
import { loadSpec } from "../src/spec/load.js";

const path = new URL(`../${CLUSTER_ALERTS_DOC_PATH}`, import.meta.url);
writeFileSync(path, replaceClusterAlertDocs(readFileSync(path, "utf8"), loadSpec(EXAMPLE_SPEC_YAML).spec));
