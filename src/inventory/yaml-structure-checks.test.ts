import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { allowedAliasRatio, checkAndInlineAliases } from "./yaml-structure-checks.js";

const check = (text: string) => {
  const doc = parseDocument(text, { merge: true });
  return { problem: checkAndInlineAliases(doc, text), doc };
};

/** The classic "billion laughs": `levels` anchors, each a list of nine aliases to the one before. */
function billionLaughs(levels: number): string {
  const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < levels; i++)
    lines.push(
      `a${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(",")}]`,
    );
  return lines.join("\n") + "\n";
}

describe("go-yaml's alias rule (kubectl's YAML reader)", () => {
  it("allows 99% of a document from aliases up to 400,000 nodes, then less, down to 10% from 4,000,000", () => {
    expect(allowedAliasRatio(1000)).toBe(0.99);
    expect(allowedAliasRatio(400_000)).toBe(0.99);
    expect(allowedAliasRatio(2_200_000)).toBeCloseTo(0.545);
    expect(allowedAliasRatio(4_000_000)).toBe(0.1);
    expect(allowedAliasRatio(1e9)).toBe(0.1);
  });

  it("refuses a billion laughs at the alias where the expansion crosses the limit, without expanding it", () => {
    const started = Date.now();
    const { problem } = check(billionLaughs(10));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(problem?.message).toMatch(
      /^excessive aliasing \(an alias bomb\?\): the aliases up to here expand to [\d,]+ YAML nodes/,
    );
    // Each a(i) is 9 aliases to a(i-1): a3's aliases (line 4) copy a2's 910 nodes each, and the
    // fourth of them takes the share from aliases past 99%.
    expect(billionLaughs(10).slice(0, problem!.offset).split("\n").length).toBe(4);
  });

  it("admits thousands of aliases that are a small share of the document (PyYAML's shared maps)", () => {
    const items = Array.from(
      { length: 2000 },
      (_, i) => `- name: n${i}\n  labels: ${i === 0 ? "&l {zone: a, os: linux}" : "*l"}\n  size: ${i}\n`,
    );
    const { problem, doc } = check(items.join(""));
    expect(problem).toBeUndefined();
    const value = doc.toJS({ maxAliasCount: -1 }) as Array<{ labels: unknown }>;
    expect(value[1999]!.labels).toEqual({ zone: "a", os: "linux" });
  });

  it("admits a small document that is mostly aliases, as go-yaml does below 1,000 nodes", () => {
    expect(check(billionLaughs(3)).problem).toBeUndefined();
  });
});

describe("other documents kubectl refuses", () => {
  it.each([
    [
      "an alias inside its own anchor",
      "a: &x {b: *x}\n",
      "alias *x is inside the value of &x: the value would contain itself",
    ],
    ["an alias with no anchor before it", "a: *y\nb: &y 1\n", "alias *y has no anchor &y before it"],
    [
      "a mapping as a key",
      "name: {{ .Values.name }}\n",
      "a mapping key is a mapping ({ .Values.name }), expected a string",
    ],
    ["a list as a key", "? [a, b]\n: c\n", "a mapping key is a list ([a, b]), expected a string"],
    ["an alias to a mapping as a key", "a: &m {x: 1}\n*m : 2\n", "a mapping key is an alias to a mapping or list (*m)"],
  ])("refuses %s", (_, text, message) => {
    expect(check(text).problem?.message).toContain(message);
  });
});

describe("alias inlining", () => {
  it("replaces each alias by its anchored node, the latest of that name before it", () => {
    const { problem, doc } = check(
      "a: &x 1\nb: *x\nc: &x [2]\nd: *x\ne: {<<: &m {k: v}, own: 1}\nf: {<<: *m, k: mine}\n",
    );
    expect(problem).toBeUndefined();
    expect(doc.toJS({ maxAliasCount: -1 })).toEqual({
      a: 1,
      b: 1,
      c: [2],
      d: [2],
      e: { k: "v", own: 1 },
      f: { k: "mine" },
    });
    expect(JSON.stringify(doc.toJSON())).not.toContain("source");
  });
});
