/** PromQL read with Prometheus' own Lezer grammar (@prometheus-io/lezer-promql): syntax errors and the metric names selected. */
import { parser } from "@prometheus-io/lezer-promql";

export interface PromqlSyntax {
  /** Offsets of error nodes: empty when the expression parses. */
  errorsAt: number[];
  /** Metric names of every vector or matrix selector, in order of appearance, without repeats. */
  metrics: string[];
}

export function promqlSyntax(expr: string): PromqlSyntax {
  const errorsAt: number[] = [];
  const metrics = new Set<string>();
  const cursor = parser.parse(expr).cursor();
  do {
    if (cursor.type.isError) errorsAt.push(cursor.from);
    if (cursor.name === "Identifier" && cursor.node.parent?.name === "VectorSelector")
      metrics.add(expr.slice(cursor.from, cursor.to));
  } while (cursor.next());
  return { errorsAt, metrics: [...metrics] };
}
