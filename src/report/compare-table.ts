import type { Database } from '../dialects/dialect.js'
import {
  countRows,
  readPresentValues,
  readRareValues,
  readRowsByKey,
} from '../dialects/queries/report-queries.js'
import type { Column, DialectName, Table } from '../schema/schema.js'
import { tableName } from '../schema/table-name.js'
import { columnRealism } from './column-realism.js'
import { sourceCheckViolations } from './invariants-part.js'
import { jsonStructure } from './metrics/json-structure.js'
import { gatherUnnamed, modelColumnKinds, modelRowCount, modelSampleRows } from './model-rows.js'
import type { ColumnQuality, InvariantsSection, PrivacySection, TableQuality } from './report.js'
import { sampleRows, twinColumns, type Sides, type TablePair } from './report-sides.js'
import type { DetectionView } from './table-detection.js'
import { exactMatchByChance, tablePrivacy } from './table-privacy.js'
import { columnQualities, correlationMatrices, pairQualities, round } from './table-quality.js'
import { comparedColumns, keyColumns, type ComparedColumn } from './table-samples.js'

const UNREADABLE = new Set(['json', 'binary', 'geometry', 'array', 'unknown', 'bit'])

/** Twin rows per table whose ruled values are checked against the source row of the same key. */
const RULED_ROWS = 1000

/** What holds for every table of one report. */
export interface TableContext {
  /** `schema.table.column` of the columns rules rewrite: privacy looks at them, fidelity does not. */
  rewritten: ReadonlySet<string>
  /** Tables copied whole (reference tables), whose rows match the source's by design. */
  copied: ReadonlySet<string>
  subset: boolean
  k: number
  dialect: DialectName
}

/** One table compared on its own; its relations are added once every table's kinds are known. */
export interface TableComparison {
  quality: TableQuality
  /** How each compared column is compared (ruled columns left out). */
  kinds: Map<string, ComparedColumn['kind']>
  /** The compared columns, read again by the detection score once relations are joined. */
  detectionView: DetectionView
  /** Whether either side holds more rows than were read. */
  sampled: boolean
  checks: InvariantsSection['checks']
  /** Read against a source only. */
  privacy: TablePrivacy | null
}

interface TablePrivacy {
  row: PrivacySection['tables'][number]
  rare: { rare: number; leaked: number }
  ruledColumns: PrivacySection['ruledColumns']
}

interface TableRead {
  rows: { real: number; twin: number }
  realSample: Record<string, unknown>[]
  twinSample: Record<string, unknown>[]
}

/** A table's column quality, pair trends and privacy figures, from samples of both sides (or the model). */
export async function compareTable(
  sides: Sides,
  pair: TablePair,
  context: TableContext,
): Promise<TableComparison> {
  const { realTable, twinTable } = pair
  const columns = realTable.columns.filter((c) => !UNREADABLE.has(c.type))
  const read = await readTable(sides, pair, columns)
  const checks = sourceCheckViolations(realTable, context.dialect, twinTable, read.twinSample)
  const compared = compareColumns(sides, realTable, columns, read)
  const faithful = compared.filter((c) => !context.rewritten.has(columnId(realTable, c.name)))
  const columnRows = columnQualities(faithful)
  const sampled = Math.max(read.rows.real, read.rows.twin) > sides.maxRows
  if (sides.real !== null) {
    const realism = await columnRealism(sides.real, realTable, faithful, context.k, sampled)
    for (const column of columnRows) column.realism = realism.get(column.column) ?? null
    const json = realTable.columns.filter(
      (c) =>
        c.type === 'json' &&
        twinTable.columns.some((t) => t.name === c.name) &&
        !context.rewritten.has(columnId(realTable, c.name)),
    )
    columnRows.push(
      ...(await jsonQualities({ ...sides, real: sides.real }, pair, json, read.rows, context.k)),
    )
  }
  const quality: TableQuality = {
    table: tableName(realTable),
    rows: read.rows,
    sampled: { real: read.realSample.length, twin: read.twinSample.length },
    columns: columnRows,
    pairs: pairQualities(faithful),
    correlation: correlationMatrices(faithful),
    cardinality: [],
    interTable: [],
    detection: null,
  }
  return {
    quality,
    kinds: new Map(faithful.map((c) => [c.name, c.kind])),
    detectionView: { foreignKey: null, columns: faithful },
    sampled,
    checks,
    privacy:
      sides.real === null
        ? null
        : await privacyOf({ ...sides, real: sides.real }, pair, columns, compared, read, context),
  }
}

const columnId = (table: Table, column: string) => `${table.schema}.${table.name}.${column}`

/** Row counts and samples of both sides; without a source, the model's counts and rows drawn from it. */
async function readTable(
  { real, twin, model, maxRows, seed }: Sides,
  { realTable, twinTable }: TablePair,
  columns: readonly Column[],
): Promise<TableRead> {
  const realRows = real === null ? modelRowCount(model!, realTable) : await countRows(real, realTable)
  const twinRows = await countRows(twin, twinTable)
  const realSample =
    real === null
      ? modelSampleRows(model!, realTable, maxRows, seed)
      : await sampleRows(real, realTable, columns, realRows, maxRows, seed)
  const twinSample = await sampleRows(
    twin,
    twinTable,
    twinColumns(twinTable, columns),
    twinRows,
    maxRows,
    seed,
  )
  return { rows: { real: realRows, twin: twinRows }, realSample, twinSample }
}

/** The columns compared value by value; against a model, by the kinds it learned and its rare values gathered. */
function compareColumns(
  { real, model }: Sides,
  realTable: Table,
  columns: Column[],
  { realSample, twinSample }: TableRead,
): ComparedColumn[] {
  if (real !== null) return comparedColumns({ ...realTable, columns }, realSample, twinSample)
  const kinds = modelColumnKinds(model!, realTable)
  return gatherUnnamed(
    model!,
    realTable,
    comparedColumns({ ...realTable, columns }, realSample, twinSample, kinds),
  )
}

/**
 * Against a source: the table's exact matches, distances and membership attack (not for a subset's or a copied
 * table's rows, whose nearness to the source only says "copied"), its rare values leaked, and, for a subset, how
 * many ruled values were kept.
 */
async function privacyOf(
  { real, twin }: Sides & { real: Database },
  { realTable, twinTable }: TablePair,
  columns: readonly Column[],
  compared: readonly ComparedColumn[],
  { realSample, twinSample }: TableRead,
  { copied, subset, k, rewritten }: TableContext,
): Promise<TablePrivacy> {
  const id = tableName(realTable)
  const nonKey = columns.filter((c) => !keyColumns(realTable).has(c.name)).map((c) => c.name)
  const exact = {
    real: realSample.map((r) => textRow(r, nonKey)),
    twin: twinSample.map((r) => textRow(r, nonKey)),
  }
  const categories = copied.has(id) ? [] : compared.filter((c) => c.kind === 'category').map((c) => c.name)
  const tableRare = await rareValues(real, twin, realTable, twinTable, categories, k)
  const ruled = columns.map((c) => c.name).filter((name) => rewritten.has(columnId(realTable, name)))
  const ruledColumns = subset ? await ruledColumnsKept(real, realTable, twinSample, ruled) : []
  const { realExactMatchRate, ...distances } =
    subset || copied.has(id)
      ? { exactMatchRate: null, realExactMatchRate: null, dcrShare: null, membershipAuc: null }
      : tablePrivacy(compared, exact)
  const row = {
    table: id,
    ...distances,
    exactMatchUnavoidable:
      !subset &&
      !copied.has(id) &&
      nonKey.length > 0 &&
      (nonKey.every((name) => compared.find((c) => c.name === name)?.kind === 'category') ||
        exactMatchByChance({ exactMatchRate: distances.exactMatchRate, realExactMatchRate })),
    rareLeaked: tableRare.leaked,
    rareLeakedColumns: tableRare.columns,
  }
  return { row, rare: { rare: tableRare.rare, leaked: tableRare.leaked }, ruledColumns }
}

/**
 * JSON columns compared by their path sets (see jsonStructure), from their own samples: the rows read for the other
 * columns leave JSON out, as no value-by-value metric applies to it.
 */
async function jsonQualities(
  sides: Sides & { real: Database },
  { realTable, twinTable }: TablePair,
  columns: readonly Column[],
  rows: { real: number; twin: number },
  k: number,
): Promise<ColumnQuality[]> {
  if (columns.length === 0) return []
  const { maxRows, seed } = sides
  const real = await sampleRows(sides.real, realTable, columns, rows.real, maxRows, seed)
  const twin = await sampleRows(
    sides.twin,
    twinTable,
    twinColumns(twinTable, columns),
    rows.twin,
    maxRows,
    seed,
  )
  return columns.map((c) => {
    const values = (rows: Record<string, unknown>[]) => rows.map((r) => r[c.name] ?? null)
    const nullShare = (v: unknown[]) => (v.length === 0 ? 0 : v.filter((x) => x === null).length / v.length)
    const structure = jsonStructure(values(real), values(twin), k)
    const nullRate = { real: round(nullShare(values(real))), twin: round(nullShare(values(twin))) }
    return {
      column: c.name,
      kind: 'json',
      shape: structure.score === null ? null : round(structure.score),
      nullRate,
      nullScore: round(1 - Math.abs(nullRate.real - nullRate.twin)),
      histogram: {
        bins: structure.histogram.bins,
        real: structure.histogram.real.map((x) => round(x)),
        twin: structure.histogram.twin.map((x) => round(x)),
      },
      realism: null,
    }
  })
}
/**
 * A subset's ruled columns of one table: of its first copied rows, matched to the source by primary key, how many
 * still hold the source's (non-null) value. Nothing is counted for a table without a primary key, or whose key a
 * rule rewrites: its rows cannot be matched.
 */
async function ruledColumnsKept(
  real: Database,
  table: Table,
  twinSample: readonly Record<string, unknown>[],
  ruled: readonly string[],
): Promise<PrivacySection['ruledColumns']> {
  const key = table.primaryKey?.columns ?? []
  const id = (column: string) => `${tableName(table)}.${column}`
  if (ruled.length === 0) return []
  if (key.length === 0 || key.some((k) => ruled.includes(k)))
    return ruled.map((column) => ({ column: id(column), rows: 0, unchanged: 0 }))
  const rows = twinSample.slice(0, RULED_ROWS)
  const source = await readRowsByKey(
    real,
    table,
    key,
    rows.map((r) => key.map((k) => r[k])),
    ruled,
  )
  const keyText = (values: readonly unknown[]) => JSON.stringify(values.map(textValue))
  const byKey = new Map(source.map((r) => [keyText(key.map((_, i) => r[`k${i}`])), r]))
  return ruled.map((column, i) => {
    let compared = 0
    let unchanged = 0
    for (const row of rows) {
      const original = byKey.get(keyText(key.map((k) => row[k])))?.[`v${i}`]
      if (original === null || original === undefined) continue
      compared++
      if (textValue(row[column]) === textValue(original)) unchanged++
    }
    return { column: id(column), rows: compared, unchanged }
  })
}

/**
 * Rare real values of category columns (fewer than k rows), how many of them the twin holds, and in which
 * columns: where to look, without the values themselves.
 */
async function rareValues(
  real: Database,
  twin: Database,
  realTable: Table,
  twinTable: Table,
  columns: readonly string[],
  k: number,
): Promise<{ rare: number; leaked: number; columns: string[] }> {
  let rare = 0
  let leaked = 0
  const leakedIn: string[] = []
  for (const column of columns) {
    const values = await readRareValues(real, realTable, column, k, 1000)
    rare += values.length
    const present = (await readPresentValues(twin, twinTable, column, values)).length
    leaked += present
    if (present > 0) leakedIn.push(column)
  }
  return { rare, leaked, columns: leakedIn }
}

/** A row's values as text in one spelling for every engine, for exact matching. */
function textRow(row: Record<string, unknown>, columns: readonly string[]): string[] {
  return columns.map((c) => textValue(row[c]))
}

function textValue(v: unknown): string {
  if (v === null || v === undefined) return '\u0000'
  if (v === true || v === false) return v ? '1' : '0'
  const text = String(v)
  return /^-?\d+(\.\d+)?$/.test(text) ? String(Number(text)) : text.replace(/\+00(:00)?$/, '')
}
