/**
 * The versions table is the one home of every pinned image: each entry says its support status
 * and where it is written, the spec's defaults are its tags, and every container the render
 * runs (operator-made pods included, as the inventory expands them) uses an image it lists.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { minorOf, pinnedImage, pinnedImages, VERSIONS, type PinnedVersion } from "./versions.js";
import { exampleStack, exampleVariant, hamonStack, type HamonStack } from "../../test/support/example-stack.js";
import { withLine } from "../../test/support/rendered.js";

const entries = Object.entries(VERSIONS as Record<string, PinnedVersion>);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Every image a render runs: the containers of every pod group (operator CRs expanded) and every image field written. */
function renderedImages(stack: HamonStack): string[] {
  const fromPods = stack.inventory.podGroups.flatMap((g) =>
    [...(g.template.spec?.initContainers ?? []), ...(g.template.spec?.containers ?? [])].map((c) => c.image ?? ""),
  );
  const written: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === "object" && v !== null)
      for (const [k, x] of Object.entries(v)) {
        if ((k === "image" || k === "imageName") && typeof x === "string") written.push(x);
        else walk(x);
      }
  };
  walk(stack.view.all);
  return [...new Set([...fromPods, ...written])].sort();
}

const notPinned = (stack: HamonStack) => renderedImages(stack).filter((i) => !pinnedImages().includes(i));

describe("the versions table", () => {
  it.each(entries)("%s says its support status, its source and when it was checked", (_name, v) => {
    expect(v.tag).toMatch(/^v?\d+\.\d+/);
    expect(v.source).toMatch(/^https:\/\/[^\s]+$/);
    expect(v.checked).toMatch(ISO_DATE);
    if (v.support.kind !== "latest") {
      expect(v.support.until).toMatch(ISO_DATE);
      // Pinned while still supported: the end of support is after the day it was checked.
      expect(v.support.until > v.checked).toBe(true);
    }
  });

  it("pins the releases issue #15 asks for: Prometheus 3, Thanos ≥ 0.39, Alertmanager ≥ 0.28, Grafana 12, CloudNativePG ≥ 1.27, PostgreSQL 17", () => {
    const minor = (tag: string) => minorOf(tag).split(".").map(Number) as [number, number];
    expect(minor(VERSIONS.prometheus.tag)[0]).toBe(3);
    expect(minor(VERSIONS.thanos.tag)[1]).toBeGreaterThanOrEqual(39);
    expect(minor(VERSIONS.alertmanager.tag)[1]).toBeGreaterThanOrEqual(28);
    expect(minor(VERSIONS.grafana.tag)[0]).toBe(12);
    expect(minor(VERSIONS.cloudNativePg.tag)[1]).toBeGreaterThanOrEqual(27);
    expect(minor(VERSIONS.postgresql.tag)[0]).toBe(17);
  });

  it("is the table docs/versions.md shows", () => {
    const page = readFileSync(new URL("../../docs/versions.md", import.meta.url), "utf8");
    for (const [name, v] of entries) expect(page, name).toContain(`| ${v.tag} |`);
    expect(page).toContain(`Checked on ${VERSIONS.prometheus.checked}`);
  });

  it("reads the major.minor of a release tag, with or without a leading v", () => {
    expect([minorOf("v1.30.0"), minorOf("1.30.2"), minorOf("17.9-standard-trixie")]).toEqual(["1.30", "1.30", "17.9"]);
    expect(() => minorOf("latest")).toThrow(/not a major.minor/);
  });

  it("refuses an image of an operator release", () => {
    expect(() => pinnedImage("cloudNativePg")).toThrow(/operator release/);
  });
});

describe("every image the render runs is in the table", () => {
  it("for the built-in example", () => {
    const images = renderedImages(exampleStack());
    // Operator-made pods included: the Prometheus and Alertmanager CRs' images, the sidecar's, PostgreSQL's.
    for (const name of ["prometheus", "alertmanager", "thanos", "postgresql", "grafana"] as const)
      expect(images).toContain(pinnedImage(name));
    expect(notPinned(exampleStack())).toEqual([]);
  });

  it("for a variant with every optional part on (sharded Prometheus and Store, backups to an S3-compatible store)", () => {
    const stack = exampleVariant((yaml) =>
      withLine(
        "  shards: auto ",
        "  shards: 2    ",
      )(
        withLine(
          "store: { shards: 1,",
          "store: { shards: 2,",
        )(
          withLine(
            "      retention: 30d\n",
            "      retention: 30d\n      endpointURL: https://minio.example.com:9000\n",
          )(yaml),
        ),
      ),
    );
    expect(stack.view.byKind("ObjectStore")).toHaveLength(1);
    expect(stack.view.byKind("Prometheus")[0]!.spec.shards).toBe(2);
    expect(notPinned(stack)).toEqual([]);
  });

  it("and the check sees an image that is not (a spec that overrides a version)", () => {
    const stack = hamonStack(
      "cluster: { name: c, zones: [a, b, c] }\nstorage: { provisioner: p }\ngrafana: { version: 11.6.0 }\nprometheus: { version: v3.0.0 }\n",
    );
    expect(notPinned(stack)).toEqual(["docker.io/grafana/grafana:11.6.0", "quay.io/prometheus/prometheus:v3.0.0"]);
  });
});
