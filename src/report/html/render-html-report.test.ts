import { describe, expect, it } from "vitest";
import { renderHtmlReport } from "./render-html-report.js";
import { sampleModel } from "../../../test/support/sample-report-model.js";

describe("renderHtmlReport", () => {
  const small = renderHtmlReport(sampleModel(2));

  it("is self-contained: no script, no external reference of any kind", () => {
    expect(small).not.toMatch(/<script/i);
    expect(small).not.toMatch(/\b(src|href)=["'](?!#)/i);
    expect(small).not.toMatch(/url\(|@import|https?:\/\//i);
    expect(small).toContain(`Content-Security-Policy" content="default-src 'none'`);
  });

  it("escapes what manifests say", () => {
    expect(small).toContain("prod-eu &lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("draws zones as columns and a chip per pod with its name for screen readers", () => {
    expect(small.match(/<section class="zone"/g)).toHaveLength(3);
    expect(small.match(/<li class="pod"/g)?.length).toBe(
      sampleModel(2).zones.flatMap((z) => z.nodes.flatMap((n) => n.pods)).length,
    );
    expect(small).toContain('<span class="sr-only"> prometheus-00, prometheus</span>');
  });

  it("puts the reason of every cell on hover and in text", () => {
    expect(small).toContain('title="the only Redis pod ran in this zone; rescheduling takes ~30s"');
    expect(small).toContain(
      '<span class="sr-only">down: the only Redis pod ran in this zone; rescheduling takes ~30s</span>',
    );
  });

  it("stays one screen at 5,000 nodes: idle nodes counted, all-ok scenarios folded", () => {
    const big = renderHtmlReport(sampleModel((5000 / 3 + 1) | 0));
    expect(big).toContain("1,665 nodes without stack pods");
    expect(big.match(/<li class="node">/g)).toHaveLength(6);
    expect(big).toMatch(/loss of node: 5,001 scenarios/);
    expect(big.match(/<tr/g)!.length).toBeLessThan(20);
    expect(big.length).toBeLessThan(200_000);
  });
});
