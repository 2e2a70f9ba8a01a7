import type { Kysely } from 'kysely'
import type { Connection } from '../dialects/connection.js'
import { databaseFingerprint, parseConnectionUrl } from '../dialects/connection-url.js'
import { databaseIdentity } from '../dialects/database-identity.js'
import type { Database } from '../dialects/dialect.js'
import { createDatabase, openDatabase } from '../dialects/open-database.js'
import { holdsRows, updateDerivedColumn, updateRow } from '../dialects/queries/write-queries.js'
import {
  dialectFamily,
  writtenColumns,
  type Column,
  type DialectName,
  type Schema,
  type SchemaObjectPhase,
  type Table,
  type TableRef,
} from '../schema/schema.js'
import {
  type BulkWriter,
  type NewForeignKey,
  type TableNote,
  type TwinWrite,
  type TypeTranslation,
} from '../dialects/twin-target.js'
import type { CellValue } from '../schema/cell-value.js'
import { crossEngineSchema, noteLines } from './cross-engine-schema.js'
import { crossEngineDetails, type ObjectFate } from './cross-engine-details.js'
import { DbtwinError, type ErrorCode } from '../errors.js'
import { planLoad } from '../graph/load-plan.js'
import { objectsOfPhase, planSchemaObjects, type ObjectPlan } from './plan-schema-objects.js'
import { tableName } from '../schema/table-name.js'
import { tablePlacement, type SchemaMap } from '../schema/table-placement.js'
import { sumUpdate, type SumColumn } from '../dialects/sum-update.js'
import { shardFailure, writeFailure, writeSteps, type WriteStage } from './write-steps.js'
import { KeysBeforeRows, updatedColumns } from './keys-before-rows.js'

/**
 * What to do with tables the target already has. `refuse` (default): reuse empty ones, refuse any with rows;
 * `create`: refuse if any exists; `truncate`: empty them first; `drop`: drop and recreate them.
 */
export type ExistingTables = 'refuse' | 'create' | 'truncate' | 'drop'

export type WriteEvent =
  | { step: 'table'; table: string; index: number; total: number; rows: number; seconds: number }
  | { step: 'note'; message: string }
  /** The rows are in; the foreign keys are being added (`constraints` follows once they are). */
  | { step: 'keys'; foreignKeys: number }
  | { step: 'constraints'; foreignKeys: number }
  /**
   * Across engines: each of the source's objects the target does not get as the source has it, and why (the CLI
   * prints them with --verbose; a note gives their count).
   */
  | { step: 'objects'; fates: ObjectFate[] }

/** What is written and where it came from: enough to create the tables and to refuse writing into the source. */
export interface WriteSpec {
  schema: Schema
  /** `identity` (see databaseIdentity) refuses the source however the target's URL spells it. */
  source: { dialect: DialectName; fingerprint: string; identity?: string }
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
  /** Aborting it stops the write at its next statement (or cancels the one in flight) and rolls it back. */
  signal?: AbortSignal
  /** How the source's schemas land on a target without schemas (MySQL); `auto` by default. */
  schemaMap?: SchemaMap
  /**
   * The schema's objects came from a live source, or from a model file the user trusts (`--trust-model`): a
   * same-engine target gets their code (functions, triggers, views, policies) too. See planSchemaObjects.
   */
  trustedObjects?: boolean
  /**
   * Write the source's owners and grants too (`--keep-grants`, PostgreSQL and PGlite). Every role they name must
   * exist on the target, or the write refuses to start. MySQL keeps privileges per account, not in the schema:
   * there it writes none and says so.
   */
  keepGrants?: boolean
  /**
   * Columns declared derived in the rule file (`derive:`, issue 18.7): once every row is in, each is set by one
   * `update <table> set <column> = (<expression>)` in the write's transaction, before the foreign keys and CHECKs
   * are added, so those judge the derived values. The expression was checked to be one plain expression over the
   * table's columns (see declaredExpressionProblem) and runs as written in the target's engine, its quoted names in
   * that engine's quotes (see expressionFor).
   */
  derived?: readonly DerivedColumn[]
  /**
   * Learned sums (see Invariant 'sum'): once every row is in, and before the derived columns, which may read them,
   * each parent column is set to its children's sum by one UPDATE (see sumUpdate) in the write's transaction.
   */
  sums?: readonly SumColumn[]
}

export interface DerivedColumn {
  table: TableRef
  column: string
  expression: string
}

export type { WriteStage } from './write-steps.js'

/** The open target, handed to whatever fills it. */
export interface TargetSession {
  /** Only the engine: every statement of the write runs on its own connection, inside its transaction. */
  readonly dialect: DialectName
  /** A bulk writer for one table, which stops with the signal's reason once the write's signal is aborted. */
  writer(table: Table, columns: readonly Column[]): BulkWriter
  /** Sets `values` on the row whose key is `key`: deferred foreign keys, filled once their parent exists. */
  update(table: Table, key: Record<string, CellValue>, values: Record<string, CellValue>): Promise<void>
}

/**
 * One write into a target: refuses the source, creates (or reuses, empties, recreates) the tables, lets `fill`
 * stream the rows, then gives the tables exactly the model's foreign keys, which checks every one, and moves
 * identity sequences past the rows. On PostgreSQL and PGlite all of it is one transaction; on any failure (or an
 * aborted `spec.signal`) it is rolled back — on MySQL, what it created is dropped and what it emptied is emptied
 * again — and the error says so.
 */
export async function writeIntoTarget<T>(
  spec: WriteSpec,
  url: Connection,
  onEvent: (e: WriteEvent) => void,
  fill: (session: TargetSession) => Promise<T>,
): Promise<T> {
  refuseSourceUrl(spec, url)
  const signal = spec.signal
  signal?.throwIfAborted()
  const { target, dropCreated } = await openTarget(url, spec.existing === 'create', onEvent)
  await refuseSource(target, spec).catch(async (error: unknown) => {
    await target.close()
    throw error
  })
  let failed = false
  let write: TwinWrite | null = null
  const undo: (() => Promise<void>)[] = []
  // A statement in flight (a long COPY or key check) is cancelled rather than waited for.
  const cancel = () => void write?.cancel().catch(() => {})
  signal?.addEventListener('abort', cancel)
  try {
    write = await target.openTwin(spec.schema.enums)
    const result = await fillTarget(spec, target, write, dropCreated !== null, undo, onEvent, fill)
    // Past this point the write is kept whole: a signal now is too late to cancel the COMMIT halfway.
    signal?.removeEventListener('abort', cancel)
    signal?.throwIfAborted()
    await write.commit()
    return result
  } catch (error) {
    failed = true
    throw await failedWrite(error, spec, write, undo, dropCreated !== null)
  } finally {
    signal?.removeEventListener('abort', cancel)
    await target.close()
    if (failed && dropCreated !== null) await dropCreated().catch(() => {})
  }
}

/** The target's URL names the source's database: refused before anything is opened. */
function refuseSourceUrl(spec: WriteSpec, url: Connection): void {
  if (typeof url !== 'string' || databaseFingerprint(url) !== spec.source.fingerprint) return
  throw new DbtwinError(
    'TARGET_IS_SOURCE',
    `${parseConnectionUrl(url).display} is the source of this ${spec.what}`,
    `write the ${spec.what} into another database`,
    { data: { target: parseConnectionUrl(url).display } },
  )
}

/**
 * The write's steps in the open transaction, as its stage plans them (see writeSteps): the schema objects and
 * tables, the rows `fill` streams, then the constraints. Returns what `fill` returned.
 */
async function fillTarget<T>(
  written: WriteSpec,
  target: Database,
  write: TwinWrite,
  created: boolean,
  undo: (() => Promise<void>)[],
  onEvent: (e: WriteEvent) => void,
  fill: (session: TargetSession) => Promise<T>,
): Promise<T> {
  const steps = writeSteps(written.stage ?? 'all')
  const { db, twin } = write
  for (const message of write.notes ?? []) onEvent({ step: 'note', message })
  // What the plan leaves out is said once the target's tables were accepted: a refused write prints one line.
  const planNotes: WriteEvent[] = []
  const objects = await planObjects(written, target, write, created, (e) => planNotes.push(e))
  const sayPlanNotes = () => {
    for (const e of planNotes.splice(0)) onEvent(e)
  }
  const sameEngine = twin.family === dialectFamily(written.source.dialect)
  const refOf = targetRefs({ ...written, schema: objects.schema }, target)
  const adapted = sameEngine
    ? { schema: objects.schema, notes: [] }
    : crossEngineSchema(objects.schema, twin.family)
  const spec = { ...written, schema: adapted.schema }
  const writeObjects = async (phase: SchemaObjectPhase) => {
    const notes = await twin.schemaObjects?.writeObjects(db, objectsOfPhase(objects, phase), spec.signal)
    for (const message of notes ?? []) onEvent({ step: 'note', message })
  }
  if (steps.createTables) {
    const onNotes = (notes: TableNote[]) => {
      for (const message of noteLines([...adapted.notes, ...notes])) onEvent({ step: 'note', message })
    }
    await prepareTables(spec, target, write, refOf, undo, onEvent, onNotes, async () => {
      sayPlanNotes()
      await writeObjects('before-tables')
    })
    await writeObjects('after-tables')
  } else await existingTables(spec, target, refOf)
  sayPlanNotes()
  // Before any row: PostgreSQL refuses to drop a key whose deferred checks the rows queued.
  if (steps.dropForeignKeys) await dropForeignKeys(spec, write, refOf)
  // Only a write that fills the tables and adds the keys itself: a shard's parents may be another shard's rows.
  const early =
    steps.fillRows && steps.addConstraints && twin.addForeignKeysBeforeRows !== undefined
      ? new KeysBeforeRows(
          modelForeignKeys(spec.schema, refOf),
          spec.schema.tables.map((table) => ({ table, target: refOf(table) })),
          updatedColumns(
            (spec.sums ?? []).map((sum) => ({ ...sum, parent: refOf(sum.parent) })),
            (spec.derived ?? []).map((d) => ({ table: refOf(d.table), column: d.column })),
          ),
        )
      : null
  const result = steps.fillRows
    ? await fill(targetSession(target, write, refOf, spec.signal, early))
    : (undefined as T)
  if (steps.addConstraints) {
    const keys = await addConstraints(spec, target, write, refOf, objects, onEvent, early)
    // Indexes, triggers, views once the rows are in: triggers never fire on the twin's own rows.
    await writeObjects('after-load')
    onEvent({ step: 'constraints', foreignKeys: keys })
  }
  return result
}

/**
 * The session `fill` writes through: every statement stops with the signal's reason once it is aborted. With
 * `early`, a table's keys whose parents are written go on before its first row (see KeysBeforeRows).
 */
function targetSession(
  target: Database,
  { db, twin }: TwinWrite,
  refOf: (t: TableRef) => TableRef,
  signal: AbortSignal | undefined,
  early: KeysBeforeRows | null,
): TargetSession {
  return {
    dialect: target.dialect,
    writer(table, columns) {
      signal?.throwIfAborted()
      const ref = refOf(table)
      const writer = twin.bulkWriter(ref, [...columns])
      // At the first row, not here: the parents written by then are what decides.
      let keysAdded: Promise<void> | null = null
      const addKeys = async () => {
        const keys = early?.take(ref) ?? []
        if (keys.length > 0) await twin.addForeignKeysBeforeRows?.(db, keys)
      }
      return {
        async write(rows) {
          signal?.throwIfAborted()
          await (keysAdded ??= addKeys())
          await writer.write(rows)
        },
        async end() {
          await (keysAdded ??= addKeys())
          await writer.end()
          early?.tableWritten(ref)
        },
      }
    },
    async update(table, key, values) {
      signal?.throwIfAborted()
      await updateRow(db, refOf(table), key, values)
    },
  }
}

/**
 * Once every row is in: the learned sums, then the derived columns (which may read them), the foreign keys, the
 * identity sequences, the CHECKs (same engine) and the objects' sequences. Returns how many keys were added.
 */
async function addConstraints(
  spec: WriteSpec,
  target: Database,
  write: TwinWrite,
  refOf: (t: TableRef) => TableRef,
  objects: ObjectPlan & { sameEngine: boolean },
  onEvent: (e: WriteEvent) => void,
  early: KeysBeforeRows | null,
): Promise<number> {
  const { db, twin } = write
  const signal = spec.signal
  for (const sum of spec.sums ?? []) {
    signal?.throwIfAborted()
    await sumUpdate(twin.family, { ...sum, parent: refOf(sum.parent), child: refOf(sum.child) }).execute(db)
  }
  for (const derived of spec.derived ?? []) {
    signal?.throwIfAborted()
    await updateDerivedColumn(db, twin.family, refOf(derived.table), derived.column, derived.expression)
  }
  const keys = await addForeignKeys(spec, target, write, refOf, onEvent, early)
  signal?.throwIfAborted()
  for (const table of spec.schema.tables) {
    for (const column of table.columns) {
      if (column.identity !== null) await target.ddl.syncIdentity(db, refOf(table), column.name)
    }
  }
  signal?.throwIfAborted()
  if (objects.sameEngine) {
    const checks = spec.schema.tables.flatMap((t) => t.checks.map((check) => ({ table: refOf(t), check })))
    const notes = await twin.schemaObjects?.addChecks(db, checks, signal)
    for (const message of notes ?? []) onEvent({ step: 'note', message })
  }
  // Before the owners change (--keep-grants): a writer that is no superuser may no longer move them after.
  await twin.schemaObjects?.syncSequences(db, objects.objects)
  return keys
}

/**
 * The error a failed write ends with, once it is undone: a shard (stage `rows`) rolls back its own transaction
 * only, as other shards write the same tables; any other write undoes all it did (see undoWrite) and says so.
 */
async function failedWrite(
  error: unknown,
  spec: WriteSpec,
  write: TwinWrite | null,
  undo: (() => Promise<void>)[],
  databaseCreated: boolean,
): Promise<unknown> {
  const signal = spec.signal
  const failure = {
    code: spec.failureCode,
    interrupted: signal?.aborted === true ? interruption(signal) : null,
    cause: error,
  }
  if (spec.stage === 'rows' && !(error instanceof DbtwinError && error.code === 'TARGET_CONFLICT')) {
    if (write?.transactional === true) await write.rollback().catch(() => {})
    return shardFailure(failure, write?.transactional === true)
  }
  const undone = await undoWrite(write, undo, databaseCreated)
  // A refusal before anything was touched needs no rollback and says so itself.
  const touched = undo.length > 0 || databaseCreated
  if (error instanceof DbtwinError && failure.interrupted === null && !touched) return error
  return writeFailure(failure, spec.what, undone)
}

/** What stopped a write: the reason the signal was aborted with (the CLI names the signal), or plainly so. */
function interruption(signal: AbortSignal | undefined): string {
  return signal?.reason instanceof DbtwinError ? signal.reason.message : 'interrupted'
}

/**
 * Undoes a failed write and says what that did: a transaction is rolled back (should ROLLBACK itself fail, the
 * connection is dropped, which rolls it back just the same); on MySQL the steps in `undo` are undone.
 */
async function undoWrite(
  write: TwinWrite | null,
  undo: (() => Promise<void>)[],
  databaseCreated: boolean,
): Promise<string> {
  if (write?.transactional === true) await write.rollback().catch(() => {})
  if (databaseCreated) return 'the database it created is dropped again'
  if (write === null || write.transactional) return 'rolled back, the target is as it was'
  return rollBack(undo)
}

/**
 * Drops the foreign keys the model's tables have already: a reused table's, or those a crashed run added, NOT VALID
 * or not (issue 14: a rerun with --truncate after a crash kept 0 of 21 keys, or 14 with one NOT VALID, and exited
 * 0). addForeignKeys then gives them exactly the model's.
 */
async function dropForeignKeys(
  spec: WriteSpec,
  { db, twin }: TwinWrite,
  refOf: (t: TableRef) => TableRef,
): Promise<void> {
  const tables = spec.schema.tables.map(refOf)
  const present = await twin.foreignKeys(db, tables)
  for (const table of tables) {
    const keys = present.filter((k) => sameTable(k.table, table))
    const declarers = [table, ...keys.flatMap((k) => (k.partition === undefined ? [] : [k.partition]))]
    for (const on of declarers.filter((t, i) => declarers.findIndex((u) => sameTable(t, u)) === i)) {
      const names = keys.filter((k) => sameTable(k.partition ?? k.table, on)).map((k) => k.name)
      await twin.dropForeignKeys(db, on, names)
    }
  }
}

/**
 * Adds the model's foreign keys, which checks each, and returns how many. The keys are then read back: a target
 * whose keys differ from the model's fails the write, rather than leave a twin that only looks finished.
 */
async function addForeignKeys(
  spec: WriteSpec,
  target: Database,
  { db, twin }: TwinWrite,
  refOf: (t: TableRef) => TableRef,
  onEvent: (e: WriteEvent) => void,
  early: KeysBeforeRows | null,
): Promise<number> {
  const tables = spec.schema.tables.map(refOf)
  const keys = modelForeignKeys(spec.schema, refOf)
  onEvent({ step: 'keys', foreignKeys: keys.length })
  const unchecked = keys.filter((k) => !k.fk.validated).map((k) => `${tableName(k.target)}.${k.fk.name}`)
  if (unchecked.length > 0) {
    const how =
      twin.family === 'mysql'
        ? 'added with foreign_key_checks off and not checked, as MySQL has no NOT VALID'
        : 'added NOT VALID, not checked'
    onEvent({
      step: 'note',
      message: `${unchecked.length} foreign key${unchecked.length === 1 ? ' is' : 's are'} NOT VALID on the source, so rows may break ${unchecked.length === 1 ? 'it' : 'them'}: ${how} (${unchecked.slice(0, 3).join(', ')}${unchecked.length > 3 ? ` and ${unchecked.length - 3} more` : ''})`,
    })
  }
  // Those added before their rows were checked row by row as they were loaded; all are read back below.
  await twin.addForeignKeys(db, early?.after() ?? keys, spec.signal)
  const shape = (table: TableRef, columns: string[], parent: TableRef, parentColumns: string[]) =>
    `${tableName(table)} (${columns.join(', ')}) -> ${tableName(parent)} (${parentColumns.join(', ')})`
  const wanted = keys.map((k) => shape(k.target, k.fk.columns, k.parent, k.fk.references.columns))
  const notValid = new Set(
    keys
      .filter((k) => !k.fk.validated)
      .map((k) => shape(k.target, k.fk.columns, k.parent, k.fk.references.columns)),
  )
  const found = await twin.foreignKeys(db, tables)
  const have = found.map((k) => shape(k.table, k.columns, k.parent, k.parentColumns))
  const problems = [
    ...wanted.filter((k) => !have.includes(k)).map((k) => `missing ${k}`),
    ...have.filter((k) => !wanted.includes(k)).map((k) => `not in the model ${k}`),
    ...found
      .filter((k) => !k.validated && !notValid.has(shape(k.table, k.columns, k.parent, k.parentColumns)))
      .map((k) => `not validated ${k.name}`),
  ]
  if (problems.length > 0) {
    throw new DbtwinError(
      spec.failureCode,
      `the foreign keys of ${target.display} differ from the model's after adding them: ${problems.join('; ')}`,
      'report it: this is a bug in dbtwin',
    )
  }
  return keys.length
}

const sameTable = (a: TableRef, b: TableRef) => a.schema === b.schema && a.name === b.name

/**
 * Opens the target. With `create`, a database the server does not have yet is created first (and `dropCreated`
 * drops it again should the write fail); without, the missing database's message also names --create.
 */
/** The URLs differed, but the server says the target is the source (another host name, port forward, socket). */
async function refuseSource(
  target: Database,
  spec: { source: Pick<WriteSpec['source'], 'identity'>; what: string },
): Promise<void> {
  if (spec.source.identity === undefined || (await databaseIdentity(target)) !== spec.source.identity) return
  throw new DbtwinError(
    'TARGET_IS_SOURCE',
    `${target.display} is the source of this ${spec.what}, reached through another URL`,
    `write the ${spec.what} into another database`,
    { data: { target: target.display } },
  )
}

async function openTarget(
  url: Connection,
  create: boolean,
  onEvent: (e: WriteEvent) => void,
): Promise<{ target: Database; dropCreated: (() => Promise<void>) | null }> {
  // A caller's connection is to a database that exists.
  if (typeof url !== 'string') return { target: await openDatabase(url), dropCreated: null }
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
 * Fails now if the target cannot be written, before a long step (learning the source, choosing a subset's rows)
 * that would fail only then: an unreachable server, a refused login, a missing database without `create`, and the
 * tables the write would refuse (any that exists under `create`, one holding rows by default, one lacking a column
 * the write fills). Issue 15: `clone --create` into a database holding the tables refused them only after learning.
 *
 * @example
 * await checkTarget(to, { schema, source: { dialect: schema.dialect }, existing: 'create', what: 'twin' })
 */
export async function checkTarget(
  url: Connection,
  spec: Pick<WriteSpec, 'schema' | 'existing' | 'what'> & {
    source: Pick<WriteSpec['source'], 'dialect' | 'identity'>
  },
): Promise<void> {
  let target: Database
  try {
    target = await openDatabase(url)
  } catch (error) {
    throwUnlessCreatable(error, spec.existing === 'create')
    return
  }
  try {
    await refuseSource(target, spec)
    const found = new Map((await target.introspect()).tables.map((t) => [tableName(t), t]))
    await tablesToReuse(spec, target, target.db, found, targetRefs(spec, target))
  } finally {
    await target.close()
  }
}

/** Rethrows a connection failure, unless it is a missing database that `create` is allowed to create. */
function throwUnlessCreatable(error: unknown, create: boolean): void {
  if (!(error instanceof DbtwinError) || !error.is('DATABASE_NOT_FOUND')) throw error
  if (!create) {
    throw new DbtwinError(
      error.code,
      error.message,
      `${error.fix}, or let dbtwin create it (existing: 'create')`,
      {
        cause: error,
        data: error.data,
        cliFix: `${error.fix}, or pass --create to have dbtwin create it`,
      },
    )
  }
}

/** The foreign keys of the model's tables whose parent is a model table too, where the two tables land. */
export function modelForeignKeys(schema: Schema, refOf: (t: TableRef) => TableRef): NewForeignKey[] {
  return schema.tables.flatMap((table) =>
    table.foreignKeys.flatMap((fk) => {
      const parent = schema.tables.find(
        (t) => t.schema === fk.references.schema && t.name === fk.references.name,
      )
      return parent === undefined ? [] : [{ target: refOf(table), fk, parent: refOf(parent) }]
    }),
  )
}

/** For the `rows` and `constraints` stages: every table must be there already, created by the `schema` stage. */
async function existingTables(
  spec: WriteSpec,
  target: Database,
  refOf: (t: TableRef) => TableRef,
): Promise<void> {
  const present = new Set((await target.introspect()).tables.map((t) => tableName(t)))
  const missing = spec.schema.tables.filter((t) => !present.has(tableName(refOf(t))))
  if (missing.length > 0) {
    throw new DbtwinError(
      'TARGET_CONFLICT',
      `${target.display} lacks ${missing.map((t) => tableName(refOf(t))).join(', ')}`,
      "create the tables first (generate with stage: 'schema')",
      {
        data: { tables: missing.map((t) => tableName(refOf(t))) },
        cliFix: 'create the tables first: dbtwin generate --model <file> --to <url> --schema-only',
      },
    )
  }
}

/** Where each model table lands (see tablePlacement): the same mapping report uses to find them. */
function targetRefs(
  spec: Pick<WriteSpec, 'schema' | 'schemaMap'> & { source: Pick<WriteSpec['source'], 'dialect'> },
  target: Database,
): (table: TableRef) => TableRef {
  return tablePlacement(
    spec.schema.tables,
    spec.source.dialect,
    { schemas: target.ddl.schemas, database: target.name },
    spec.schemaMap,
  )
}

/** The one line a write across engines gives of what it left out and translated, counted by kind. */
function fatesLine(fates: readonly ObjectFate[], fromMysql: boolean): string {
  const counts = (fate: ObjectFate['fate']) => {
    const byKind = new Map<string, number>()
    for (const f of fates.filter((f) => f.fate === fate)) byKind.set(f.kind, (byKind.get(f.kind) ?? 0) + 1)
    return [...byKind].map(([kind, n]) => `${n} ${n === 1 ? kind : plural(kind)}`).join(', ')
  }
  const parts = [
    ...(counts('left out') === '' ? [] : [`left out ${counts('left out')}`]),
    ...(counts('translated') === '' ? [] : [`translated ${counts('translated')}`]),
  ]
  const [source, target, keep] = fromMysql
    ? ['MySQL', 'PostgreSQL', 'MySQL or MariaDB']
    : ['PostgreSQL', 'MySQL', 'PostgreSQL or PGlite']
  return `of the ${source} source's schema objects, this ${target} target ${parts.join('; ')} (each with its reason: --verbose, or the report); write to ${keep} to keep them as they are`
}

function plural(kind: string): string {
  // Kinds already plural (`table options`, `column definitions`) stay so.
  if (kind.endsWith('s')) return kind
  if (/(x|ch|sh)$/.test(kind)) return `${kind}es`
  return kind.endsWith('y') ? `${kind.slice(0, -1)}ies` : `${kind}s`
}

const MYSQL_GRANTS =
  '--keep-grants writes no grants on MySQL or MariaDB, which keep privileges per account (SHOW GRANTS FOR <user>), not in the schema: grant the accounts access to the twin yourself'

/**
 * The schema objects this write gives the target, with one note per reason some are left out: on a target of the
 * source's engine, what planSchemaObjects keeps; on another engine none, said in one line.
 */
async function planObjects(
  spec: WriteSpec,
  target: Database,
  { db, twin }: TwinWrite,
  /** The write created the target database: its settings are the twin's to set. */
  created: boolean,
  onEvent: (e: WriteEvent) => void,
): Promise<ObjectPlan & { sameEngine: boolean }> {
  const sameEngine = twin.family === dialectFamily(spec.source.dialect)
  if (twin.schemaObjects === null || !sameEngine) {
    const fromMysql = dialectFamily(spec.source.dialect) === 'mysql'
    if (spec.keepGrants === true)
      onEvent({
        step: 'note',
        message:
          twin.family === 'mysql'
            ? MYSQL_GRANTS
            : '--keep-grants writes no grants from a MySQL source, whose privileges belong to accounts, not to the schema: grant the roles access to the twin yourself',
      })
    const fates = crossEngineDetails(spec.schema, twin.family)
    if (fates.length > 0) {
      onEvent({ step: 'note', message: fatesLine(fates, fromMysql) })
      onEvent({ step: 'objects', fates })
    }
    return {
      objects: [],
      schema: spec.schema,
      notes: [],
      missingExtensions: [],
      missingRoles: [],
      sameEngine: false,
    }
  }
  const keepGrants = spec.keepGrants === true
  const plan = planSchemaObjects(spec.schema, {
    trusted: spec.trustedObjects === true,
    availableExtensions: await twin.schemaObjects.availableExtensions(db),
    target: target.dialect,
    keepGrants,
    roles: keepGrants ? await twin.schemaObjects.roles(db) : new Set(),
  })
  if (twin.family === 'mysql' && keepGrants)
    onEvent({
      step: 'note',
      message: MYSQL_GRANTS,
    })
  const [first, ...others] = plan.missingRoles
  if (first !== undefined) {
    const more = others.length === 0 ? '' : ` (and ${others.map((r) => r.role).join(', ')})`
    throw new DbtwinError(
      'ROLE_NOT_FOUND',
      `${target.display} has no role ${first.role}${more}, which the source's ${first.object} names`,
      `create the role${others.length === 0 ? '' : 's'} there (CREATE ROLE ${first.role}), or write without keepGrants`,
      {
        data: { roles: [first, ...others].map((r) => r.role) },
        cliFix: `create the role${others.length === 0 ? '' : 's'} there (CREATE ROLE ${first.role}), or run without --keep-grants`,
      },
    )
  }
  const notes = [...plan.notes]
  if (spec.schema.searchPath !== undefined)
    notes.push(...(await twin.schemaObjects.useSearchPath(db, spec.schema.searchPath, created)))
  for (const message of notes) onEvent({ step: 'note', message })
  return { ...plan, sameEngine: true }
}

async function prepareTables(
  spec: WriteSpec,
  target: Database,
  { db, twin }: TwinWrite,
  refOf: (t: TableRef) => TableRef,
  undo: (() => Promise<void>)[],
  onEvent: (e: WriteEvent) => void,
  onNotes: (notes: TableNote[]) => void,
  beforeCreate: () => Promise<void>,
): Promise<void> {
  const existing = spec.existing
  const present = await target.introspect()
  const found = new Map(present.tables.map((t) => [tableName(t), t]))
  const there = await tablesToReuse(spec, target, db, found, refOf)
  const byId = new Map(spec.schema.tables.map((t) => [tableName(t), t]))
  const tables = planLoad(spec.schema, { constraintsAfterLoad: true }).order.map((id) => byId.get(id)!)
  const written = new Set(spec.schema.tables.map((t) => tableName(refOf(t))))
  const others = present.tables.map((t) => tableName(t)).filter((id) => !written.has(id))
  if (others.length > 0) {
    // Decided for issue 15: a target may hold tables of its own (an app's migrations table, say); the twin is
    // written beside them, never over them, and the user is told once.
    const named = others.slice(0, 3).join(', ') + (others.length > 3 ? ', …' : '')
    onEvent({
      step: 'note',
      message: `${target.display} holds ${others.length} other table${others.length === 1 ? '' : 's'} (${named}): the ${spec.what} is written beside them, which are left as they are`,
    })
  }
  if (existing === 'truncate' && there.length > 0) {
    const refs = there.map(refOf)
    await twin.truncate(db, refs)
    undo.push(() => twin.truncate(db, refs))
  }
  if (existing === 'drop') {
    for (const t of [...there].reverse()) await twin.dropTable(db, refOf(t))
  }
  // After the drop, which takes the sequences the dropped tables owned with it.
  await beforeCreate()
  const reused = existing === 'drop' ? new Set<string>() : new Set(there.map((t) => tableName(t)))
  if (existing === 'refuse' && there.length > 0) {
    // They were empty: a failure leaves them empty again.
    const refs = there.map(refOf)
    undo.push(() => twin.truncate(db, refs))
  }
  const notes: TableNote[] = []
  const translated: (TypeTranslation & { table: TableRef })[] = []
  for (const table of parentsFirst(tables)) {
    if (reused.has(tableName(table))) continue
    const created = await twin.createTable(db, {
      table,
      target: refOf(table),
      sameEngine: twin.family === dialectFamily(spec.source.dialect),
      keyColumns: keyColumns(table),
    })
    undo.push(() => twin.dropTable(db, refOf(table)))
    notes.push(...created.notes)
    translated.push(...created.translated.map((t) => ({ ...t, table: refOf(table) })))
  }
  onNotes(notes)
  if (translated.length > 0) onEvent({ step: 'note', message: translationNote(translated, target.display) })
}

/**
 * The load order with each table that INHERITS (PostgreSQL) moved after its parents, which its CREATE TABLE names;
 * the rest keep their order.
 */
export function parentsFirst(tables: readonly Table[]): Table[] {
  const out: Table[] = []
  const placed = new Set<string>()
  const ids = new Set(tables.map((t) => tableName(t)))
  const place = (table: Table, seen: Set<string>) => {
    const id = tableName(table)
    if (placed.has(id) || seen.has(id)) return
    seen.add(id)
    for (const parent of table.inherits?.parents ?? []) {
      const found = ids.has(tableName(parent))
        ? tables.find((t) => tableName(t) === tableName(parent))
        : undefined
      if (found !== undefined) place(found, seen)
    }
    placed.add(id)
    out.push(table)
  }
  for (const table of tables) place(table, new Set())
  return out
}

/**
 * The model's tables the target has already, in load order, once it is sure the write may reuse, empty or drop
 * them: refused under `create` if any exists, unless dropped when one lacks a column the write fills, by default
 * when one holds rows.
 */
async function tablesToReuse(
  spec: Pick<WriteSpec, 'schema' | 'existing'> & { source: Pick<WriteSpec['source'], 'dialect'> },
  target: Database,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>,
  found: ReadonlyMap<string, Table>,
  refOf: (t: TableRef) => TableRef,
): Promise<Table[]> {
  const existing = spec.existing
  const order = planLoad(spec.schema, { constraintsAfterLoad: true }).order
  const byId = new Map(spec.schema.tables.map((t) => [tableName(t), t]))
  const there = order.map((id) => byId.get(id)!).filter((t) => found.has(tableName(refOf(t))))
  if (existing === 'create' && there.length > 0) {
    throw new DbtwinError(
      'TARGET_NOT_EMPTY',
      `${target.display} already has ${there.map((t) => tableName(refOf(t))).join(', ')}`,
      "use an empty database, or let the write drop or empty them (existing: 'drop' or 'truncate')",
      {
        data: { tables: there.map((t) => tableName(refOf(t))) },
        cliFix: 'use an empty database, or pass --drop or --truncate',
      },
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
          "let the write recreate the tables (existing: 'drop'), or write into another database",
          {
            data: { tables: [tableName(refOf(t))] },
            cliFix: 'pass --drop to recreate the tables, or point --to at another database',
          },
        )
      }
    }
  }
  if (existing === 'refuse') {
    for (const t of there) {
      const ref = refOf(t)
      if (await holdsRows(db, ref)) {
        throw new DbtwinError(
          'TARGET_NOT_EMPTY',
          `${tableName(ref)} on ${target.display} already holds rows`,
          "let the write empty the tables first (existing: 'truncate') or recreate them (existing: 'drop')",
          {
            data: { tables: [tableName(ref)] },
            cliFix: 'pass --truncate to empty the tables first, or --drop to recreate them',
          },
        )
      }
    }
  }
  return there
}

/**
 * One line for every column created with a type other than its source's, because the target lacks that type:
 * `2 columns have types postgres://…/twin lacks: geometry(Polygon,4326) → text (public.a.bbox), citext → text (…)`.
 */
export function translationNote(
  translated: readonly (TypeTranslation & { table: TableRef })[],
  display: string,
): string {
  const groups = new Map<string, string[]>()
  for (const t of translated) {
    const key = `${t.from} → ${t.to}`
    groups.set(key, [...(groups.get(key) ?? []), `${tableName(t.table)}.${t.column}`])
  }
  const parts = [...groups].map(
    ([key, columns]) =>
      `${key} (${columns.slice(0, 3).join(', ')}${columns.length > 3 ? ` and ${columns.length - 3} more` : ''})`,
  )
  const n = translated.length
  return `${n} column${n === 1 ? ' has a type' : 's have types'} ${display} lacks, written as: ${parts.join('; ')}`
}

export function keyColumns(table: Table): Set<string> {
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
