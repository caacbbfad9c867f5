/**
 * From manifests alone, a CloudNativePG Cluster that archives through the Barman Cloud plugin needs
 * its object storage: the ObjectStore's endpoint (its port), else HTTPS outside the cluster. hamon's
 * own render with backups then audits clean: its egress rule is neither missing nor unused.
 */
import { describe, expect, it } from "vitest";
import { exampleStack, exampleVariant } from "../../../test/support/example-stack.js";
import { requiredFlowsFromInventory } from "./required-flows-from-inventory.js";
import { OUTSIDE } from "./outside-addresses.js";
import { runAudit } from "../../audit/run-audit.js";

const minio = exampleVariant((yaml) =>
  yaml.replace("      retention: 30d\n", "      retention: 30d\n      endpointURL: https://minio.example.com:9000\n"),
);
const noBackup = exampleVariant((yaml) => yaml.replace(/ {4}backup:.*\n( {6}.*\n)+/, ""));

const backupFlows = (inv: Parameters<typeof requiredFlowsFromInventory>[0]) =>
  requiredFlowsFromInventory(inv)
    .flows.filter((f) => f.why.includes("Barman Cloud plugin"))
    .map((f) => ({
      to: f.to.kind === "ip" ? f.to.ip : "pod",
      port: f.port,
      from: f.from.kind === "pod" && f.from.pod.labels["cnpg.io/cluster"],
    }));

describe("object storage of the Barman Cloud plugin, derived from manifests", () => {
  it("goes from the instances to the provider's HTTPS endpoint when the ObjectStore names none", () => {
    expect(backupFlows(exampleStack().inventory)).toEqual([
      { to: OUTSIDE.objectStorage.ip, port: 443, from: "grafana-db" },
      { to: OUTSIDE.objectStorage.ip6, port: 443, from: "grafana-db" },
    ]);
  });

  it("goes to the port of the ObjectStore's endpointURL", () => {
    expect(backupFlows(minio.inventory).map((f) => f.port)).toEqual([9000, 9000]);
  });

  it("is not needed without the plugin", () => {
    expect(backupFlows(noBackup.inventory)).toEqual([]);
  });

  it("leaves hamon's render with backups to an S3-compatible endpoint without network findings", () => {
    const result = runAudit(minio.inventory);
    expect(result.ruleErrors).toEqual([]);
    expect(result.findings.filter((f) => f.rule.startsWith("HAMON-NETPOL")).map((f) => f.rule)).toEqual([]);
  });
});
