/**
 * The report's only stylesheet, inline: the file opens from a mail attachment or a CI artifact
 * with no network. System fonts only. Sizes in rem so the browser's zoom and font settings apply;
 * body text ≥ 15px on a laptop screen; a print layout that keeps tables whole and drops nothing.
 */
export const REPORT_CSS = `
:root { color-scheme: light; --fg:#111; --muted:#555; --line:#ccc; --bg:#fff; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 96rem; padding: 1.25rem 1.5rem 3rem; font: 0.95rem/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); background: var(--bg); }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; } h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 2px solid var(--fg); padding-bottom: .2rem; } h3 { font-size: 1rem; margin: 0 0 .4rem; }
small { color: var(--muted); font-weight: normal; }
code { font: .85rem ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.verdict { display: inline-block; padding: .35rem .75rem; border: 2px solid; border-radius: .3rem; font-weight: 600; }
.verdict.good { border-color: #009E73; } .verdict.bad { border-color: #D55E00; }
nav a { margin-right: 1rem; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; margin: 0 0 .75rem; }
.grid { display: grid; gap: .75rem; align-items: start; }
.zone { border: 1px solid var(--line); border-radius: .4rem; padding: .6rem; background: #fafafa; }
.nodes, .pods { list-style: none; margin: 0; padding: 0; }
.node { border: 1px solid var(--line); border-radius: .3rem; padding: .35rem .45rem; margin-bottom: .4rem; background: #fff; }
.node.idle { color: var(--muted); font-style: italic; }
.node-name { font: .8rem ui-monospace, Menlo, Consolas, monospace; margin-bottom: .25rem; overflow-wrap: anywhere; }
.pods { display: flex; flex-wrap: wrap; gap: .2rem; }
.pod { display: inline-block; min-width: 1.9rem; text-align: center; font: 600 .75rem/1.5 ui-monospace, Menlo, Consolas, monospace; border-radius: .2rem; padding: 0 .2rem; border: 1px solid rgba(0,0,0,.35); }
.unplaced { border: 2px solid #D55E00; padding: .5rem .75rem; margin-top: .75rem; border-radius: .3rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--line); padding: .3rem .45rem; text-align: left; vertical-align: top; }
thead th { background: #eee; position: sticky; top: 0; }
.matrix td.st { text-align: center; font-weight: 700; width: 4.5rem; }
.matrix thead th:not(:first-child) { font-size: .8rem; }
.matrix tr.folded th { font-weight: normal; }
.key .st { padding: .1rem .45rem; border-radius: .2rem; font-weight: 600; }
td.na { color: var(--muted); text-align: center; }
.good { color: #006b4f; font-weight: 600; } .warn { color: #8a4b00; font-weight: 600; } .bad { color: #a63d00; font-weight: 700; }
.sev-error td:first-child { color: #a63d00; font-weight: 700; } .sev-warning td:first-child { color: #8a4b00; font-weight: 600; }
.fix { color: var(--muted); margin-top: .15rem; }
.sizing { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: .4rem 1rem; }
.sizing div { border-left: 3px solid var(--line); padding-left: .5rem; } .sizing dt { color: var(--muted); font-size: .85rem; } .sizing dd { margin: 0; font-weight: 600; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav { display: none; }
  h2 { break-after: avoid; } tr, .node, .zone { break-inside: avoid; }
  thead th { position: static; }
  td.st, .pod, .key .st { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .scroll { overflow: visible; }
}
`;
