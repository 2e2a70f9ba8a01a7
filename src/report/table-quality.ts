import { round as roundDigits } from '../model/categories.js'
import { contingencySimilarity, correlationSimilarity, countPairs, spearman } from './metrics/column-pairs.js'
import { ksComplement, tvComplement } from './metrics/column-shapes.js'
import { binCuts, binIndex, discretize } from './metrics/number-bins.js'
import type { ColumnQuality, PairQuality } from './report.js'
import type { ComparedColumn } from './table-samples.js'

/** At most this many columns of a table enter pairs and heatmaps (the pairs grow with the square). */
const PAIR_COLUMNS = 12
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
    }
  })
}

/**
 * Column-pair trends: correlation similarity (Spearman) for two numeric or time columns, contingency similarity
 * (numbers binned on the real data) otherwise.
 */
export function pairQualities(columns: readonly ComparedColumn[]): PairQuality[] {
  // Free text has no values in common to pair; its lengths say nothing about the other columns.
  const used = columns.filter((c) => c.kind !== 'text').slice(0, PAIR_COLUMNS)
  const pairs: PairQuality[] = []
  for (let i = 0; i < used.length; i++) {
    for (let j = i + 1; j < used.length; j++) {
      const a = used[i]!
      const b = used[j]!
      if (a.kind !== 'category' && b.kind !== 'category') {
        const real = spearman(a.real as (number | null)[], b.real as (number | null)[])
        const twin = spearman(a.twin as (number | null)[], b.twin as (number | null)[])
        if (real === null || twin === null) continue
        pairs.push({
          a: a.name,
          b: b.name,
          metric: 'correlation',
          real: round(real),
          twin: round(twin),
          score: round(correlationSimilarity(real, twin)),
        })
      } else {
        const [ar, at] = labels(a)
        const [br, bt] = labels(b)
        const score = contingencySimilarity(countPairs(ar, br), countPairs(at, bt))
        pairs.push({
          a: a.name,
          b: b.name,
          metric: 'contingency',
          real: null,
          twin: null,
          score: round(score),
        })
      }
    }
  }
  return pairs
}

/** Spearman correlation matrices over the numeric and time columns, for the heatmaps. */
export function correlationMatrices(columns: readonly ComparedColumn[]) {
  const numeric = columns.filter((c) => c.kind === 'number' || c.kind === 'time').slice(0, PAIR_COLUMNS)
  if (numeric.length < 2) return null
  const matrix = (side: 'real' | 'twin') =>
    numeric.map((a) =>
      numeric.map((b) => {
        if (a === b) return 1
        const r = spearman(a[side] as (number | null)[], b[side] as (number | null)[])
        return r === null ? null : round(r)
      }),
    )
  return { columns: numeric.map((c) => c.name), real: matrix('real'), twin: matrix('twin') }
}

function labels(c: ComparedColumn): [string[], string[]] {
  if (c.kind === 'category') return [c.real.map(String), c.twin.map(String)]
  const { real, twin } = discretize(c.real as (number | null)[], c.twin as (number | null)[])
  return [real, twin]
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
