import { randomBytes } from 'node:crypto'
import { databaseFingerprint, parseConnectionUrl } from '../dialects/connection-url.js'
import { databaseIdentity } from '../dialects/database-identity.js'
import type { Database } from '../dialects/dialect.js'
import type { Connection } from '../dialects/connection.js'
import { openDatabase } from '../dialects/open-database.js'
import { dialectFamily, writtenColumns, type Column, type Schema, type Table } from '../schema/schema.js'
import { type CellValue, cellValue } from '../schema/cell-value.js'
import { DbtwinError } from '../errors.js'
import { planLoad } from '../graph/load-plan.js'
import { resolveRules, type ResolvedRules } from '../rules/resolve-rules.js'
import { loadRuleSet } from '../rules/rule-file.js'
import { resolveTableRules } from '../rules/table-rules.js'
import { REFERENCE_ROWS, referenceIds, referenceTables } from '../model/reference-tables.js'
import { readAggregates } from '../dialects/queries/source-queries.js'
import { readAllRows } from '../dialects/queries/subset-queries.js'
import { rewrittenColumns } from '../rules/resolve-rules.js'
import { derivedColumns, resolvedOrThrow } from '../rules/load-constraints.js'
import { scanDatabase, type PiiColumn } from '../rules/scan-database.js'
import { tableName } from '../schema/table-name.js'
import {
  checkTarget,
  writeIntoTarget,
  type TargetSession,
  type WriteEvent,
  type WriteSpec,
} from '../write/write-target.js'
import { crossEngineValues } from '../schema/cross-engine-values.js'
import { subsetRewriters } from './row-rewriter.js'
import { subsetWordModels } from './subset-word-models.js'
import { selectRows, type Edge, type Selection } from './select-rows.js'
import { checkRoot, type SubsetOptions } from './subset-options.js'
import { keyText, readRows, reorderKeys, sameColumns } from './subset-queries.js'

export type SubsetEvent =
  WriteEvent | { step: 'plan'; plan: SubsetPlan } | { step: 'secret'; message: string }

/** What a subset copies, per table, and why: printed by `--plan` before anything is written. */
export interface SubsetPlan {
  tables: { table: string; rows: number | null; reasons: { reason: string; rows: number }[] }[]
  excluded: { table: string; reason: string }[]
  /** Rounds of closure until a round added nothing, and queries sent to the source. */
  rounds: number
  queries: number
  seconds: number
}

export interface SubsetResult {
  plan: SubsetPlan
  /** Rows written per table (empty for a plan only). */
  rows: Record<string, number>
  seconds: number
}

/**
 * Keys per read of whole rows, sent as one parameter (Database.keySet): one batch of rows is held while the next
 * is read. A table without a primary key is read by its parents' keys, through a foreign key that may have no
 * index, so each batch may scan that table once: large batches keep those scans few.
 */
const BATCH = 20_000

/**
 * Copies a referentially complete slice of a source's real rows into a target, rewriting every PII column by the
 * rules on the way. The source is read over a read-only connection and never written (not even temporary
 * tables); rows are chosen by sets of keys (see selectRows), then streamed table by table into the target
 * with the generate writers. Every column detected as PII must have a rule that rewrites it or an explicit
 * `keep`, or nothing starts. With `planOnly`, it stops after choosing the rows.
 *
 * @example
 * await subset('postgres://…/prod', 'postgres://…/staging', {
 *   rules: 'rules/',
 *   roots: [parseRoot("clinic.patients where zip = '10001'")],
 * })
 */
export async function subset(
  from: Connection,
  to: Connection | null,
  options: SubsetOptions & {
    planOnly?: boolean
    /** Aborting it stops choosing rows, or stops the write and rolls it back. */
    signal?: AbortSignal
  },
  onEvent: (e: SubsetEvent) => void = () => {},
): Promise<SubsetResult> {
  const started = performance.now()
  if (
    typeof to === 'string' &&
    typeof from === 'string' &&
    databaseFingerprint(to) === databaseFingerprint(from)
  ) {
    throw new DbtwinError(
      'TARGET_IS_SOURCE',
      `${parseConnectionUrl(to).display} is the source`,
      'write the subset into another database',
      { data: { target: parseConnectionUrl(to).display } },
    )
  }
  const ruleSet =
    options.rules === undefined
      ? { rules: [], tables: [], constraints: [] }
      : await loadRuleSet(options.rules)
  const database = await openDatabase(from, { readOnly: true })
  try {
    // Root conditions are SQL sent to the source: refused before anything is read when they are more than a condition.
    for (const root of options.roots) checkRoot(root, database.dialect)
    // One snapshot for every read: the rows chosen and the rows copied agree (see Database.readSnapshot).
    const identity = await databaseIdentity(database)
    return await database.readSnapshot(async (source) => {
      const schema = await source.introspect()
      // Before the rows are chosen (minutes on a large source): a target the write would refuse is refused now.
      if (to !== null && options.planOnly !== true) await checkSubsetTarget(to, schema, identity, options)
      const constraints = resolvedOrThrow(ruleSet.constraints, schema)
      const pii = await scanDatabase(source, schema, { seed: options.seed ?? 1 })
      const resolved = resolveRules(schema, ruleSet.rules, new Map(pii.map((p) => [p.column, p.kind])))
      refuseUnruledPii(pii, resolved)
      const reference = await subsetReferenceTables(source, schema, {
        personalColumns: [...pii.map((p) => p.column), ...rewrittenColumns(resolved)],
        tableRules: ruleSet.tables,
        exclude: options.exclude ?? [],
      })
      const selection = await selectRows(source, schema, { ...options, reference }, options.signal)
      const plan = planOf(selection, (performance.now() - started) / 1000)
      onEvent({ step: 'plan', plan })
      if (options.planOnly === true || to === null) return { plan, rows: {}, seconds: plan.seconds }
      const secret = process.env['DBTWIN_SECRET'] ?? randomSecret(onEvent)
      const words = await subsetWordModels(source, schema, resolved, options.seed ?? 1)
      const target = subsetSchema(schema, selection)
      const fingerprint = typeof from === 'string' ? databaseFingerprint(from) : identity
      const spec = subsetWriteSpec(
        target,
        { dialect: schema.dialect, fingerprint, identity },
        constraints,
        options,
      )
      const rows = await writeIntoTarget(spec, to, onEvent, (session) =>
        copyRows(
          session,
          { source, schema, target, selection, options },
          subsetRewriters(schema, resolved, secret, words),
          onEvent,
        ),
      )
      return { plan, rows, seconds: (performance.now() - started) / 1000 }
    })
  } finally {
    await database.close()
  }
}

/** Refuses, before the rows are chosen, a target the write would refuse: checked on the tables it would write. */
async function checkSubsetTarget(
  to: Connection,
  schema: Schema,
  identity: string,
  options: SubsetOptions,
): Promise<void> {
  const excluded = new Set(options.exclude ?? [])
  const tables = schema.tables.filter((t) => !excluded.has(tableName(t)) && !excluded.has(t.name))
  await checkTarget(to, {
    schema: { ...schema, tables },
    source: { dialect: schema.dialect, identity },
    existing: options.existing ?? 'refuse',
    what: 'subset',
  })
}

/** How a subset is written: the kept tables, and the derived columns (`derive:`) of those alone. */
function subsetWriteSpec(
  target: Schema,
  source: WriteSpec['source'],
  constraints: Parameters<typeof derivedColumns>[0],
  options: SubsetOptions & { signal?: AbortSignal },
): WriteSpec {
  return {
    schema: target,
    source,
    what: 'subset',
    failureCode: 'SUBSET_FAILED',
    existing: options.existing ?? 'refuse',
    signal: options.signal,
    schemaMap: options.schemaMap,
    // Read from the live source just now.
    trustedObjects: true,
    keepGrants: options.keepGrants,
    // Only the tables the subset keeps: an excluded table is not written.
    derived: derivedColumns(constraints).filter((d) =>
      target.tables.some((t) => tableName(t) === tableName(d.table)),
    ),
  }
}

/** What copying a subset's rows reads: the source's snapshot, its schema, the kept tables and the chosen rows. */
interface SubsetCopy {
  source: Database
  schema: Schema
  target: Schema
  selection: Selection
  options: SubsetOptions
}

/** Copies the chosen rows table by table in load order; returns the rows written per table. */
async function copyRows(
  session: TargetSession,
  copy: SubsetCopy,
  rewriterFor: ReturnType<typeof subsetRewriters>,
  onEvent: (e: SubsetEvent) => void,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  const replaced: string[] = []
  const order = planLoad(copy.target).order
  for (const [index, id] of order.entries()) {
    const tableStarted = performance.now()
    const written = await copyTable(session, copy, id, rewriterFor)
    replaced.push(...written.replaced)
    counts[id] = written.rows
    const seconds = (performance.now() - tableStarted) / 1000
    onEvent({ step: 'table', table: id, index, total: order.length, rows: written.rows, seconds })
  }
  if (replaced.length > 0)
    onEvent({
      step: 'note',
      message: `values ${dialectFamily(session.dialect) === 'mysql' ? 'MySQL' : 'PostgreSQL'} cannot hold are written as: ${replaced.join(', ')}`,
    })
  return counts
}

/**
 * Copies one table's chosen rows, each with its dangling keys set to NULL, its PII rewritten and the values the
 * target cannot hold replaced; returns how many, and what was replaced.
 */
async function copyTable(
  session: TargetSession,
  { source, schema, target, selection, options }: SubsetCopy,
  id: string,
  rewriterFor: ReturnType<typeof subsetRewriters>,
): Promise<{ rows: number; replaced: string[] }> {
  // The source's own table object: the selection's edges point at it.
  const table = schema.tables.find((t) => tableName(t) === id)!
  const columns = writtenColumns(table)
  const writer = session.writer(
    target.tables.find((t) => tableName(t) === id)!,
    columns,
  )
  const rewrite = rewriterFor(table, columns)
  const specials = crossEngineValues(columns, dialectFamily(schema.dialect), dialectFamily(session.dialect))
  const fix = danglingFix(table, columns, selection, options)
  let written = 0
  const reads = sourceReads(source, table, columns, selection, options)
  // The next batch is read from the source while this one is written to the target.
  let next = reads[0]?.()
  for (let i = 0; next !== undefined; i++) {
    const batch = await next
    next = reads[i + 1]?.()
    const cells = batch.map((row) => {
      const cellsOfRow = columns.map((_, c) => cellValue(row[`c${c}`]))
      fix(cellsOfRow)
      rewrite?.(cellsOfRow)
      specials?.fix(cellsOfRow)
      return cellsOfRow
    })
    await writer.write(cells)
    written += cells.length
  }
  await writer.end()
  return { rows: written, replaced: specials?.summary(id) ?? [] }
}

/**
 * The reference tables a subset copies whole, as every subsetter keeps lookups whole (issue 17.1): decided as
 * `learn` decides them (see referenceTables), with exact counts for the tables the engine estimates small.
 */
async function subsetReferenceTables(
  source: Database,
  schema: Schema,
  inputs: {
    personalColumns: string[]
    tableRules: Parameters<typeof resolveTableRules>[1]
    exclude: string[]
  },
): Promise<string[]> {
  const counts = new Map<string, number>()
  const referenced = new Set(
    schema.tables.flatMap((t) => t.foreignKeys.map((fk) => tableName(fk.references))),
  )
  for (const table of schema.tables) {
    const id = tableName(table)
    // An estimate ten times the limit is not off by that much: such tables are not counted.
    if (!referenced.has(id) || table.estimatedRows >= 10 * REFERENCE_ROWS) continue
    counts.set(id, (await readAggregates(source, table, [])).rows)
  }
  const decisions = referenceTables(schema, {
    rows: (id) => counts.get(id) ?? REFERENCE_ROWS,
    personalColumns: inputs.personalColumns,
    overrides: resolveTableRules(schema, inputs.tableRules).overrides,
  })
  const excluded = new Set(inputs.exclude)
  return [...referenceIds(decisions)].filter((id) => {
    const table = schema.tables.find((t) => tableName(t) === id)!
    return !excluded.has(id) && !excluded.has(table.name)
  })
}

/** A subset copies real values, so a PII column must be rewritten or explicitly kept: `model` means nothing here. */
function refuseUnruledPii(pii: readonly PiiColumn[], resolved: ResolvedRules): void {
  const open = pii.filter((p) => {
    const action = resolved.get(p.column)?.action
    return action === undefined || action.kind === 'model'
  })
  if (open.length === 0) return
  throw new DbtwinError(
    'USAGE',
    `subset copies real rows, and ${open.length} PII column${open.length === 1 ? ' has' : 's have'} no rule that rewrites or keeps ${open.length === 1 ? 'it' : 'them'}: ${open
      .map((p) => `${p.column} (${p.kind})`)
      .join(', ')}`,
    'add rules for them (`dbtwin scan <url> --write rules/draft.yaml` drafts them), or `keep: <reason>` once reviewed',
  )
}

function randomSecret(onEvent: (e: SubsetEvent) => void): string {
  onEvent({
    step: 'secret',
    message:
      'DBTWIN_SECRET is not set: rewrites are consistent within this run only; set it to keep them across runs',
  })
  return randomBytes(32).toString('hex')
}

function planOf(selection: Selection, seconds: number): SubsetPlan {
  return {
    tables: [...selection.tables.values()].map((s) => ({
      table: tableName(s.table),
      // Keyless tables are filled from their parents as they are written; their count is known only then.
      rows: s.table.primaryKey === null ? null : s.keys.size,
      reasons: [...s.reasons].map(([reason, rows]) => ({ reason, rows })),
    })),
    excluded: [...selection.excluded].map(([table, reason]) => ({ table, reason })),
    rounds: selection.rounds,
    queries: selection.queries,
    seconds,
  }
}

/** The source schema without the tables left out and the foreign keys into them. */
function subsetSchema(schema: Schema, selection: Selection): Schema {
  const kept = schema.tables.filter((t) => !selection.excluded.has(tableName(t)))
  const keptIds = new Set(kept.map((t) => tableName(t)))
  return {
    ...schema,
    tables: kept.map((t) => ({
      ...t,
      foreignKeys: t.foreignKeys.filter((fk) => keptIds.has(tableName(fk.references))),
    })),
  }
}

/**
 * Sets to NULL the foreign keys whose parent is not in the subset: keys into tables left out, and, when optional
 * parents are not followed, nullable keys whose parent row was not chosen anyway.
 */
function danglingFix(
  table: Table,
  columns: readonly { name: string }[],
  selection: Selection,
  options: SubsetOptions,
): (row: CellValue[]) => void {
  const checks = selection.edges
    .filter((e) => e.child === table && !e.virtual && e.nullable)
    .flatMap((edge) => {
      const positions = edge.columns.map((c) => columns.findIndex((col) => col.name === c))
      if (selection.excluded.has(tableName(edge.parent))) return [{ positions, keep: () => false }]
      const parentKey = edge.parent.primaryKey?.columns
      if (options.optionalParents !== 'null' || parentKey === undefined) return []
      const order = parentKey.map((c) => edge.parentColumns.indexOf(c))
      if (order.some((i) => i < 0)) return []
      const keys = selection.tables.get(tableName(edge.parent))!.keys
      return [
        {
          positions,
          keep: (row: CellValue[]) => keys.has(keyText(order.map((i) => row[positions[i]!]))!),
        },
      ]
    })
  return (row) => {
    for (const check of checks) {
      if (check.positions.some((p) => row[p] === null)) continue
      if (!check.keep(row)) for (const p of check.positions) row[p] = null
    }
  }
}

/**
 * The chosen rows of one table, as one read per batch. Keyed tables are read by key; a table without a primary key
 * has no keys to choose by, so it takes every row whose foreign keys all point at chosen parents (all of it when
 * it is a passthrough table).
 */
function sourceReads(
  source: Database,
  table: Table,
  columns: readonly Column[],
  selection: Selection,
  options: SubsetOptions,
): (() => Promise<Record<string, unknown>[]>)[] {
  const names = columns.map((c) => c.name)
  const chosen = selection.tables.get(tableName(table))!
  const key = table.primaryKey?.columns
  const batches = (keys: readonly string[]) =>
    Array.from({ length: Math.ceil(keys.length / BATCH) }, (_, i) => keys.slice(i * BATCH, (i + 1) * BATCH))
  if (key !== undefined)
    return batches([...chosen.keys]).map((keys) => () => readRows(source, table, columns, key, keys))
  if ((options.passthrough ?? []).some((p) => p === tableName(table) || p === table.name)) {
    return [() => readAllRows(source, table, columns)]
  }
  const edges = selection.edges.filter((e) => e.child === table && selection.tables.has(tableName(e.parent)))
  const driving = edges.find(
    (e) => e.parent.primaryKey !== null && sameColumns(e.parentColumns, e.parent.primaryKey.columns),
  )
  if (driving === undefined) return []
  const parentKey = driving.parent.primaryKey!.columns
  const parentKeys = reorderKeys(
    [...selection.tables.get(tableName(driving.parent))!.keys],
    parentKey,
    driving.parentColumns,
  )
  const others = edges.filter((e) => e !== driving)
  return batches(parentKeys).map((keys) => async () => {
    const rows = await readRows(source, table, columns, driving.columns, keys)
    return rows.filter((row) => others.every((edge) => pointsAtChosen(row, names, edge, selection)))
  })
}

function pointsAtChosen(
  row: Record<string, unknown>,
  names: readonly string[],
  edge: Edge,
  selection: Selection,
): boolean {
  const values = edge.columns.map((c) => row[`c${names.indexOf(c)}`])
  if (values.some((v) => v === null || v === undefined)) return true
  const parentKey = edge.parent.primaryKey?.columns
  if (parentKey === undefined || !sameColumns(edge.parentColumns, parentKey)) return true
  const key = keyText(parentKey.map((c) => values[edge.parentColumns.indexOf(c)]))!
  return selection.tables.get(tableName(edge.parent))!.keys.has(key)
}
