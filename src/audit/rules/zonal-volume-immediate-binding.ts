/** HAMON-STORAGE-001. Its documentation (what, why, sources, severity, fix) is the fields below; `npm run docs` renders it. */
import type { Rule, RuleFinding } from "../rule.js";
import { asString, get } from "../../k8s/json.js";
import { isDefaultStorageClass } from "../../inventory/storage-classes.js";
import { groupTitle } from "./_helpers.js";

export const zonalVolumeImmediateBinding: Rule = {
  id: "HAMON-STORAGE-001",
  severity: "error",
  title: "Zonal volumes with Immediate binding",
  what:
    "A StorageClass whose provisioner makes zonal volumes (EBS, GCE PD, Azure Disk, Cinder, local volumes, …) " +
    "with `volumeBindingMode: Immediate` — the API default when the field is left out — and whether monitoring " +
    "pods use it (a claim naming it, or a claim without a class when it is the default class).",
  why:
    '"The Immediate mode indicates that volume binding and dynamic provisioning occurs once the ' +
    "PersistentVolumeClaim is created\", without knowledge of the pod's scheduling requirements, which for " +
    'topology-constrained storage "can result in unschedulable Pods"; WaitForFirstConsumer creates the volume in ' +
    "the zone the scheduler chose. With Immediate, both replicas' disks may be created in one zone, pinning both " +
    "pods there (one zone loss then takes both), or in a zone where the pod's anti-affinity or node pool does " +
    "not fit (Pending).",
  sources: [
    {
      title: "Kubernetes: storage classes, volume binding mode",
      url: "https://kubernetes.io/docs/concepts/storage/storage-classes/#volume-binding-mode",
    },
  ],
  severityReason: "Error when monitoring volumes use the class; warning when nothing in the input does.",
  fix: "Set volumeBindingMode: WaitForFirstConsumer on the StorageClass (a new class: the field is immutable).",
  check(inv) {
    const out: RuleFinding[] = [];
    const defaultClass = inv.storageClasses.find(isDefaultStorageClass)?.name;
    const users = new Map<string, string[]>();
    const use = (cls: string | undefined, who: string) => {
      const name = cls ?? defaultClass;
      if (name === undefined || name === "") return;
      const list = users.get(name);
      if (list) list.push(who);
      else users.set(name, [who]);
    };
    for (const g of inv.podGroups) {
      if (g.component === "other") continue;
      for (const c of g.volumeClaims) use(c.storageClassName, groupTitle(g));
    }
    for (const pvc of inv.persistentVolumeClaims ?? [])
      use(asString(get(pvc.raw, "spec", "storageClassName")), `PVC ${pvc.ref.namespace ?? "default"}/${pvc.ref.name}`);
    for (const sc of inv.storageClasses) {
      if (!sc.zonal || sc.volumeBindingMode !== "Immediate") continue;
      const who = users.get(sc.name) ?? [];
      const mode = sc.object.raw.volumeBindingMode === undefined ? "Immediate (the default)" : "Immediate";
      out.push({
        object: sc.object,
        severity: who.length > 0 ? "error" : "warning",
        message:
          `StorageClass ${sc.name} (${sc.provisioner}) makes zonal volumes with volumeBindingMode ${mode}` +
          (who.length > 0
            ? `; used by ${[...new Set(who)].slice(0, 3).join(", ")}${new Set(who).size > 3 ? ", …" : ""}: replicas' disks can be created in one zone or where the pod cannot run`
            : ": a disk's zone is chosen before its pod is scheduled"),
      });
    }
    return out;
  },
};
