/**
 * Colours that stay distinct for the common colour-vision deficiencies: the Okabe–Ito palette
 * (Okabe & Ito, "Color Universal Design", jfly.uni-koeln.de/color/), plus a two-letter code on
 * every chip and a symbol on every status so that colour is never the only cue (WCAG 2.1, 1.4.1).
 */
import type { Status } from "../report-model.js";

const OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"];

const KNOWN: Record<string, { code: string; colour: string; ink: string }> = {
  prometheus: { code: "PR", colour: OKABE_ITO[0]!, ink: "#000" },
  alertmanager: { code: "AM", colour: OKABE_ITO[5]!, ink: "#000" },
  // Tints of Prometheus' and Query's colours: the two-letter code tells them apart.
  "thanos-ruler": { code: "TR", colour: "#F5CB7A", ink: "#000" },
  "thanos-receive": { code: "RC", colour: "#A8D8F5", ink: "#000" },
  "thanos-query": { code: "TQ", colour: OKABE_ITO[4]!, ink: "#fff" },
  "thanos-query-frontend": { code: "QF", colour: OKABE_ITO[1]!, ink: "#000" },
  "thanos-store": { code: "TS", colour: OKABE_ITO[2]!, ink: "#000" },
  "thanos-compact": { code: "TC", colour: OKABE_ITO[3]!, ink: "#000" },
  grafana: { code: "GR", colour: OKABE_ITO[6]!, ink: "#000" },
  postgresql: { code: "PG", colour: OKABE_ITO[7]!, ink: "#fff" },
  redis: { code: "RD", colour: "#999999", ink: "#000" },
};

export function componentStyle(component: string): { code: string; colour: string; ink: string } {
  return KNOWN[component] ?? { code: component.slice(0, 2).toUpperCase(), colour: "#DDDDDD", ink: "#000" };
}

export const STATUS_STYLE: Record<Status, { symbol: string; colour: string; ink: string }> = {
  ok: { symbol: "✓", colour: "#009E73", ink: "#000" },
  degraded: { symbol: "◐", colour: "#E69F00", ink: "#000" },
  down: { symbol: "✗", colour: "#D55E00", ink: "#000" },
};
