import type { Connection } from '../dialects/connection.js'
import type { BulkWriter } from '../dialects/twin-target.js'
import { generateTwin, type Shard } from '../generate/generate-twin.js'
import { assertLoadable, planLoad } from '../graph/load-plan.js'
import type { RulesSource } from '../rules/rule-file.js'
import type { Model } from '../model/model.js'
import { derivedColumns, loadConstraints } from '../rules/load-constraints.js'
import { rulesForModel } from '../rules/rules-for-model.js'
import { tableName } from '../schema/table-name.js'
import type { SchemaMap } from '../schema/table-placement.js'
import { learnedSums } from './learned-sums.js'
import { writeIntoTarget, type ExistingTables, type WriteEvent, type WriteStage } from './write-target.js'

export type { ExistingTables } from './write-target.js'
export type GenerateEvent = WriteEvent

export interface GenerateOptions {
  /** Parentless tables get learned rows × scale; everything else follows from the learned cardinalities. */
  scale?: number
  /** Explicit row counts for parentless tables, by `schema.table` or table name. */
  rows?: Record<string, number>
  seed?: number
  /** What to do with tables the target already has (default `refuse`: reuse empty ones only). */
  existing?: ExistingTables
  rules?: RulesSource
  /** Part of a load shared by several processes: see WriteStage and Shard. */
  stage?: WriteStage
  /** With stage `rows`: write only this shard's rows. */
  shard?: Shard
  /** Aborting it stops the write and rolls it back (the CLI aborts it on SIGINT, SIGTERM and SIGHUP). */
  signal?: AbortSignal
  /** How the model's schemas land on a MySQL target (see SchemaMap); `auto` by default. */
  schemaMap?: SchemaMap
  /**
   * The model was learned here from a live source, or its file is trusted (`--trust-model`): a PostgreSQL or PGlite
   * target gets the source's functions, triggers, views and policies too. Off, a model file is untrusted input and
   * only its plain objects (indexes, defaults, sequences, domains, partitions, comments) are written.
   */
  trustModel?: boolean
  /** Write the source's owners and grants too (see WriteSpec.keepGrants). */
  keepGrants?: boolean
}

export interface GenerateResult {
  rows: Record<string, number>
  seconds: number
}

/**
 * Writes a twin generated from a model into the database a URL names: creates the tables (keys, checks), streams
 * the rows with the engine's bulk path, fills deferred foreign keys, then adds the foreign keys, which checks every
 * one. On any failure, or once `options.signal` is aborted, the write is rolled back (see writeIntoTarget), and the
 * error says so.
 *
 * @example
 * const model = parseModelFile(await readFile('model.yaml', 'utf8'), 'model.yaml')
 * await generate(model, 'pglite://.dbtwin/twin', { scale: 0.5, seed: 7 })
 */
export async function generate(
  model: Model,
  url: Connection,
  options: GenerateOptions = {},
  onEvent: (e: GenerateEvent) => void = () => {},
): Promise<GenerateResult> {
  // Before the target is touched: a cycle no writer can break fails with its way out, not as a rolled-back write.
  assertLoadable(planLoad(model.schema, { constraintsAfterLoad: true }))
  const rules = await rulesForModel(model, options.rules)
  const constraints = await loadConstraints(options.rules, model.schema)
  const started = performance.now()
  const spec = {
    schema: model.schema,
    source: model.madeBy.source,
    what: 'twin',
    failureCode: 'GENERATE_FAILED',
    existing: options.existing ?? 'refuse',
    stage: options.stage ?? (options.shard === undefined ? 'all' : 'rows'),
    signal: options.signal,
    schemaMap: options.schemaMap,
    trustedObjects: options.trustModel === true,
    keepGrants: options.keepGrants,
    derived: derivedColumns(constraints),
    sums: learnedSums(model),
  } as const
  const counts = await writeIntoTarget(spec, url, onEvent, async (session) => {
    const writers = new Map<string, BulkWriter>()
    let index = 0
    let tableStarted = performance.now()
    const family = session.dialect === 'mysql' ? 'mysql' : 'postgres'
    const note = family === 'mysql' ? specialsOnMysql(model) : null
    if (note !== null) onEvent({ step: 'note', message: note })
    return generateTwin(
      model,
      {
        scale: options.scale ?? 1,
        rows: options.rows ?? {},
        seed: options.seed ?? 1,
        family,
        rules,
        shard: options.shard,
      },
      {
        async table(table, columns) {
          const writer = session.writer(table, columns)
          writers.set(tableName(table), writer)
          tableStarted = performance.now()
          return (rows) => writer.write(rows)
        },
        async tableDone(table, rows) {
          await writers.get(tableName(table))!.end()
          onEvent({
            step: 'table',
            table: tableName(table),
            index: index++,
            total: model.tables.length,
            rows,
            seconds: (performance.now() - tableStarted) / 1000,
          })
        },
        update: (table, key, values) => session.update(table, key, values),
      },
    )
  })
  return { rows: Object.fromEntries(counts ?? []), seconds: (performance.now() - started) / 1000 }
}

/**
 * The one line that says where a model's NaN and infinities go in a MySQL twin, which cannot hold them: NULL where
 * the column allows it, else a finite value drawn as the others are. Null when the model has none.
 */
export function specialsOnMysql(model: Model): string | null {
  const asNull: string[] = []
  const asFinite: string[] = []
  for (const table of model.tables) {
    const schemaTable = model.schema.tables.find((t) => tableName(t) === table.table)!
    for (const column of table.columns) {
      if (column.kind !== 'numeric' || column.unique || (column.specials ?? []).length === 0) continue
      const nullable = schemaTable.columns.find((c) => c.name === column.name)?.nullable ?? true
      ;(nullable ? asNull : asFinite).push(`${table.table}.${column.name}`)
    }
  }
  if (asNull.length + asFinite.length === 0) return null
  const parts = [
    ...(asNull.length > 0 ? [`written as NULL in ${asNull.join(', ')}`] : []),
    ...(asFinite.length > 0 ? [`as finite values in ${asFinite.join(', ')} (NOT NULL)`] : []),
  ]
  return `MySQL has no NaN or Infinity: they are ${parts.join('; ')}`
}
