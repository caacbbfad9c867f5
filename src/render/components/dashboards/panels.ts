/**
 * The few panel shapes hamon's dashboards use, built with the Grafana Foundation SDK's typed
 * builders (github.com/grafana/grafana-foundation-sdk), each bound to the Thanos datasource.
 * A dashboard module lists rows of these; `finishDashboard` numbers the panels.
 */
import {
  DashboardBuilder,
  QueryVariableBuilder,
  RowBuilder,
  ThresholdsConfigBuilder,
  ThresholdsMode,
  VariableRefresh,
  VariableSort,
  type Dashboard,
} from "@grafana/grafana-foundation-sdk/dashboard";
import {
  LegendDisplayMode,
  LegendPlacement,
  ReduceDataOptionsBuilder,
  VizLegendOptionsBuilder,
} from "@grafana/grafana-foundation-sdk/common";
import { DataqueryBuilder } from "@grafana/grafana-foundation-sdk/prometheus";
import { PanelBuilder as StatPanelBuilder } from "@grafana/grafana-foundation-sdk/stat";
import { PanelBuilder as TimeseriesPanelBuilder } from "@grafana/grafana-foundation-sdk/timeseries";
import { THANOS_DATASOURCE_REF } from "./datasource.js";

/** One PromQL query of a panel and the legend of its series. */
export interface PanelQuery {
  expr: string;
  legend: string;
}

interface PanelText {
  title: string;
  /** What the panel shows and how to read it, shown on hover. */
  description: string;
  /** A Grafana unit id: percentunit, bytes, Bps, s, short, … */
  unit: string;
}

/** `{a="1", b=~"2"}` from matchers written out, e.g. sel(`job="x"`, `instance=~"$node"`). */
export function sel(...matchers: string[]): string {
  return `{${matchers.join(", ")}}`;
}

function target(query: PanelQuery, refId: string): DataqueryBuilder {
  return new DataqueryBuilder()
    .datasource(THANOS_DATASOURCE_REF)
    .expr(query.expr)
    .legendFormat(query.legend)
    .refId(refId);
}

const refIds = "ABCDEFGHIJ";

/** A time series panel: one line per series of each query. */
export function timeseries(text: PanelText, queries: PanelQuery[], width = 12): TimeseriesPanelBuilder {
  const panel = new TimeseriesPanelBuilder()
    .title(text.title)
    .description(text.description)
    .datasource(THANOS_DATASOURCE_REF)
    .unit(text.unit)
    .span(width)
    .height(8)
    .fillOpacity(10)
    .legend(
      new VizLegendOptionsBuilder()
        .showLegend(true)
        .displayMode(LegendDisplayMode.List)
        .placement(LegendPlacement.Bottom)
        .calcs([]),
    );
  queries.forEach((q, i) => panel.withTarget(target(q, refIds[i]!)));
  return panel;
}

/**
 * A single-value panel: the last value of each series, red from `redAt` on (or below it when
 * `lowIsBad`), so that a degraded HA pair stands out.
 */
export function stat(
  text: PanelText,
  queries: PanelQuery[],
  thresholds: { redAt: number; lowIsBad?: boolean } | undefined = undefined,
  width = 6,
): StatPanelBuilder {
  const panel = new StatPanelBuilder()
    .title(text.title)
    .description(text.description)
    .datasource(THANOS_DATASOURCE_REF)
    .unit(text.unit)
    .span(width)
    .height(5)
    .reduceOptions(new ReduceDataOptionsBuilder().calcs(["lastNotNull"]).values(false));
  if (thresholds) {
    const good = "green";
    const bad = "red";
    panel.thresholds(
      new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute).steps(
        thresholds.lowIsBad
          ? [
              { value: null, color: bad },
              { value: thresholds.redAt, color: good },
            ]
          : [
              { value: null, color: good },
              { value: thresholds.redAt, color: bad },
            ],
      ),
    );
  }
  queries.forEach((q, i) => panel.withTarget(target(q, refIds[i]!)));
  return panel;
}

/** A dashboard variable whose values come from a label of a series (Grafana's `label_values()`). */
export function labelVariable(name: string, label: string, metric: string, displayName: string): QueryVariableBuilder {
  return (
    new QueryVariableBuilder(name)
      .label(displayName)
      .datasource(THANOS_DATASOURCE_REF)
      // The plain-string form of a Prometheus variable query, which every Grafana version reads
      // (grafana.com/docs/grafana/latest/datasources/prometheus/template-variables/).
      .query(`label_values(${metric}, ${label})`)
      .definition(`label_values(${metric}, ${label})`)
      .refresh(VariableRefresh.OnTimeRangeChanged)
      .sort(VariableSort.AlphabeticalAsc)
      .multi(true)
      .includeAll(true)
      // Queries match with =~, so "All" is every value.
      .allValue(".*")
  );
}

/** A dashboard of rows of panels; the first row holds the headline stats. */
export interface DashboardRows {
  uid: string;
  title: string;
  description: string;
  variables?: QueryVariableBuilder[];
  rows: Array<{ title: string; panels: Array<TimeseriesPanelBuilder | StatPanelBuilder> }>;
}

/** Builds the dashboard and numbers its panels (Grafana keys panel state by id). */
export function finishDashboard(d: DashboardRows): Dashboard {
  const builder = new DashboardBuilder(d.title)
    .uid(d.uid)
    .description(d.description)
    .tags(["hamon"])
    .editable()
    .time({ from: "now-6h", to: "now" })
    .refresh("1m")
    .timezone("browser")
    // `{ list: [] }` rather than the SDK's bare `{}`: Grafana adds its built-in annotations to the list.
    .annotations([]);
  for (const v of d.variables ?? []) builder.withVariable(v);
  for (const row of d.rows) {
    builder.withRow(new RowBuilder(row.title));
    for (const panel of row.panels) builder.withPanel(panel);
  }
  const dashboard = builder.build();
  (dashboard.panels ?? []).forEach((panel, i) => {
    panel.id = i + 1;
  });
  return dashboard;
}
