import { sql } from 'kysely'
import { databaseFingerprint, parseConnectionUrl } from '../dialects/connection-url.js'
import type { Database } from '../dialects/dialect.js'
import { openDatabase } from '../dialects/open-database.js'
import { dialectFamily, type BulkWriter, type TwinTarget } from '../dialects/twin-target.js'
import { DbtwinError } from '../errors.js'
import { writtenColumns } from '../generate/generate-table.js'
import { generateTwin } from '../generate/generate-twin.js'
import { planLoad } from '../graph/load-plan.js'
import type { Model } from '../model/model.js'
import { rulesForModel } from '../rules/rules-for-model.js'
import type { Table, TableRef } from '../schema/schema.js'
import { tableName } from '../schema/table-name.js'

export type ExistingTables = 'refuse' | 'create' | 'truncate' | 'drop'

export interface GenerateOptions {
  /** Parentless tables get learned rows × scale; everything else follows from the learned cardinalities. */
  scale?: number
  /** Explicit row counts for parentless tables, by `schema.table` or table name. */
  rows?: Record<string, number>
  seed?: number
  /**
   * What to do with tables the target already has. `refuse` (default): reuse empty ones, refuse any with rows;
   * `create`: refuse if any exists; `truncate`: empty them first; `drop`: drop and recreate them.
   */
  existing?: ExistingTables
  rules?: string
}

export type GenerateEvent =
  | { step: 'table'; table: string; index: number; total: number; rows: number; seconds: number }
  | { step: 'note'; message: string }
  | { step: 'constraints'; foreignKeys: number }

export interface GenerateResult {
  rows: Record<string, number>
  seconds: number
}

/**
 * Writes a twin generated from a model into the database a URL names: creates the tables (keys, checks), streams
 * the rows with the engine's bulk path, fills deferred foreign keys, then adds the foreign keys, which checks every
 * one. On any failure (or Ctrl-C) what it created is dropped and what it emptied is emptied again, and the error
 * says so.
 *
 * @example
 * const model = parseModelFile(await readFile('model.yaml', 'utf8'), 'model.yaml')
 * await generate(model, 'pglite://.dbtwin/twin', { scale: 0.5, seed: 7 })
 */
export async function generate(
  model: Model,
  url: string,
  options: GenerateOptions = {},
  onEvent: (e: GenerateEvent) => void = () => {},
): Promise<GenerateResult> {
  const rules = await rulesForModel(model, options.rules)
  if (databaseFingerprint(url) === model.madeBy.source.fingerprint) {
    throw new DbtwinError(
      'TARGET_IS_SOURCE',
      `${parseConnectionUrl(url).display} is the database this model was learned from`,
      'write the twin into another database',
    )
  }
  const target = await openDatabase(url)
  const started = performance.now()
  const undo: (() => Promise<void>)[] = []
  let interrupted = false
  const onSigint = () => {
    interrupted = true
  }
  // Every Ctrl-C, not just the first, waits for the rollback: a half-written target is worse than a wait.
  process.on('SIGINT', onSigint)
  try {
    const twin = target.twin(model.schema.enums)
    const refOf = targetRefs(model, target)
    const created = await prepareTables(
      model,
      target,
      twin,
      refOf,
      options.existing ?? 'refuse',
      undo,
      onEvent,
    )
    const writers = new Map<string, BulkWriter>()
    let index = 0
    let tableStarted = performance.now()
    const counts = await generateTwin(
      model,
      {
        scale: options.scale ?? 1,
        rows: options.rows ?? {},
        seed: options.seed ?? 1,
        family: twin.family,
        rules,
      },
      {
        async table(table, columns) {
          if (interrupted) throw new DbtwinError('INTERRUPTED', 'interrupted', 'run the command again')
          const writer = twin.bulkWriter(refOf(table), columns)
          writers.set(tableName(table), writer)
          tableStarted = performance.now()
          return async (rows) => {
            if (interrupted) throw new DbtwinError('INTERRUPTED', 'interrupted', 'run the command again')
            await writer.write(rows)
          }
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
        async update(table, key, values) {
          const ref = refOf(table)
          const set = Object.entries(values).map(([c, v]) => sql`${sql.id(c)} = ${v}`)
          const where = Object.entries(key).map(([c, v]) => sql`${sql.id(c)} = ${v}`)
          await sql`update ${sql.id(ref.schema, ref.name)} set ${sql.join(set)} where ${sql.join(where, sql` and `)}`.execute(
            target.db,
          )
        },
      },
    )
    let foreignKeys = 0
    for (const table of model.schema.tables) {
      // A reused table keeps the foreign keys it already has.
      for (const fk of created.has(tableName(table)) ? table.foreignKeys : []) {
        const parent = model.schema.tables.find(
          (t) => t.schema === fk.references.schema && t.name === fk.references.name,
        )
        if (parent === undefined) continue
        await twin.addForeignKey(target.db, refOf(table), fk, refOf(parent))
        foreignKeys++
      }
      for (const column of table.columns) {
        if (column.identity !== null) await target.ddl.syncIdentity(target.db, refOf(table), column.name)
      }
    }
    onEvent({ step: 'constraints', foreignKeys })
    return { rows: Object.fromEntries(counts), seconds: (performance.now() - started) / 1000 }
  } catch (error) {
    // A refusal before anything was touched needs no rollback and says so itself.
    if (error instanceof DbtwinError && undo.length === 0) throw error
    const undone = await rollBack(undo)
    const cause =
      error instanceof DbtwinError ? error.message : error instanceof Error ? error.message : String(error)
    throw new DbtwinError(
      interrupted ? 'INTERRUPTED' : 'GENERATE_FAILED',
      `${interrupted ? 'interrupted' : `writing the twin failed: ${cause}`}; ${undone}`,
      interrupted ? 'run the command again' : 'fix the cause above and run the command again',
      { cause: error },
    )
  } finally {
    process.off('SIGINT', onSigint)
    await target.close()
  }
}

/** Where each model table lands: PostgreSQL keeps PostgreSQL schemas; MySQL puts everything in its database. */
function targetRefs(model: Model, target: Database): (table: TableRef) => TableRef {
  const fromPostgres = dialectFamily(model.madeBy.source.dialect) === 'postgres'
  const refOf = (t: TableRef): TableRef =>
    target.ddl.schemas
      ? { schema: fromPostgres ? t.schema : 'public', name: t.name }
      : { schema: target.name, name: t.name }
  const seen = new Map<string, string>()
  for (const t of model.schema.tables) {
    const id = tableName(refOf(t))
    const other = seen.get(id)
    if (other !== undefined) {
      throw new DbtwinError(
        'TARGET_CONFLICT',
        `${other} and ${tableName(t)} would both become ${id} on ${target.display}`,
        'write this model into a PostgreSQL target, which keeps schemas apart',
      )
    }
    seen.set(id, tableName(t))
  }
  return refOf
}

async function prepareTables(
  model: Model,
  target: Database,
  twin: TwinTarget,
  refOf: (t: TableRef) => TableRef,
  existing: ExistingTables,
  undo: (() => Promise<void>)[],
  onEvent: (e: GenerateEvent) => void,
): Promise<Set<string>> {
  const present = await target.introspect()
  const found = new Map(present.tables.map((t) => [tableName(t), t]))
  const order = planLoad(model.schema).order
  const byId = new Map(model.schema.tables.map((t) => [tableName(t), t]))
  const tables = order.map((id) => byId.get(id)!)
  const there = tables.filter((t) => found.has(tableName(refOf(t))))
  if (existing === 'create' && there.length > 0) {
    throw new DbtwinError(
      'TARGET_NOT_EMPTY',
      `${target.display} already has ${there.map((t) => tableName(refOf(t))).join(', ')}`,
      'use an empty database, or pass --drop or --truncate',
    )
  }
  if (existing !== 'drop') {
    // A table that is reused must have every column the twin writes; extra nullable columns are fine.
    for (const t of there) {
      const columns = new Set(found.get(tableName(refOf(t)))!.columns.map((c) => c.name))
      const missing = writtenColumns(t)
        .filter((c) => !columns.has(c.name))
        .map((c) => c.name)
      if (missing.length > 0) {
        throw new DbtwinError(
          'TARGET_CONFLICT',
          `${tableName(refOf(t))} on ${target.display} exists without column${missing.length === 1 ? '' : 's'} ${missing.join(', ')}`,
          'pass --drop to recreate the tables from the model, or point --to at another database',
        )
      }
    }
  }
  if (existing === 'refuse') {
    for (const t of there) {
      const ref = refOf(t)
      const { rows } = await sql<{
        n: unknown
      }>`select count(*) as n from ${sql.id(ref.schema, ref.name)}`.execute(target.db)
      if (Number(rows[0]?.n) > 0) {
        throw new DbtwinError(
          'TARGET_NOT_EMPTY',
          `${tableName(ref)} on ${target.display} already holds rows`,
          'pass --truncate to empty the tables first, or --drop to recreate them',
        )
      }
    }
  }
  if (existing === 'truncate' && there.length > 0) {
    const refs = there.map(refOf)
    await twin.truncate(target.db, refs)
    undo.push(() => twin.truncate(target.db, refs))
  }
  if (existing === 'drop') {
    for (const t of [...there].reverse()) await twin.dropTable(target.db, refOf(t))
  }
  const reused = existing === 'drop' ? new Set<string>() : new Set(there.map((t) => tableName(t)))
  if (existing === 'refuse' && there.length > 0) {
    // They were empty: a failure leaves them empty again.
    const refs = there.map(refOf)
    undo.push(() => twin.truncate(target.db, refs))
  }
  for (const table of tables) {
    if (reused.has(tableName(table))) continue
    const notes = await twin.createTable(target.db, {
      table,
      target: refOf(table),
      sameEngine: twin.family === dialectFamily(model.madeBy.source.dialect),
      keyColumns: keyColumns(table),
    })
    undo.push(() => twin.dropTable(target.db, refOf(table)))
    for (const message of notes) onEvent({ step: 'note', message: `${tableName(refOf(table))}: ${message}` })
  }
  return new Set(tables.map((t) => tableName(t)).filter((id) => !reused.has(id)))
}

function keyColumns(table: Table): Set<string> {
  return new Set([
    ...(table.primaryKey?.columns ?? []),
    ...table.uniques.flatMap((u) => u.columns),
    ...table.foreignKeys.flatMap((fk) => fk.columns),
  ])
}

/** Undoes what was done to the target, newest first, and says what that was. */
async function rollBack(undo: (() => Promise<void>)[]): Promise<string> {
  let done = 0
  for (const step of [...undo].reverse()) {
    try {
      await step()
      done++
    } catch {
      // Keep undoing the rest; the count below says how far it got.
    }
  }
  return done === undo.length
    ? `the target was rolled back (${done} step${done === 1 ? '' : 's'}: tables created dropped, tables reused emptied)`
    : `the target was only partly rolled back (${done} of ${undo.length} steps); drop its twin tables by hand`
}
