import { round as roundDigits } from '../model/categories.js'
import { pearson } from '../stats/correlation.js'
import { ksComplement, tvComplement } from './metrics/column-shapes.js'
import { binCuts, binIndex } from './metrics/number-bins.js'
import { pairColumn, pairTrend, pairable, rowsKept, type PairTrend } from './pair-trends.js'
import { mean } from './metrics/scores.js'
import type { ColumnQuality, InterTableQuality, PairQuality, QualitySection, TableQuality } from './report.js'
import type { ComparedColumn } from './table-samples.js'

/** Columns drawn in a table's correlation heatmaps: a picture, not a score (every pair is scored). */
const HEATMAP_COLUMNS = 12
/** Categories shown in a histogram; the rest are gathered as "other". */
const SHOWN_CATEGORIES = 10

/**
 * Column shapes (KS or TV complement), null rates and histograms, real against twin. Free text is shaped by the
 * lengths of its values: a model holds no values to compare, and a twin's free text is new on purpose.
 */
export function columnQualities(columns: readonly ComparedColumn[]): ColumnQuality[] {
  return columns.map((c) => {
    const nullRate = { real: round(nullShare(c.real)), twin: round(nullShare(c.twin)) }
    const shape =
      c.kind === 'category'
        ? tvComplement(counts(c.real), counts(c.twin))
        : ksComplement(quantities(c, 'real'), quantities(c, 'twin'))
    return {
      column: c.name,
      kind: c.kind,
      shape: round(shape),
      nullRate,
      nullScore: round(1 - Math.abs(nullRate.real - nullRate.twin)),
      histogram: histogram(c),
      realism: null,
    }
  })
}

/**
 * The quality properties over a whole twin: SDMetrics' four, each the mean over every column, pair, key or
 * parent × child pair of every table (the score is their mean, see overallQuality), and dbtwin's extras beside
 * them: null rates of every column, free text by its lengths, JSON by its paths, the detection score (the mean of the tables') and
 * text realism (the mean of the columns').
 */
export function qualityParts(tables: readonly TableQuality[]): Pick<QualitySection, 'parts' | 'extras'> {
  const columns = tables.flatMap((t) => t.columns)
  return {
    parts: {
      // SDMetrics' column types only: free text and JSON have no metric there, and are shown beside the score.
      columnShapes: mean(columns.filter((c) => c.kind !== 'text' && c.kind !== 'json').map((c) => c.shape)),
      columnPairs: mean(tables.flatMap((t) => t.pairs.map((p) => p.score))),
      cardinality: mean(tables.flatMap((t) => t.cardinality.map((c) => c.score))),
      interTable: mean(tables.flatMap((t) => t.interTable.map((c) => c.score))),
    },
    extras: {
      nullRates: mean(columns.map((c) => c.nullScore)),
      textLengths: mean(columns.filter((c) => c.kind === 'text').map((c) => c.shape)),
      jsonStructure: mean(columns.filter((c) => c.kind === 'json').map((c) => c.shape)),
      detection: mean(tables.map((t) => t.detection?.score)),
      textTokens: mean(columns.filter((c) => c.kind === 'text').map((c) => c.realism)),
      categoryValues: mean(columns.filter((c) => c.kind === 'category').map((c) => c.realism)),
    },
  }
}

/**
 * Column pair trends of one table, every pair of its number, time and category columns (see pair-trends.ts): no
 * column is left out for size; a wide table reads fewer rows instead.
 */
export function pairQualities(columns: readonly ComparedColumn[]): PairQuality[] {
  const used = pairable(columns)
  const pairs = (used.length * (used.length - 1)) / 2
  const keep = rowsKept(pairs, Math.max(used[0]?.real.length ?? 0, used[0]?.twin.length ?? 0))
  const prepared = used.map((c) => pairColumn(c, keep))
  const out: PairQuality[] = []
  for (let i = 0; i < prepared.length; i++)
    for (let j = i + 1; j < prepared.length; j++) {
      const trend = pairTrend(prepared[i]!, prepared[j]!)
      if (trend !== null) out.push({ a: prepared[i]!.name, b: prepared[j]!.name, ...rounded(trend) })
    }
  return out
}

/**
 * Inter-table trends across one foreign key: every parent column against every child column, on the child rows
 * joined to their parents (the denormalized table SDMetrics builds), scored as column pair trends.
 *
 * @param parent the parent's columns, aligned row by row with `child` (one row per child row)
 */
export function interTableQualities(
  foreignKey: string,
  parent: readonly ComparedColumn[],
  child: readonly ComparedColumn[],
): InterTableQuality[] {
  const ps = pairable(parent)
  const cs = pairable(child)
  const keep = rowsKept(ps.length * cs.length, Math.max(cs[0]?.real.length ?? 0, cs[0]?.twin.length ?? 0))
  const parents = ps.map((c) => pairColumn(c, keep))
  const children = cs.map((c) => pairColumn(c, keep))
  return parents.flatMap((p) =>
    children.flatMap((c) => {
      const trend = pairTrend(p, c)
      return trend === null
        ? []
        : [{ foreignKey, parentColumn: p.name, childColumn: c.name, ...rounded(trend) }]
    }),
  )
}

const rounded = (t: PairTrend): PairTrend => ({
  metric: t.metric,
  real: t.real === null ? null : round(t.real),
  twin: t.twin === null ? null : round(t.twin),
  score: round(t.score),
})

/** Pearson correlation matrices over the first numeric and time columns, for the heatmaps (display only). */
export function correlationMatrices(columns: readonly ComparedColumn[]) {
  const numeric = columns.filter((c) => c.kind === 'number' || c.kind === 'time').slice(0, HEATMAP_COLUMNS)
  if (numeric.length < 2) return null
  const matrix = (side: 'real' | 'twin') =>
    numeric.map((a) =>
      numeric.map((b) => {
        if (a === b) return 1
        const r = pearson(a[side] as (number | null)[], b[side] as (number | null)[])
        return r === null ? null : round(r)
      }),
    )
  return { columns: numeric.map((c) => c.name), real: matrix('real'), twin: matrix('twin') }
}

function histogram(c: ComparedColumn): ColumnQuality['histogram'] {
  if (c.kind === 'category') {
    const real = counts(c.real)
    const twin = counts(c.twin)
    const shown = [...real]
      .sort((x, y) => y[1] - x[1])
      .slice(0, SHOWN_CATEGORIES)
      .map(([v]) => v)
    const other = (m: Map<string, number>) =>
      [...m].filter(([v]) => !shown.includes(v)).reduce((s, [, n]) => s + n, 0)
    const bins = [
      ...shown,
      ...(real.size > shown.length || [...twin.keys()].some((v) => !shown.includes(v)) ? ['other'] : []),
    ]
    const share = (m: Map<string, number>) => {
      const total = [...m.values()].reduce((a, b) => a + b, 0) || 1
      return bins.map((b) => round((b === 'other' ? other(m) : (m.get(b) ?? 0)) / total))
    }
    return { bins, real: share(real), twin: share(twin) }
  }
  const realValues = quantities(c, 'real')
  // An empty source column has no edges: Math.min() of nothing is Infinity, which no date can label.
  if (realValues.length === 0) return { bins: [], real: [], twin: [] }
  const cuts = binCuts(realValues)
  const edges = [Math.min(...realValues), ...cuts, Math.max(...realValues)]
  const bins = edges.slice(0, -1).map((lo, i) => `${label(lo, c.kind)}–${label(edges[i + 1]!, c.kind)}`)
  const share = (values: number[]) => {
    const out = new Array<number>(bins.length).fill(0)
    for (const v of values) out[Math.min(bins.length - 1, binIndex(v, cuts))]! += 1
    return out.map((n) => round(n / (values.length || 1)))
  }
  return { bins, real: share(realValues), twin: share(quantities(c, 'twin')) }
}

function label(value: number, kind: ComparedColumn['kind']): string {
  // Dates beyond what a JavaScript Date holds (±275,760 years; PostgreSQL goes to 294,276 AD) keep their number.
  if (kind === 'time' && Math.abs(value) <= 8.64e12) return new Date(value * 1000).toISOString().slice(0, 10)
  return Math.abs(value) >= 1000 || Number.isInteger(value) ? String(Math.round(value)) : value.toPrecision(3)
}

const numbers = (values: readonly (number | string | null)[]) =>
  values.filter((v): v is number => typeof v === 'number')
/** The numbers a column's shape is measured on: its values, or for free text their lengths in characters. */
const quantities = (c: ComparedColumn, side: 'real' | 'twin') =>
  c.kind === 'text'
    ? c[side].filter((v): v is string => typeof v === 'string').map((v) => [...v].length)
    : numbers(c[side])
const nullShare = (values: readonly unknown[]) =>
  values.length === 0 ? 0 : values.filter((v) => v === null).length / values.length

function counts(values: readonly (number | string | null)[]): Map<string, number> {
  const m = new Map<string, number>()
  for (const v of values) if (v !== null) m.set(String(v), (m.get(String(v)) ?? 0) + 1)
  return m
}

/** Report figures keep four digits. */
export const round = (x: number) => roundDigits(x, 4)
