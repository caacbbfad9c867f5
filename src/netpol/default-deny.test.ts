import { describe, expect, it } from "vitest";
import { isDefaultDeny } from "./default-deny.js";
import { policies } from "../../test/support/network-cluster.js";

const policy = (spec: string) =>
  policies(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: p, namespace: shop }
spec:
${spec}
`)[0]!;

describe("isDefaultDeny", () => {
  it("is a policy selecting every pod, with the direction in its policyTypes and no rule for it", () => {
    const both = policy("  podSelector: {}\n  policyTypes: [Ingress, Egress]");
    expect(isDefaultDeny(both, "Ingress")).toBe(true);
    expect(isDefaultDeny(both, "Egress")).toBe(true);
  });
  it("is per direction: a policy with egress rules only still denies ingress by default", () => {
    const dns = policy("  podSelector: {}\n  policyTypes: [Ingress, Egress]\n  egress: [{ ports: [{ port: 53 }] }]");
    expect(isDefaultDeny(dns, "Ingress")).toBe(true);
    expect(isDefaultDeny(dns, "Egress")).toBe(false);
  });
  it("follows the API server's policyTypes default: Ingress always, Egress only with egress rules", () => {
    const unset = policy("  podSelector: {}");
    expect(isDefaultDeny(unset, "Ingress")).toBe(true);
    expect(isDefaultDeny(unset, "Egress")).toBe(false);
  });
  it("is not a policy that selects some pods only", () => {
    expect(isDefaultDeny(policy("  podSelector: { matchLabels: { app: web } }"), "Ingress")).toBe(false);
  });
});
