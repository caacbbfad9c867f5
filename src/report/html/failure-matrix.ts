/**
 * The failure matrix: scenarios × components. Every scenario where something is not ok gets its
 * own row; the all-ok scenarios of each kind fold into one row, so that thousands of nodes stay
 * one screen. Each cell says its status in a symbol, a word for screen readers, and the reason on
 * hover and in the accessible name.
 */
import type { ReportModel, ReportScenario } from "../report-model.js";
import { esc } from "./escape.js";
import { STATUS_STYLE } from "./palette.js";

const KIND_TITLE: Record<ReportScenario["kind"], string> = {
  node: "loss of node",
  zone: "loss of zone",
  drain: "drain of node",
  upgrade: "rolling upgrade",
};

function cell(status: keyof typeof STATUS_STYLE, reason: string): string {
  const s = STATUS_STYLE[status];
  return `<td class="st st-${status}" style="background:${s.colour};color:${s.ink}" title="${esc(reason)}"><span aria-hidden="true">${s.symbol}</span><span class="sr-only">${status}: ${esc(reason)}</span></td>`;
}

export function failureMatrixHtml(model: ReportModel): string {
  const head = `<tr><th scope="col">scenario</th>${model.components.map((c) => `<th scope="col"><span>${esc(c)}</span></th>`).join("")}</tr>`;
  const rows: string[] = [];
  for (const kind of ["zone", "node", "drain", "upgrade"] as const) {
    const ofKind = model.scenarios.filter((s) => s.kind === kind);
    const allOk = ofKind.filter((s) => s.cells.every((c) => c.status === "ok"));
    for (const s of ofKind.filter((x) => !allOk.includes(x))) {
      const byComponent = new Map(s.cells.map((c) => [c.component, c]));
      rows.push(
        `<tr><th scope="row">${KIND_TITLE[kind]} <b>${esc(s.target)}</b></th>${model.components
          .map((c) => {
            const found = byComponent.get(c);
            return found ? cell(found.status, found.reason) : `<td class="na">–</td>`;
          })
          .join("")}</tr>`,
      );
    }
    if (allOk.length > 0) {
      const targets = allOk.map((s) => s.target);
      const shown =
        targets.slice(0, 12).map(esc).join(", ") + (targets.length > 12 ? `, … (${targets.length - 12} more)` : "");
      rows.push(
        `<tr class="folded"><th scope="row">${KIND_TITLE[kind]}: ${allOk.length.toLocaleString("en-US")} scenario${allOk.length === 1 ? "" : "s"} <small>${shown}</small></th>${model.components
          .map(() => cell("ok", "every scenario of this row: ok"))
          .join("")}</tr>`,
      );
    }
  }
  return `<section id="matrix"><h2>Failure matrix</h2>
<p class="key">${(["ok", "degraded", "down"] as const)
    .map(
      (s) =>
        `<span class="st st-${s}" style="background:${STATUS_STYLE[s].colour};color:${STATUS_STYLE[s].ink}">${STATUS_STYLE[s].symbol} ${s}</span>`,
    )
    .join(" ")} — hover a cell for the reason.</p>
<div class="scroll"><table class="matrix"><thead>${head}</thead><tbody>${rows.join("\n")}</tbody></table></div></section>`;
}
