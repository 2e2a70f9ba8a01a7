import type { Database } from '../dialects/dialect.js'
import { readChildParentPairs, readChildrenHistogram } from '../dialects/queries/source-queries.js'
import type { Model } from '../model/model.js'
import type { Column, ForeignKey, Table } from '../schema/schema.js'
import { tableName } from '../schema/table-name.js'
import { spearman } from '../stats/correlation.js'
import { cardinalityShapeSimilarity } from './metrics/cardinality.js'
import { correlationSimilarity } from './metrics/column-pairs.js'
import type { CardinalityQuality, InterTableQuality } from './report.js'
import { twinColumns, type Sides, type TablePair } from './report-sides.js'
import { interTableQualities, round } from './table-quality.js'
import { columnValues, quantity, type ComparedColumn } from './table-samples.js'

type Learned = Model['tables'][number]['relations'][number] | undefined
type Paired = { column: Column; kind: ComparedColumn['kind'] }[]

/** What one foreign key says of the twin: its cardinality, its trends, and its joined columns for detection. */
export interface RelationQuality {
  cardinality: CardinalityQuality
  interTable: InterTableQuality[]
  joined: ComparedColumn[] | null
}

/**
 * Cardinality shape of one foreign key, and the inter-table trends across it: every compared parent column
 * against every compared child column, on child rows joined to their parents (sampled, never narrowed to a few
 * columns). Without a source, the trends are the numeric parent → child correlations the model learned.
 */
export async function relationQuality(
  sides: Sides,
  pair: TablePair & { rows: { real: number; twin: number } },
  fk: ForeignKey,
  twinFk: ForeignKey,
  parent: TablePair,
  kinds: ReadonlyMap<string, ReadonlyMap<string, ComparedColumn['kind']>>,
): Promise<RelationQuality> {
  const learned = sides.model?.tables
    .find((t) => t.table === tableName(pair.realTable))
    ?.relations.find((r) => r.foreignKey === fk.name)
  const cardinality = await cardinalityOf(sides, pair, fk, twinFk, learned)
  const parentColumns = pairedColumns(parent.realTable, kinds)
  const childColumns = pairedColumns(pair.realTable, kinds)
  if (parentColumns.length === 0 || childColumns.length === 0)
    return { cardinality, interTable: [], joined: null }
  const trends = await trendsAcross(sides, pair, { fk, twinFk, learned }, parent, [
    parentColumns,
    childColumns,
  ])
  return { cardinality, ...trends }
}

/** Children per parent on both sides (the model's learned histogram without a source), and their similarity. */
async function cardinalityOf(
  { real, twin }: Sides,
  { realTable, twinTable }: TablePair,
  fk: ForeignKey,
  twinFk: ForeignKey,
  learned: Learned,
): Promise<CardinalityQuality> {
  const realHistogram =
    real === null
      ? (learned?.childrenPerParent ?? []).map((c) => ({ value: c.children, count: c.frequency }))
      : await readChildrenHistogram(real, realTable, fk)
  const twinHistogram = await readChildrenHistogram(twin, twinTable, twinFk)
  return {
    foreignKey: fk.name,
    parent: tableName(fk.references),
    score: round(cardinalityShapeSimilarity(expand(realHistogram), expand(twinHistogram))),
    real: shares(realHistogram),
    twin: shares(twinHistogram),
  }
}

/**
 * A table's compared columns with their kinds. Free text is read for the detection score, not paired (see
 * pair-trends.ts); the kinds already leave out keys and ruled columns.
 */
function pairedColumns(
  table: Table,
  kinds: ReadonlyMap<string, ReadonlyMap<string, ComparedColumn['kind']>>,
): Paired {
  const kindOf = kinds.get(tableName(table))
  return table.columns.flatMap((column) => {
    const kind = kindOf?.get(column.name)
    return kind === undefined ? [] : [{ column, kind }]
  })
}

/** The parent × child trends over child rows joined to their parents, read from both sides. */
async function trendsAcross(
  { real, twin, maxRows, seed }: Sides,
  { realTable, twinTable, rows }: TablePair & { rows: { real: number; twin: number } },
  { fk, twinFk, learned }: { fk: ForeignKey; twinFk: ForeignKey; learned: Learned },
  parent: TablePair,
  [parentColumns, childColumns]: [Paired, Paired],
): Promise<Omit<RelationQuality, 'cardinality'>> {
  const order = realTable.primaryKey?.columns ?? fk.columns
  // As many joined rows as rows per table: equal-width bins hang on the extremes, and a fixed 5,000 of pagila's
  // 16,044 rentals, which kept or lost one of its two odd last_update values, moved a pair's score by 0.38 against
  // the whole table's (bench/sdmetrics-check.py). --max-rows past the table's size now gives the whole table.
  const pairsOf = (db: Database, table: Table, parentTable: Table, key: ForeignKey, tableRows: number) =>
    readChildParentPairs(
      db,
      table,
      key,
      twinColumns(
        parentTable,
        parentColumns.map((p) => p.column),
      ),
      twinColumns(
        table,
        childColumns.map((c) => c.column),
      ),
      order,
      { tableRows, limit: maxRows, seed },
    )
  const twinPairs = await pairsOf(twin, twinTable, parent.twinTable, twinFk, rows.twin)
  if (real === null)
    return { interTable: learnedTrends(fk, learned, parentColumns, childColumns, twinPairs), joined: null }
  const realPairs = await pairsOf(real, realTable, parent.realTable, fk, rows.real)
  const side = (prefix: 'p' | 'c', table: TablePair, list: Paired): ComparedColumn[] =>
    list.map(({ column, kind }, i) => ({
      name: column.name,
      kind,
      real: columnValues(realPairs, column, kind, `${prefix}${i}`),
      twin: columnValues(twinPairs, twinColumns(table.twinTable, [column])[0]!, kind, `${prefix}${i}`),
    }))
  const parentSide = side('p', parent, parentColumns)
  const childSide = side('c', { realTable, twinTable }, childColumns)
  const interTable = interTableQualities(fk.name, parentSide, childSide)
  const joined = [
    ...parentSide.map((c) => ({ ...c, name: `${tableName(parent.realTable)}.${c.name}` })),
    ...childSide,
  ]
  return { interTable, joined }
}

/** Without a source: the twin's numeric parent → child correlations against the ones the model learned. */
function learnedTrends(
  fk: ForeignKey,
  learned: Learned,
  parentColumns: readonly { column: Column }[],
  childColumns: readonly { column: Column }[],
  twinPairs: Record<string, unknown>[],
): InterTableQuality[] {
  const values = (key: string, column: Column) => twinPairs.map((r) => quantity(r[key], column))
  return (learned?.columnDependence ?? []).flatMap((d) => {
    const p = parentColumns.findIndex((x) => x.column.name === d.parentColumn)
    const c = childColumns.findIndex((x) => x.column.name === d.childColumn)
    if (p < 0 || c < 0) return []
    // The model keeps rank correlations: the twin is measured alike.
    const twinR = spearman(
      values(`p${p}`, parentColumns[p]!.column),
      values(`c${c}`, childColumns[c]!.column),
    )
    if (twinR === null) return []
    return [
      {
        foreignKey: fk.name,
        parentColumn: d.parentColumn,
        childColumn: d.childColumn,
        metric: 'correlation' as const,
        real: round(d.correlation),
        twin: round(twinR),
        score: round(correlationSimilarity(d.correlation, twinR)),
      },
    ]
  })
}

/** A histogram of children per parent as one value per parent, thinned to at most 20,000 values. */
function expand(histogram: readonly { value: number; count: number }[]): number[] {
  const total = histogram.reduce((s, h) => s + h.count, 0)
  const scale = Math.min(1, 20_000 / Math.max(total, 1))
  return histogram.flatMap((h) =>
    new Array<number>(Math.max(h.count > 0 ? 1 : 0, Math.round(h.count * scale))).fill(h.value),
  )
}

/** Shares of parents with 0…9 children, and 10 or more gathered in the last entry. */
function shares(
  histogram: readonly { value: number; count: number }[],
): { children: number; share: number }[] {
  const total = histogram.reduce((s, h) => s + h.count, 0) || 1
  const out = Array.from({ length: 11 }, (_, children) => ({ children, share: 0 }))
  for (const h of histogram) out[Math.min(10, h.value)]!.share += h.count / total
  while (out.length > 1 && out.at(-1)!.share === 0) out.pop()
  return out.map((o) => ({ children: o.children, share: round(o.share) }))
}
