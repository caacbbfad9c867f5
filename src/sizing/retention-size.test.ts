import { describe, expect, it } from "vitest";
import { Quantity } from "../units/quantity.js";
import { prometheusByteSize, retentionSizeFor } from "./retention-size.js";
import { Prometheus } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/Prometheus";

describe("Prometheus size retention", () => {
  it("keeps a fifth of the volume for the WAL, head chunks and compaction", () => {
    expect(prometheusByteSize(retentionSizeFor(Quantity.parse("50Gi")))).toBe("40GB");
    // 11Gi × 0.8 = 8.8GiB = 9011.2MiB, rounded down.
    expect(prometheusByteSize(retentionSizeFor(Quantity.parse("11Gi")))).toBe("9011MB");
  });

  it("writes what the Prometheus CRD's ByteSize pattern accepts", () => {
    expect(() => new Prometheus({ metadata: { name: "p" }, spec: { retentionSize: "40Gi" } }).validate()).toThrow();
    for (const v of ["10Gi", "11Gi", "1Ti", "100Mi"]) {
      const text = prometheusByteSize(retentionSizeFor(Quantity.parse(v)));
      const cr = new Prometheus({ metadata: { name: "p" }, spec: { retentionSize: text } });
      expect(() => cr.validate(), text).not.toThrow();
    }
  });
});
