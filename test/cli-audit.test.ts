/** End to end: `hamon audit` as a user runs it, exit codes included. */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO as ROOT, runCli } from "./support/run-cli.js";

const FIXTURES = join(ROOT, "test/fixtures/audit");

function hamon(args: string[], input?: string) {
  const r = runCli(args, input === undefined ? {} : { input });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("hamon audit", () => {
  it("exits 1 on an error-level finding and prints it grouped with file:line", () => {
    const file = join(FIXTURES, "HAMON-HA-001/trigger-grafana-default-replicas.yaml");
    const r = hamon(["audit", file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`Deployment monitoring/grafana  ${file}:3`);
    expect(r.stdout).toContain("HAMON-HA-001");
  });

  it("exits 0 when nothing is at error level; reads stdin with -; prints JSON", () => {
    const r = hamon(
      ["audit", "-", "--format", "json"],
      "apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: { name: s }\nprovisioner: ebs.csi.aws.com\n",
    );
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.findings[0]).toMatchObject({ rule: "HAMON-STORAGE-001", severity: "warning", file: "-", line: 1 });
  });

  it("exits 2 with file:line on a YAML syntax error, and on unreadable paths or a bad format", () => {
    const bad = hamon(["audit", "-"], "kind: Service\nmetadata: [oops\n");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/hamon: stdin:\d+: YAML syntax error/);
    expect(hamon(["audit", join(ROOT, "does-not-exist.yaml")]).code).toBe(2);
    expect(hamon(["audit", FIXTURES, "--format", "xml"]).code).toBe(2);
  });

  it("--flows prints the flow matrix: who allows each needed flow, or why it is blocked; exit code as for the audit", () => {
    const blocked = hamon([
      "audit",
      join(FIXTURES, "HAMON-NETPOL-001/trigger-users-to-grafana.yaml"),
      "--flows",
      "--format",
      "json",
    ]);
    expect(blocked.code).toBe(1);
    const report = JSON.parse(blocked.stdout);
    const users = report.flows.find(
      (f: { from: string; to: string }) =>
        f.from === "users (outside the cluster)" && f.to === "Deployment monitoring/grafana",
    );
    expect(users).toMatchObject({
      port: "TCP/3000",
      allowed: false,
      ingress: "BLOCKED",
      egress: "outside the cluster",
    });
    expect(users.blocked).toContain("isolated by monitoring/grafana");
    expect(report.summary.blocked).toBe(1);

    const open = hamon(["audit", join(FIXTURES, "HAMON-NETPOL-001/pass-store-admitted.yaml"), "--flows"]);
    expect(open.code).toBe(0);
    expect(open.stdout).toMatch(
      /allowed {2}Deployment monitoring\/thanos-query → StatefulSet monitoring\/thanos-store {2}TCP\/grpc\n {9}egress: monitoring\/allow-thanos-query egress\[0\]\.to\[0\]; ingress: monitoring\/allow-thanos-store ingress\[0\]\.from\[0\]/,
    );
    expect(open.stdout).toContain(
      "for: StoreAPI: Deployment monitoring/thanos-query --endpoint=dnssrv+_grpc._tcp.thanos-store.monitoring.svc",
    );
    expect(open.stdout).toMatch(/5 required flows, 5 allowed, 0 blocked need\(s\), 0 unused allow rule\(s\)/);

    const sarif = hamon([
      "audit",
      join(FIXTURES, "HAMON-NETPOL-001/pass-users-to-grafana.yaml"),
      "--flows",
      "--format",
      "sarif",
    ]);
    expect(sarif.code).toBe(2);
    expect(sarif.stderr).toContain("--flows prints text or json");
  });
});
