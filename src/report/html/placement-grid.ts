/** The placement grid: zones as columns, nodes as cells, each pod a chip coloured by component. */
import type { ReportModel, ReportZone } from "../report-model.js";
import { esc } from "./escape.js";
import { componentStyle } from "./palette.js";

function zoneColumn(zone: ReportZone): string {
  const nodes = zone.nodes
    .map(
      (
        node,
      ) => `<li class="node"><div class="node-name">${esc(node.name)}${(node.notes ?? []).map((n) => ` <small>${esc(n)}</small>`).join("")}</div>
<ul class="pods">${node.pods
        .map((pod) => {
          const s = componentStyle(pod.component);
          return `<li class="pod" style="background:${s.colour};color:${s.ink}" title="${esc(pod.name)} (${esc(pod.component)})">${s.code}<span class="sr-only"> ${esc(pod.name)}, ${esc(pod.component)}</span></li>`;
        })
        .join("")}</ul></li>`,
    )
    .join("\n");
  const idle =
    zone.idleNodes > 0
      ? `<li class="node idle">${zone.idleNodes.toLocaleString("en-US")} node${zone.idleNodes === 1 ? "" : "s"} without stack pods</li>`
      : "";
  return `<section class="zone" aria-label="zone ${esc(zone.name)}"><h3>${esc(zone.name)}</h3><ul class="nodes">${nodes}${idle}</ul></section>`;
}

export function placementGridHtml(model: ReportModel): string {
  const legend = model.components
    .map((c) => {
      const s = componentStyle(c);
      return `<li><span class="pod" style="background:${s.colour};color:${s.ink}" aria-hidden="true">${s.code}</span> ${esc(c)}</li>`;
    })
    .join("");
  const unplaced =
    model.unplaced.length === 0
      ? ""
      : `<div class="unplaced" role="alert"><h3>Pods that cannot be placed (${model.unplaced.length})</h3><ul>${model.unplaced
          .map((u) => `<li><b>${esc(u.pod)}</b> (${esc(u.component)}): ${esc(u.reason)}</li>`)
          .join("")}</ul></div>`;
  const daemons =
    model.daemonSets.length === 0
      ? ""
      : `<ul class="daemons">${model.daemonSets
          .map(
            (d) =>
              `<li${d.placed < d.eligible ? ' class="bad"' : ""}>DaemonSet <b>${esc(d.name)}</b> (${esc(d.component)}): one pod per node, ${
                d.placed === d.eligible
                  ? `on every eligible node (${d.eligible.toLocaleString("en-US")})`
                  : `on ${d.placed.toLocaleString("en-US")} of ${d.eligible.toLocaleString("en-US")} eligible nodes`
              }; not drawn on the nodes</li>`,
          )
          .join("")}</ul>`;
  return `<section id="placement"><h2>Placement</h2>
<ul class="legend" aria-label="component legend">${legend}</ul>${daemons}
<div class="grid" style="grid-template-columns:repeat(${Math.max(1, model.zones.length)},minmax(11rem,1fr))">
${model.zones.map(zoneColumn).join("\n")}
</div>${unplaced}</section>`;
}
