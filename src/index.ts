/**
 * dbtwin's library: the same stages as the CLI, which is a thin layer over them.
 * inspect → scan/check → learn → generate | subset → report, plus clone (learn + generate); the demo and the sample
 * database are in `dbtwin/demo`, test-suite helpers in `dbtwin/testing`.
 *
 * Importing this module loads none of dbtwin's stages nor their dependencies: each entry point loads its own on
 * first call (see library/lazy-api.ts), so the helpers that parse files return promises.
 */
export { DbtwinError, type ErrorCode, type ErrorData } from './errors.js'
export type { Connection } from './dialects/connection.js'
export { parseConnectionUrl, databaseFingerprint, type ConnectionUrl } from './dialects/connection-url.js'
export type { Database, OpenOptions, SchemaDdl } from './dialects/dialect.js'
export {
  inspect,
  introspect,
  openDatabase,
  scan,
  check,
  learn,
  generate,
  clone,
  subset,
  planSubset,
  report,
  type Progress,
  type SubsetRequest,
} from './library/lazy-api.js'
export {
  parseModelFile,
  formatModelFile,
  parseSchemaFile,
  formatSchemaFile,
  loadRules,
  loadRuleSet,
  parseRuleFile,
  parseRuleSet,
  resolveRules,
  rewrittenColumns,
  valueRewriter,
  ruleSkeleton,
  parseRoot,
  parseChildren,
  parseVirtualForeignKey,
  parseSubsetConfig,
  generateFiles,
} from './library/lazy-helpers.js'

// inspect
export type { SchemaFormat } from './schema/schema-file.js'
export { tableName } from './schema/table-name.js'
export type * from './schema/schema.js'
export {
  planLoad,
  assertLoadable,
  type LoadPlan,
  type Cycle,
  type DeferredForeignKey,
} from './graph/load-plan.js'

// scan, check and rules
export type { ScanResult, CheckResult } from './rules/scan.js'
export type { PiiColumn, ScanOptions } from './rules/scan-database.js'
export { PII_KINDS, type PiiKind } from './model/pii-kinds.js'
export type { Rule, RuleAction, RuleSet, RulesSource, TableRule } from './rules/rule-file.js'
export { resolveTableRules, type ResolvedTableRules } from './rules/table-rules.js'
export type { DeclaredConstraint } from './rules/declared-constraints.js'
export type { ResolvedRules, ColumnId } from './rules/resolve-rules.js'
export type { Rewrite } from './rules/value-rewriter.js'

// learn
export type { LearnOptions, LearnEvent } from './learn/learn.js'
export { LEARN_DEFAULTS } from './learn/learn-defaults.js'
export {
  referenceTables,
  REFERENCE_ROWS,
  type ReferenceDecision,
  type ReferenceInputs,
} from './model/reference-tables.js'
export { OTHER_MARKER } from './model/other-value.js'
export type * from './model/model.js'

// generate, clone
export type {
  GenerateOptions,
  GenerateEvent,
  GenerateResult,
  ExistingTables,
} from './write/generate-into-target.js'
export type { FileFormat } from './write/file-output.js'
export type { CloneOptions } from './write/clone.js'

// subset
export type { SubsetEvent, SubsetPlan, SubsetResult } from './subset/subset.js'
export type {
  SubsetOptions,
  RootSelection,
  ChildrenPolicy,
  VirtualForeignKey,
} from './subset/subset-options.js'

// report
export type { ReportOptions, ReportEvent, Gate } from './report/report-twin.js'
export { renderHtml } from './report/render-html.js'
export { renderSummary } from './report/render-terminal.js'
export type * from './report/report.js'
