/** PREREQUISITES.md names the pinned operator releases and, with backups on, the plugin and the credentials Secret. */
import { describe, expect, it } from "vitest";
import { prerequisitesMarkdown } from "./prerequisites.js";
import { exampleStack, exampleVariant } from "../../test/support/example-stack.js";
import { minorOf, VERSIONS } from "../upstream/versions.js";

const withBackups = prerequisitesMarkdown(exampleStack().render.spec);
const without = prerequisitesMarkdown(
  exampleVariant((yaml) => yaml.replace(/ {4}backup:.*\n( {6}.*\n)+/, "")).render.spec,
);

describe("PREREQUISITES.md", () => {
  it("installs the pinned Prometheus Operator and CloudNativePG releases, from CloudNativePG's release branch", () => {
    expect(withBackups).toContain(`/releases/download/${VERSIONS.prometheusOperator.tag}/bundle.yaml`);
    const tag = VERSIONS.cloudNativePg.tag;
    expect(withBackups).toContain(`cloudnative-pg/release-${minorOf(tag)}/releases/cnpg-${tag}.yaml`);
  });

  it("with backups, asks for the Barman Cloud plugin and the Secret with the destination's keys", () => {
    expect(withBackups).toContain(
      `plugin-barman-cloud/releases/download/${VERSIONS.barmanCloudPlugin.tag}/manifest.yaml`,
    );
    expect(withBackups).toMatch(/cert-manager/);
    expect(withBackups).toMatch(
      /- `grafana-db-backup`, keys `ACCESS_KEY_ID` \(the access key id\), `ACCESS_SECRET_KEY` \(the secret access key\): write access to `s3:\/\/prod-eu-grafana-backups\/grafana-db`/,
    );
  });

  it("without backups, asks for neither", () => {
    expect(without).not.toMatch(/barman/i);
    expect(without).not.toContain("grafana-db-backup");
  });
});
