/**
 * dbtwin's library: the same stages as the CLI, which is a thin layer over them.
 * inspect → scan/check → learn → generate | subset → report, plus clone (learn + generate) and the demo.
 */
export { DbtwinError, type ErrorCode } from './errors.js'
export { parseConnectionUrl, databaseFingerprint, type ConnectionUrl } from './dialects/connection-url.js'
export { openDatabase } from './dialects/open-database.js'
export type { Database, OpenOptions, SchemaDdl } from './dialects/dialect.js'

// inspect
export { inspect } from './schema/inspect.js'
export { introspect } from './schema/introspect.js'
export { formatSchemaFile, parseSchemaFile, type SchemaFormat } from './schema/schema-file.js'
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
export { scan, check, type ScanResult, type CheckResult } from './rules/scan.js'
export type { PiiColumn, ScanOptions } from './rules/scan-database.js'
export { PII_KINDS, type PiiKind } from './rules/pii-kinds.js'
export {
  loadRules,
  loadRuleSet,
  parseRuleFile,
  parseRuleSet,
  type Rule,
  type RuleAction,
  type RuleSet,
  type TableRule,
} from './rules/rule-file.js'
export { resolveTableRules, type ResolvedTableRules } from './rules/table-rules.js'
export type { DeclaredConstraint } from './rules/declared-constraints.js'
export { resolveRules, rewrittenColumns, type ResolvedRules, type ColumnId } from './rules/resolve-rules.js'
export { valueRewriter, type Rewrite } from './rules/value-rewriter.js'
export { ruleSkeleton } from './rules/rule-skeleton.js'

// learn
export { learn, LEARN_DEFAULTS, type LearnOptions, type LearnEvent } from './learn/learn.js'
export { formatModelFile, parseModelFile } from './model/model-file.js'
export {
  referenceTables,
  REFERENCE_ROWS,
  type ReferenceDecision,
  type ReferenceInputs,
} from './model/reference-tables.js'
export { OTHER_MARKER } from './generate/other-value.js'
export type * from './model/model.js'

// generate, clone
export {
  generate,
  type GenerateOptions,
  type GenerateEvent,
  type GenerateResult,
  type ExistingTables,
} from './write/write-twin.js'
export { generateFiles, type FileFormat } from './write/file-output.js'
export { clone, type CloneOptions } from './write/clone.js'

// subset
export { subset, type SubsetEvent, type SubsetPlan, type SubsetResult } from './subset/subset.js'
export {
  parseRoot,
  parseChildren,
  parseVirtualForeignKey,
  parseSubsetConfig,
  type SubsetOptions,
  type RootSelection,
  type ChildrenPolicy,
  type VirtualForeignKey,
} from './subset/subset-options.js'

// report
export { report, type ReportOptions, type ReportEvent, type Gate } from './report/report-twin.js'
export { renderHtml } from './report/render-html.js'
export { renderSummary } from './report/render-terminal.js'
export type * from './report/report.js'

// the sample database and the demo
export { createSampleSchema } from './sample/create-sample-schema.js'
export { seedSampleData, type SeedOptions } from './sample/seed-sample-data.js'
export { sampleMigrations } from '../migrations/index.js'
export { runDemo, type DemoOptions, type DemoEvent, type DemoResult } from './demo/run-demo.js'
