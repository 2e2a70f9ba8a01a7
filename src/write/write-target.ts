import { sql } from 'kysely'
import { databaseFingerprint, parseConnectionUrl } from '../dialects/connection-url.js'
import type { Database } from '../dialects/dialect.js'
import { createDatabase, openDatabase } from '../dialects/open-database.js'
import {
  dialectFamily,
  type BulkWriter,
  type CellValue,
  type NewForeignKey,
  type TwinTarget,
} from '../dialects/twin-target.js'
import { DbtwinError, type ErrorCode } from '../errors.js'
import { writtenColumns } from '../generate/generate-table.js'
import { planLoad } from '../graph/load-plan.js'
import type { Column, DialectName, Schema, Table, TableRef } from '../schema/schema.js'
import { tableName } from '../schema/table-name.js'

/**
 * What to do with tables the target already has. `refuse` (default): reuse empty ones, refuse any with rows;
 * `create`: refuse if any exists; `truncate`: empty them first; `drop`: drop and recreate them.
 */
export type ExistingTables = 'refuse' | 'create' | 'truncate' | 'drop'

export type WriteEvent =
  | { step: 'table'; table: string; index: number; total: number; rows: number; seconds: number }
  | { step: 'note'; message: string }
  | { step: 'constraints'; foreignKeys: number }

/** What is written and where it came from: enough to create the tables and to refuse writing into the source. */
export interface WriteSpec {
  schema: Schema
  source: { dialect: DialectName; fingerprint: string }
  /** `twin` or `subset`, for messages. */
  what: string
  failureCode: ErrorCode
  existing: ExistingTables
  /**
   * `all` (default) does everything below. A load shared by several processes splits it: `schema` creates the
   * tables and stops; `rows` (each shard) only writes rows into tables that exist; `constraints` (once every
   * shard is done) adds the foreign keys and moves identity sequences.
   */
  stage?: WriteStage
}

export type WriteStage = 'all' | 'schema' | 'rows' | 'constraints'

/** The open target, handed to whatever fills it. */
export interface TargetSession {
  readonly database: Database
  /** A bulk writer for one table, which stops with INTERRUPTED once Ctrl-C was pressed. */
  writer(table: Table, columns: readonly Column[]): BulkWriter
  /** Sets `values` on the row whose key is `key`: deferred foreign keys, filled once their parent exists. */
  update(table: Table, key: Record<string, CellValue>, values: Record<string, CellValue>): Promise<void>
  /**
   * Says a table holds all its rows. Where the engine can check a foreign key on one connection while rows load on
   * another, the keys between loaded tables are added (and checked) now, while the next tables load.
   */
  loaded(table: Table): void
}

/**
 * One write into a target: refuses the source, creates (or reuses, empties, recreates) the tables, lets `fill`
 * stream the rows, then adds the foreign keys, which checks every one, and moves identity sequences past the rows.
 * On any failure (or Ctrl-C) what it created is dropped and what it emptied is emptied again, and the error says so.
 */
export async function writeIntoTarget<T>(
  spec: WriteSpec,
  url: string,
  onEvent: (e: WriteEvent) => void,
  fill: (session: TargetSession) => Promise<T>,
): Promise<T> {
  if (databaseFingerprint(url) === spec.source.fingerprint) {
    throw new DbtwinError(
      'TARGET_IS_SOURCE',
      `${parseConnectionUrl(url).display} is the source of this ${spec.what}`,
      `write the ${spec.what} into another database`,
    )
  }
  const { target, dropCreated } = await openTarget(url, spec.existing === 'create', onEvent)
  let failed = false
  const undo: (() => Promise<void>)[] = []
  /** Foreign keys being added while later tables load (see TargetSession.loaded). */
  const checking: Promise<void>[] = []
  let interrupted = false
  const onSigint = () => {
    interrupted = true
  }
  const stopIfInterrupted = () => {
    if (interrupted) throw new DbtwinError('INTERRUPTED', 'interrupted', 'run the command again')
  }
  // Every Ctrl-C, not just the first, waits for the rollback: a half-written target is worse than a wait.
  process.on('SIGINT', onSigint)
  try {
    const twin = target.twin(spec.schema.enums)
    const refOf = targetRefs(spec, target)
    const stage = spec.stage ?? 'all'
    const created =
      stage === 'all' || stage === 'schema'
        ? await prepareTables(spec, target, twin, refOf, undo, onEvent)
        : await existingTables(spec, target, refOf)
    if (stage === 'schema') return undefined as T
    // A reused table keeps the foreign keys it already has.
    let foreignKeys = stage === 'rows' ? [] : foreignKeysToAdd(spec.schema, created, refOf)
    const keyCount = foreignKeys.length
    const loaded = new Set<string>()
    const session: TargetSession = {
      database: target,
      writer(table, columns) {
        stopIfInterrupted()
        const writer = twin.bulkWriter(refOf(table), [...columns])
        return {
          async write(rows) {
            stopIfInterrupted()
            await writer.write(rows)
          },
          end: () => writer.end(),
        }
      },
      async update(table, key, values) {
        const ref = refOf(table)
        const set = Object.entries(values).map(([c, v]) => sql`${sql.id(c)} = ${v}`)
        const where = Object.entries(key).map(([c, v]) => sql`${sql.id(c)} = ${v}`)
        await sql`update ${sql.id(ref.schema, ref.name)} set ${sql.join(set)} where ${sql.join(where, sql` and `)}`.execute(
          target.db,
        )
      },
      loaded(table) {
        if (stage !== 'all' || !twin.checksWhileLoading) return
        loaded.add(tableName(table))
        const ready = foreignKeys.filter(
          (k) => !k.deferred && loaded.has(k.childId) && loaded.has(k.parentId),
        )
        if (ready.length === 0) return
        foreignKeys = foreignKeys.filter((k) => !ready.includes(k))
        // One batch after another, so the checks never take every connection from the rows still loading.
        const adding = (checking.at(-1) ?? Promise.resolve()).then(() =>
          twin.addForeignKeys(target.db, ready),
        )
        // Awaited below, or settled before a rollback; never an unhandled rejection in between.
        adding.catch(() => {})
        checking.push(adding)
      },
    }
    const result = stage === 'constraints' ? (undefined as T) : await fill(session)
    if (stage === 'rows') return result
    await Promise.all(checking)
    await twin.addForeignKeys(target.db, foreignKeys)
    for (const table of spec.schema.tables) {
      for (const column of table.columns) {
        if (column.identity !== null) await target.ddl.syncIdentity(target.db, refOf(table), column.name)
      }
    }
    onEvent({ step: 'constraints', foreignKeys: keyCount })
    return result
  } catch (error) {
    if (
      (spec.stage ?? 'all') === 'rows' &&
      !(error instanceof DbtwinError && error.code === 'TARGET_CONFLICT')
    ) {
      // Other shards write the same tables at the same time: there is nothing this one could safely undo.
      throw new DbtwinError(
        interrupted ? 'INTERRUPTED' : spec.failureCode,
        `this shard failed (${error instanceof Error ? error.message : String(error)}); its rows may be partly written`,
        'empty the tables (generate --schema-only --truncate) and run every shard again',
        { cause: error },
      )
    }
    failed = true
    // A refusal before anything was touched needs no rollback and says so itself.
    if (error instanceof DbtwinError && undo.length === 0 && dropCreated === null) throw error
    await Promise.allSettled(checking)
    const undone = dropCreated === null ? await rollBack(undo) : 'the database it created is dropped again'
    const cause =
      error instanceof DbtwinError ? error.message : error instanceof Error ? error.message : String(error)
    throw new DbtwinError(
      interrupted ? 'INTERRUPTED' : spec.failureCode,
      `${interrupted ? 'interrupted' : `writing the ${spec.what} failed: ${cause}`}; ${undone}`,
      interrupted ? 'run the command again' : 'fix the cause above and run the command again',
      { cause: error },
    )
  } finally {
    process.off('SIGINT', onSigint)
    await target.close()
    if (failed && dropCreated !== null) await dropCreated().catch(() => {})
  }
}

/**
 * Opens the target. With `create`, a database the server does not have yet is created first (and `dropCreated`
 * drops it again should the write fail); without, the missing database's message also names --create.
 */
async function openTarget(
  url: string,
  create: boolean,
  onEvent: (e: WriteEvent) => void,
): Promise<{ target: Database; dropCreated: (() => Promise<void>) | null }> {
  try {
    return { target: await openDatabase(url), dropCreated: null }
  } catch (error) {
    throwUnlessCreatable(error, create)
  }
  const dropCreated = await createDatabase(url)
  onEvent({ step: 'note', message: `created the database ${parseConnectionUrl(url).display}` })
  try {
    return { target: await openDatabase(url), dropCreated }
  } catch (error) {
    await dropCreated?.().catch(() => {})
    throw error
  }
}

/**
 * Fails now if the target cannot be written, before a long step (learning the source) that would fail only then:
 * an unreachable server, a refused login, a missing database without `create`.
 */
export async function checkTarget(url: string, create: boolean): Promise<void> {
  try {
    await (await openDatabase(url)).close()
  } catch (error) {
    throwUnlessCreatable(error, create)
  }
}

/** Rethrows a connection failure, unless it is a missing database that `create` is allowed to create. */
function throwUnlessCreatable(error: unknown, create: boolean): void {
  if (!(error instanceof DbtwinError) || error.code !== 'DATABASE_NOT_FOUND') throw error
  if (!create) {
    throw new DbtwinError(
      error.code,
      error.message,
      `${error.fix}, or pass --create to have dbtwin create it`,
      {
        cause: error,
      },
    )
  }
}

/** A foreign key the write adds, with the ids of its two tables and whether a cycle defers its values. */
interface KeyToAdd extends NewForeignKey {
  childId: string
  parentId: string
  deferred: boolean
}

/** The foreign keys of the tables this write created (a reused table keeps the ones it has). */
function foreignKeysToAdd(
  schema: Schema,
  created: ReadonlySet<string>,
  refOf: (t: TableRef) => TableRef,
): KeyToAdd[] {
  const deferred = new Set(
    planLoad(schema, { constraintsAfterLoad: true }).deferred.map((d) => `${d.table}/${d.foreignKey}`),
  )
  return schema.tables.flatMap((table) =>
    (created.has(tableName(table)) ? table.foreignKeys : []).flatMap((fk) => {
      const parent = schema.tables.find(
        (t) => t.schema === fk.references.schema && t.name === fk.references.name,
      )
      if (parent === undefined) return []
      const childId = tableName(table)
      return [
        {
          target: refOf(table),
          fk,
          parent: refOf(parent),
          childId,
          parentId: tableName(parent),
          deferred: deferred.has(`${childId}/${fk.name}`),
        },
      ]
    }),
  )
}

/** For the `rows` and `constraints` stages: every table must be there already, created by the `schema` stage. */
async function existingTables(
  spec: WriteSpec,
  target: Database,
  refOf: (t: TableRef) => TableRef,
): Promise<Set<string>> {
  const present = new Set((await target.introspect()).tables.map((t) => tableName(t)))
  const missing = spec.schema.tables.filter((t) => !present.has(tableName(refOf(t))))
  if (missing.length > 0) {
    throw new DbtwinError(
      'TARGET_CONFLICT',
      `${target.display} lacks ${missing.map((t) => tableName(refOf(t))).join(', ')}`,
      'create the tables first: dbtwin generate --model <file> --to <url> --schema-only',
    )
  }
  return new Set(spec.schema.tables.map((t) => tableName(t)))
}

/** Where each model table lands: PostgreSQL keeps PostgreSQL schemas; MySQL puts everything in its database. */
function targetRefs(spec: WriteSpec, target: Database): (table: TableRef) => TableRef {
  const fromPostgres = dialectFamily(spec.source.dialect) === 'postgres'
  const refOf = (t: TableRef): TableRef =>
    target.ddl.schemas
      ? { schema: fromPostgres ? t.schema : 'public', name: t.name }
      : { schema: target.name, name: t.name }
  const seen = new Map<string, string>()
  for (const t of spec.schema.tables) {
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
  spec: WriteSpec,
  target: Database,
  twin: TwinTarget,
  refOf: (t: TableRef) => TableRef,
  undo: (() => Promise<void>)[],
  onEvent: (e: WriteEvent) => void,
): Promise<Set<string>> {
  const existing = spec.existing
  const present = await target.introspect()
  const found = new Map(present.tables.map((t) => [tableName(t), t]))
  const order = planLoad(spec.schema, { constraintsAfterLoad: true }).order
  const byId = new Map(spec.schema.tables.map((t) => [tableName(t), t]))
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
          'pass --drop to recreate the tables, or point --to at another database',
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
      sameEngine: twin.family === dialectFamily(spec.source.dialect),
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
