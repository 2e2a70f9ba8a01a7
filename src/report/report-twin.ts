import type { Database } from '../dialects/dialect.js'
import type { Connection } from '../dialects/connection.js'
import { openDatabase } from '../dialects/open-database.js'
import { DbtwinError } from '../errors.js'
import type { Model } from '../model/model.js'
import { resolveRules, rewrittenColumns } from '../rules/resolve-rules.js'
import { loadConstraints } from '../rules/load-constraints.js'
import { loadRules, type RulesSource } from '../rules/rule-file.js'
import { scanDatabase } from '../rules/scan-database.js'
import type { ForeignKey, Schema, Table, TableRef } from '../schema/schema.js'
import { tableName } from '../schema/table-name.js'
import { lookupTables, scaledRows } from '../generate/twin-rows.js'
import { REFERENCE_ROWS, referenceIds, referenceTables } from '../model/reference-tables.js'
import { tablePlacement, type SchemaMap } from '../schema/table-placement.js'
import { mean } from './metrics/scores.js'
import type { ExtraGate, Report, TableQuality } from './report.js'
import {
  countCheckViolations,
  countDuplicates,
  countOrphans,
  countRows,
} from '../dialects/queries/report-queries.js'
import { tableDetection } from './table-detection.js'
import { invariantsPart } from './invariants-part.js'
import { round } from './table-quality.js'
import { compareTable, type TableComparison, type TableContext } from './compare-table.js'
import { relationQuality } from './relation-quality.js'
import type { Sides, TablePair } from './report-sides.js'
import { scoreReport, type Gate, type ReportInputs } from './score-report.js'

export type { Gate } from './score-report.js'

export interface ReportOptions {
  /** The model the twin was generated from: the reference when there is no source, and the PII record. */
  model?: Model
  /** Rules: a PII column is covered when one decides it. Without rules, the model's ruled columns count. */
  rules?: RulesSource
  /** Rows sampled per table and side (default 10,000). */
  maxRows?: number
  /** Values seen fewer than k times in the source are rare (default: the model's min-count, else 5). */
  k?: number
  seed?: number
  /**
   * `--fail-under`: the verdict fails below these scores (a gate per verdict, per quality property, or on the
   * detection score).
   */
  failUnder?: Partial<Record<Gate | ExtraGate, number>>
  /**
   * The twin is a subset of the source: its row counts follow from the selection, not from the source's
   * cardinalities, so they are listed but do not count toward consistency.
   */
  subset?: boolean
  /**
   * The scale the twin was generated at (default 1): each table is expected to hold the source's rows × scale, a
   * lookup table its own (see scaledRows).
   */
  scale?: number
  /** The --schema-map the twin was written with (see SchemaMap): where its tables are looked for first. */
  schemaMap?: SchemaMap
  /** Aborting it stops the report before the next table (it only reads, so there is nothing to undo). */
  signal?: AbortSignal
}

export type ReportEvent = { step: 'table'; table: string; index: number; total: number }

/**
 * Compares a twin with its source (or, without one, with the model it came from) and says, in figures, how
 * faithful, private and consistent it is. Statistics come from samples of at most `maxRows` rows per table and
 * side (the report lists the sampled tables); counts, orphans, duplicates, check violations and rare values are
 * computed by SQL over whole tables. Both databases are read over read-only connections.
 *
 * @example
 * const r = await report('postgres://…/prod', 'postgres://…/twin', { failUnder: { quality: 0.85 } })
 * console.log(r.verdicts.quality.score)
 */
export async function report(
  realUrl: Connection | null,
  twinUrl: Connection,
  options: ReportOptions = {},
  onEvent: (e: ReportEvent) => void = () => {},
): Promise<Report> {
  if (realUrl === null && options.model === undefined) {
    throw new DbtwinError(
      'USAGE',
      'a report needs the source or the model to compare with',
      'give the source (real) or the model (model)',
      { data: { option: 'real' }, cliFix: 'pass --real <url> or --model model.yaml' },
    )
  }
  const rules = options.rules === undefined ? null : await loadRules(options.rules)
  const twin = await openDatabase(twinUrl, { readOnly: true })
  const real =
    realUrl === null
      ? null
      : await openDatabase(realUrl, { readOnly: true }).catch(async (e: unknown) => {
          await twin.close()
          throw e
        })
  try {
    return scoreReport(await readReportInputs(real, twin, rules, options, onEvent))
  } finally {
    await twin.close()
    await real?.close()
  }
}

/** Reads both sides table by table, then across their relations, and counts the twin's consistency and invariants. */
async function readReportInputs(
  real: Database | null,
  twin: Database,
  rules: Awaited<ReturnType<typeof loadRules>> | null,
  options: ReportOptions,
  onEvent: (e: ReportEvent) => void,
): Promise<ReportInputs> {
  const maxRows = options.maxRows ?? 10_000
  const seed = options.seed ?? 1
  const k = options.k ?? options.model?.privacy.minCount ?? 5
  const twinSchema = await twin.introspect()
  const realSchema = real === null ? options.model!.schema : await real.introspect()
  const pairs = pairTables(realSchema, twinSchema, options.schemaMap)
  const declared = await loadConstraints(options.rules, realSchema)
  const { pii, rewritten } = await piiCoverage(real, realSchema, options.model, rules)
  const subset = options.subset === true
  const personal = [...pii.map((p) => p.column), ...rewritten]
  // Reference tables are copied whole on purpose (issue 17.1): their rows match the source's by design, so, as a
  // subset's, they are not scored as synthetic rows.
  const copied = await copiedTables(real, realSchema, options.model, personal)
  const sides: Sides = { real, twin, model: options.model, maxRows, seed }
  const context: TableContext = { rewritten, copied, subset, k, dialect: realSchema.dialect }
  const compared = await compareTables(sides, pairs, context, options.signal, onEvent)
  const tables = compared.map((c) => c.quality)
  await addRelations(sides, pairs, compared, k, options.signal)
  const consistency = await consistencyOf(twin, realSchema, pairs, tables, {
    subset,
    scale: options.scale ?? 1,
    personal,
  })
  const counted = new Map(tables.map((t) => [t.table, t.rows.real]))
  const invariants = await invariantsPart({
    real,
    twin,
    realSchema,
    model: options.model,
    twinOf: (id) => pairs.find((p) => tableName(p.realTable) === id)?.twinTable,
    rowsOf: (id) => counted.get(id) ?? 0,
    checks: compared.flatMap((c) => c.checks),
    declared,
    k,
    maxRows,
    seed,
  })
  const privacy = compared.flatMap((c) => (c.privacy === null ? [] : [c.privacy]))
  return {
    createdAt: new Date().toISOString(),
    realSchema,
    sourceRead: real !== null,
    twin: { database: twinSchema.database, dialect: twinSchema.dialect },
    maxRows,
    k,
    subset,
    failUnder: options.failUnder,
    sampledTables: compared.filter((c) => c.sampled).map((c) => c.quality.table),
    tables,
    privacy: {
      tables: privacy.map((p) => p.row),
      ruledColumns: privacy.flatMap((p) => p.ruledColumns),
      rare: {
        rare: privacy.reduce((sum, p) => sum + p.rare.rare, 0),
        leaked: privacy.reduce((sum, p) => sum + p.rare.leaked, 0),
      },
      pii,
    },
    consistency,
    invariants,
  }
}

/** Each table compared on its own, in the source's order, an event after each. */
async function compareTables(
  sides: Sides,
  pairs: readonly TablePair[],
  context: TableContext,
  signal: AbortSignal | undefined,
  onEvent: (e: ReportEvent) => void,
): Promise<TableComparison[]> {
  const compared: TableComparison[] = []
  for (const [index, pair] of pairs.entries()) {
    signal?.throwIfAborted()
    compared.push(await compareTable(sides, pair, context))
    onEvent({ step: 'table', table: tableName(pair.realTable), index, total: pairs.length })
  }
  return compared
}

/**
 * Each foreign key's cardinality and trends added to its table, and the table's detection score over its own rows
 * and its rows joined to each parent. Relations read the kinds of their parent's columns, known once every table
 * was compared.
 */
async function addRelations(
  sides: Sides,
  pairs: readonly TablePair[],
  compared: readonly TableComparison[],
  k: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  const kinds = new Map(compared.map((c) => [c.quality.table, c.kinds]))
  for (const [index, pair] of pairs.entries()) {
    signal?.throwIfAborted()
    const { quality: table, detectionView } = compared[index]!
    const views = [detectionView]
    for (const fk of pair.realTable.foreignKeys) {
      const parent = pairs.find((p) => tableName(p.realTable) === tableName(fk.references))
      const twinFk = parent && matchingForeignKey(pair.twinTable, fk, parent.twinTable)
      if (twinFk === undefined || parent === undefined) continue
      const relation = await relationQuality(sides, { ...pair, rows: table.rows }, fk, twinFk, parent, kinds)
      table.cardinality.push(relation.cardinality)
      table.interTable.push(...relation.interTable)
      if (relation.joined !== null) views.push({ foreignKey: fk.name, columns: relation.joined })
    }
    // A model's rows are synthetic too: telling two synthetic draws apart says nothing of the twin.
    if (sides.real !== null) table.detection = tableDetection(table.table, views, k, sides.seed)
  }
}

/**
 * Pairs each source table with its twin: where the write put it (the same tablePlacement, so a musicbrainz twin on
 * MySQL is found under `<schema>__<table>`), else the same schema and name, else the same table name. A twin that
 * lacks a table or a column of its source is not its twin (issue 14: a pagila twin reported against chinook scored
 * 100% consistency and passed --fail-under), so that is an error naming what is missing; tables the twin has beyond
 * its source are not compared.
 */
function pairTables(real: Schema, twin: Schema, schemaMap: SchemaMap | undefined): TablePair[] {
  const pairs: TablePair[] = []
  const missingTables: string[] = []
  const missingColumns: string[] = []
  const placed = placementOrNull(real, twin, schemaMap)
  for (const realTable of real.tables) {
    const ref = placed?.(realTable)
    const twinTable =
      (ref && twin.tables.find((t) => t.schema === ref.schema && t.name === ref.name)) ??
      twin.tables.find((t) => t.schema === realTable.schema && t.name === realTable.name) ??
      twin.tables.find((t) => t.name === realTable.name)
    if (twinTable === undefined) {
      missingTables.push(tableName(realTable))
      continue
    }
    for (const c of realTable.columns)
      if (!twinTable.columns.some((t) => t.name === c.name))
        missingColumns.push(`${tableName(realTable)}.${c.name}`)
    pairs.push({ realTable, twinTable })
  }
  if (missingTables.length > 0 || missingColumns.length > 0) {
    const missing = [
      ...(missingTables.length > 0
        ? [`${missingTables.length} of its ${real.tables.length} tables (${sample(missingTables)})`]
        : []),
      ...(missingColumns.length > 0 ? [`${missingColumns.length} columns (${sample(missingColumns)})`] : []),
    ]
    throw new DbtwinError(
      'TWIN_MISMATCH',
      `the twin is not a twin of this source: it lacks ${missing.join(' and ')}`,
      'pass the twin written from this source (or its model) with --twin, or write it again',
    )
  }
  return pairs
}

/** Where a write would have put the source's tables; null when the mapping itself refuses them (merge collides). */
function placementOrNull(
  real: Schema,
  twin: Schema,
  schemaMap: SchemaMap | undefined,
): ((t: TableRef) => TableRef) | null {
  try {
    return tablePlacement(
      real.tables,
      real.dialect,
      { schemas: twin.dialect !== 'mysql', database: twin.database },
      schemaMap,
    )
  } catch {
    return null
  }
}

/** The first few names of a list, for a message. */
const sample = (names: readonly string[]) =>
  names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')}, …`

/** The twin's key for a source key: same columns and parent (a MySQL twin may have renamed it), else same name. */
function matchingForeignKey(twinTable: Table, fk: ForeignKey, twinParent: Table): ForeignKey | undefined {
  return (
    twinTable.foreignKeys.find(
      (f) =>
        f.columns.join() === fk.columns.join() &&
        f.references.name === twinParent.name &&
        f.references.columns.join() === fk.references.columns.join(),
    ) ?? twinTable.foreignKeys.find((f) => f.name === fk.name)
  )
}

/**
 * Columns detected as PII, each covered when a rule decides it (or, without rules, when the model ruled it), and
 * the columns rewritten by rules or ruled in the model.
 */
async function piiCoverage(
  real: Database | null,
  schema: Schema,
  model: Model | undefined,
  rules: Awaited<ReturnType<typeof loadRules>> | null,
): Promise<{ pii: Report['privacy']['pii']; rewritten: Set<string> }> {
  const found = real === null ? (model?.pii ?? []) : await scanDatabase(real, schema)
  const resolved =
    rules === null ? null : resolveRules(schema, rules, new Map(found.map((f) => [f.column, f.kind])))
  const ruled = new Set(model?.madeBy.parameters.ruledColumns ?? [])
  const rewritten = resolved === null ? ruled : new Set([...ruled, ...rewrittenColumns(resolved)])
  const pii = found.map((f) => ({
    column: f.column,
    kind: f.kind,
    covered: resolved !== null ? resolved.has(f.column) : ruled.has(f.column),
  }))
  return { pii, rewritten }
}

/**
 * Orphans and duplicate keys (by the source's keys), violations of the twin's checks and row counts, all counted
 * in the twin by SQL.
 */
async function consistencyOf(
  twin: Database,
  realSchema: Schema,
  pairs: readonly TablePair[],
  tables: readonly TableQuality[],
  { subset, scale, personal }: { subset: boolean; scale: number; personal: readonly string[] },
) {
  const orphans: Report['consistency']['orphans'] = []
  const uniqueViolations: Report['consistency']['uniqueViolations'] = []
  const checkViolations: Report['consistency']['checkViolations'] = []
  // One broken constraint breaks the twin: integrity is the worst constraint's share of rows that hold it.
  let integrity = 1
  const tally = (count: number, total: number) => {
    if (total > 0) integrity = Math.min(integrity, 1 - count / total)
  }
  // The source's keys, mapped onto the twin's tables: a twin loaded without constraints is checked all the same.
  const twinOf = new Map(pairs.map((p) => [tableName(p.realTable), p.twinTable]))
  for (const { realTable, twinTable: table } of pairs) {
    // Counted once, when the table was compared.
    const total = tables.find((t) => t.table === tableName(realTable))?.rows.twin ?? 0
    for (const fk of realTable.foreignKeys) {
      const parent = twinOf.get(tableName(fk.references))
      if (parent === undefined) continue
      const mapped = {
        ...fk,
        references: { schema: parent.schema, name: parent.name, columns: fk.references.columns },
      }
      const count = await countOrphans(twin, table, mapped)
      orphans.push({ table: tableName(table), foreignKey: fk.name, count })
      tally(count, total)
    }
    for (const key of [realTable.primaryKey, ...realTable.uniques]) {
      if (key === null) continue
      const count = await countDuplicates(twin, table, key)
      uniqueViolations.push({ table: tableName(table), key: key.name, count })
      tally(count, total)
    }
    for (const check of table.checks) {
      const count = await countCheckViolations(twin, table, check).catch(() => 0)
      checkViolations.push({ table: tableName(table), check: check.name, count })
      tally(count, total)
    }
  }
  const rowCounts = expectedRows(realSchema, pairs, tables, scale, personal)
  const rowScore = subset
    ? null
    : mean(rowCounts.map((r) => 1 - Math.min(1, Math.abs(r.actual - r.expected) / Math.max(r.expected, 1))))
  const score = mean([integrity, rowScore])
  return {
    score: score === null ? null : round(score),
    orphans,
    uniqueViolations,
    checkViolations,
    rowCounts,
    rowCountsScored: !subset,
    scale,
  }
}

/**
 * What each table's row count should be: the source's × scale, a lookup table's unchanged — what generation aims
 * at. Expecting a child's count from the twin's own parents hid a twin 13–15% short on every table, each child as
 * short as its parent (issue 19.6).
 */
function expectedRows(
  realSchema: Schema,
  pairs: readonly TablePair[],
  tables: readonly TableQuality[],
  scale: number,
  personal: readonly string[],
) {
  const counts = new Map(tables.map((t) => [t.table, t.rows]))
  const lookups = lookupTables(realSchema, (id) => counts.get(id)?.real ?? 0, personal)
  return pairs.flatMap(({ realTable }) => {
    const id = tableName(realTable)
    const own = counts.get(id)
    if (own === undefined) return []
    return [{ table: id, expected: scaledRows(own.real, scale, lookups.has(id)), actual: own.twin }]
  })
}

/**
 * The tables a twin holds copied whole: the model's reference tables when there is a model, else those the source's
 * counts and personal columns make reference tables (see referenceTables), counted only where the engine
 * estimates a table small. Without a model, a twin learned under --epsilon (which synthesizes them) is taken for
 * one that copied them.
 */
async function copiedTables(
  real: Database | null,
  realSchema: Schema,
  model: Model | undefined,
  personal: readonly string[],
): Promise<Set<string>> {
  if (model !== undefined)
    return new Set(model.tables.filter((t) => t.reference !== undefined).map((t) => t.table))
  if (real === null) return new Set()
  const counts = new Map<string, number>()
  const referenced = new Set(
    realSchema.tables.flatMap((t) => t.foreignKeys.map((fk) => tableName(fk.references))),
  )
  for (const table of realSchema.tables)
    if (referenced.has(tableName(table)) && table.estimatedRows < 10 * REFERENCE_ROWS)
      counts.set(tableName(table), await countRows(real, table))
  return referenceIds(
    referenceTables(realSchema, {
      rows: (id) => counts.get(id) ?? REFERENCE_ROWS,
      personalColumns: personal,
    }),
  )
}
