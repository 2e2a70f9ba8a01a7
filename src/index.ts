export { DbtwinError, type ErrorCode } from './errors.js'
export { parseConnectionUrl, type ConnectionUrl } from './dialects/connection-url.js'
export { openDatabase } from './dialects/open-database.js'
export type { Database, OpenOptions, SchemaDdl } from './dialects/dialect.js'
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
export { createSampleSchema } from './sample/create-sample-schema.js'
export { sampleMigrations } from '../migrations/index.js'
export { learn, LEARN_DEFAULTS, type LearnOptions, type LearnEvent } from './learn/learn.js'
export { formatModelFile, parseModelFile } from './model/model-file.js'
export type * from './model/model.js'
export { loadRules, parseRuleFile, type Rule, type RuleAction } from './rules/rule-file.js'
export { resolveRules, rewrittenColumns, type ResolvedRules, type ColumnId } from './rules/resolve-rules.js'
export { valueRewriter, type Rewrite } from './rules/value-rewriter.js'
export { PII_KINDS, type PiiKind } from './rules/pii-kinds.js'
export { seedSampleData, type SeedOptions } from './sample/seed-sample-data.js'
export {
  generate,
  type GenerateOptions,
  type GenerateEvent,
  type GenerateResult,
  type ExistingTables,
} from './write/write-twin.js'
export { generateFiles, type FileFormat } from './write/file-output.js'
export { databaseFingerprint } from './dialects/connection-url.js'
