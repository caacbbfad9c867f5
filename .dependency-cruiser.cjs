/**
 * The import rules of hamon's design (docs/design.md): data flows one way through the stages,
 * only `pipeline/` chains stages, `cli/` is the top, and there is no import cycle. `npm run lint`
 * checks them.
 */
const stage = (name) => `^src/${name}/`;
/** What each folder may import besides itself, the shared foundations and node_modules. */
const FOUNDATION = ["^src/(k8s|upstream|units|errors\\.ts|plural\\.ts|vocabulary\\.ts)"];
module.exports = {
  forbidden: [
    { name: "no-cycle", severity: "error", from: {}, to: { circular: true } },
    {
      name: "cli-is-the-top",
      comment: "Nothing but the entry point imports the command line layer.",
      severity: "error",
      from: { path: "^src/", pathNot: ["^src/cli/", "^src/cli\\.ts$"] },
      to: { path: ["^src/cli/", "^src/cli\\.ts$"] },
    },
    {
      name: "only-pipeline-chains-stages",
      comment: "Stages do not call the pipeline; the pipeline calls them.",
      severity: "error",
      from: { path: "^src/", pathNot: ["^src/pipeline/", "^src/cli/", "^src/cli\\.ts$", "^src/lab/", "\\.test\\.ts$"] },
      to: { path: stage("pipeline") },
    },
    {
      name: "spec-before-sizing",
      severity: "error",
      from: { path: stage("spec"), pathNot: "\\.test\\.ts$" },
      to: { path: [stage("sizing"), stage("render"), stage("inventory"), stage("audit"), stage("simulate")] },
    },
    {
      name: "render-before-inventory",
      severity: "error",
      from: { path: stage("render"), pathNot: "\\.test\\.ts$" },
      to: { path: [stage("inventory"), stage("audit"), stage("simulate"), stage("report"), stage("lab")] },
    },
    {
      name: "simulate-reads-the-inventory-not-the-renderer",
      severity: "error",
      from: { path: stage("simulate"), pathNot: "\\.test\\.ts$" },
      to: { path: [stage("render"), stage("audit"), stage("report")] },
    },
    {
      name: "src-never-imports-test-support",
      comment: "Test helpers (test/support/) may import the pipeline; the product never imports them.",
      severity: "error",
      from: { path: "^src/", pathNot: "\\.test\\.ts$" },
      to: { path: "^test/" },
    },
    {
      name: "foundations-import-nothing-above",
      severity: "error",
      from: { path: FOUNDATION },
      to: { path: "^src/", pathNot: FOUNDATION },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"] },
  },
};
