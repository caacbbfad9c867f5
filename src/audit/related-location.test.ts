import { describe, expect, it } from "vitest";
import { readInventory } from "../inventory/read-inventory.js";
import { configFileLocation, describeRelated, firstWrittenLine, iniLine, yamlLine } from "./related-location.js";

describe("iniLine", () => {
  const ini = "; comment\n[server]\nhttp_port = 3000\n\n[Database]\ntype = mysql\nTYPE = sqlite3\n[remote_cache]\n";
  it("finds a key's last line in its section (the last wins, names case-insensitive)", () => {
    expect(iniLine(ini, "database", "type")).toBe(7);
    expect(iniLine(ini, "server", "http_port")).toBe(3);
  });
  it("falls back to the section's header when the key is not written, and to nothing without the section", () => {
    expect(iniLine(ini, "remote_cache", "type")).toBe(8);
    expect(iniLine(ini, "database", "host")).toBe(5);
    expect(iniLine(ini, "unified_alerting", "ha_peers")).toBeUndefined();
  });
});

describe("yamlLine", () => {
  const yml =
    "global:\n  scrape_interval: 30s\nalerting:\n  alertmanagers:\n    - static_configs:\n        - targets: [am:9093]\n";
  it("finds the line of a path, lists included", () => {
    expect(yamlLine(yml, ["alerting", "alertmanagers"])).toBe(4);
    expect(yamlLine(yml, ["alerting", "alertmanagers", 0, "static_configs", "0", "targets"])).toBe(6);
  });
  it("gives the nearest written ancestor for a missing key, and nothing when none is written", () => {
    expect(yamlLine(yml, ["global", "external_labels"])).toBe(1);
    expect(yamlLine(yml, ["rule_files"])).toBeUndefined();
  });
  it("reads JSON lists (a hashrings file) and refuses what is not a mapping or list", () => {
    expect(
      yamlLine('[\n {"hashring": "a", "endpoints": []},\n {"hashring": "b",\n  "endpoints": ["x"]}\n]', [
        1,
        "endpoints",
      ]),
    ).toBe(4);
    expect(yamlLine("just text", ["a"])).toBeUndefined();
    expect(yamlLine("a: [unclosed", ["a"])).toBeUndefined();
  });
});

describe("firstWrittenLine", () => {
  it("skips blank and comment lines", () => {
    expect(firstWrittenLine("\n# note\n- a\n")).toBe(3);
    expect(firstWrittenLine("\n\n")).toBeUndefined();
  });
});

describe("configFileLocation", () => {
  const text = `apiVersion: v1
kind: ConfigMap
metadata: { name: c, namespace: m }
data:
  literal.ini: |

    [database]
    type = sqlite3
  quoted.ini: "[database]\\ntype = sqlite3\\n"
---
apiVersion: v1
kind: Secret
metadata: { name: s, namespace: m }
data:
  encoded.ini: W2RhdGFiYXNlXQp0eXBlID0gc3FsaXRlMwo=
  both.ini: W2RhdGFiYXNlXQo=
stringData:
  both.ini: |
    [database]
    type = sqlite3
`;
  const inv = readInventory([{ file: "in.yaml", text }]);
  const [cm, secret] = inv.objects;
  it("maps a line of a literal block scalar to the input's line, blank first lines included", () => {
    const r = configFileLocation({ object: cm!, key: "literal.ini" }, 3, "here");
    expect(r).toMatchObject({ file: "in.yaml", line: 8, key: "literal.ini", lineInKey: 3 });
    expect(describeRelated(r)).toBe("ConfigMap m/c key literal.ini line 3 (in.yaml:8)");
  });
  it("points at the key's line when the value's lines do not map (quoted, base64)", () => {
    expect(configFileLocation({ object: cm!, key: "quoted.ini" }, 2, "here").line).toBe(9);
    expect(configFileLocation({ object: secret!, key: "encoded.ini" }, 2, "here").line).toBe(15);
  });
  it("reads a Secret's stringData over its data for the same key, as the API server merges them", () => {
    expect(configFileLocation({ object: secret!, key: "both.ini" }, 2, "here").line).toBe(20);
  });
  it("points at the object when the key's place is unknown (an inventory not read from a file)", () => {
    const bare = { ...cm!, embeddedFiles: undefined };
    expect(configFileLocation({ object: bare, key: "literal.ini" }, 3, "here").line).toBe(1);
  });
});
