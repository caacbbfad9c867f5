import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import type { Inventory } from "./model.js";
import { ConfigIndex, configFilesOf, parseEmbeddedYaml } from "./config-index.js";
import { readInventory } from "./read-inventory.js";

const read = (text: string) => readInventory([{ file: "m.yaml", text }]);
const base64 = (s: string) => Buffer.from(s).toString("base64");

describe("ConfigIndex: ConfigMaps and Secrets by name, decoded once", () => {
  const inv = read(`apiVersion: v1
kind: Secret
metadata: { name: creds, namespace: mon }
data:
  a: ${base64("from data")}
  b: ${base64("overridden")}
  c: "not base64 !"
stringData:
  b: from stringData
---
apiVersion: v1
kind: ConfigMap
metadata: { name: settings }
data: { x: "1" }
`);
  const files = configFilesOf(inv);

  it("decodes Secret data from base64, lets stringData win, keeps what is not base64 as written", () => {
    expect(files.data("Secret", "mon", "creds")).toEqual({ a: "from data", b: "from stringData", c: "not base64 !" });
  });

  it("finds a ConfigMap without a namespace in `default`, and nothing under another kind or namespace", () => {
    expect(files.data("ConfigMap", "default", "settings")).toEqual({ x: "1" });
    expect(files.data("Secret", "default", "settings")).toBeUndefined();
    expect(files.data("Secret", "other", "creds")).toBeUndefined();
  });

  it("reads one key as YAML, decoded from base64 first", () => {
    const index = new ConfigIndex();
    const [secret] = read(`apiVersion: v1
kind: Secret
metadata: { name: alertmanager-main, namespace: mon }
data:
  alertmanager.yaml: ${base64("route: { receiver: x }\n")}
`).objects;
    index.add(secret!);
    expect(index.yamlOf(secret!, "alertmanager.yaml")).toEqual({ route: { receiver: "x" } });
    expect(index.yamlOf(secret!, "absent.yaml")).toBeUndefined();
    expect(index.object("Secret", "mon", "alertmanager-main")).toBe(secret);
  });

  it("is the inventory's own index, decoding each object once", () => {
    expect(files).toBe(inv.configs);
    const secret = files.object("Secret", "mon", "creds");
    expect(secret && files.dataOf(secret)).toBe(files.data("Secret", "mon", "creds"));
  });

  it("serves an inventory built by hand with an index built once, on first use", () => {
    const byHand: Inventory = { ...inv };
    delete byHand.configs;
    const first = configFilesOf(byHand);
    expect(first).not.toBe(files);
    expect(configFilesOf(byHand)).toBe(first);
    expect(first.data("Secret", "mon", "creds")?.b).toBe("from stringData");
  });
});

describe("embedded files are parsed once, by their text", () => {
  it("returns the same parse to every reader of the same text, and counts one parse", () => {
    const index = new ConfigIndex();
    const text = "global: { scrape_interval: 30s }\n";
    const first = index.yaml(text);
    expect(first).toEqual({ global: { scrape_interval: "30s" } });
    expect(index.yaml(`${text}`)).toBe(first);
    expect(index.ini("[server]\nhttp_port = 3000\n")).toBe(index.ini("[server]\nhttp_port = 3000\n"));
    expect(index.parsedTexts).toBe(2);
  });

  it("remembers a text that is not a mapping too, and never throws", () => {
    const index = new ConfigIndex();
    for (const text of ["- a\n- b\n", "just words", "a: [unclosed", "[1, 2]"]) {
      expect(index.yaml(text)).toBeUndefined();
      expect(index.yaml(text)).toBeUndefined();
    }
    expect(index.parsedTexts).toBe(4);
  });
});

describe("parseEmbeddedYaml", () => {
  it("reads JSON (a Grafana dashboard) to the values the YAML parser gives", () => {
    const dashboard = JSON.stringify(
      {
        title: "Nodes",
        panels: [{ id: 1, targets: [{ expr: 'sum(rate(x{job="a"}[5m]))', legendFormat: "{{pod}}" }], gridPos: null }],
        refresh: false,
        version: 1e3,
        "unicode \u00e9": "\u2713",
      },
      null,
      4,
    );
    expect(parseEmbeddedYaml(dashboard)).toEqual(parse(dashboard));
  });

  it("reads a YAML flow mapping, which starts like JSON and is not JSON", () => {
    expect(parseEmbeddedYaml("{type: S3, config: {bucket: metrics}}")).toEqual({
      type: "S3",
      config: { bucket: "metrics" },
    });
  });

  it("reads JSON that JSON.parse refuses (a trailing comma) with the YAML parser", () => {
    expect(parseEmbeddedYaml('{"datasources": [{"url": "http://thanos-query:10902"},],}')).toEqual({
      datasources: [{ url: "http://thanos-query:10902" }],
    });
  });

  it("refuses an alias bomb without throwing", () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++)
      levels.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(",")}]`,
      );
    expect(parseEmbeddedYaml(levels.join("\n"))).toBeUndefined();
  });
});
